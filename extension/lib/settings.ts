// What the settings page offers and why a control is disabled (S2, S3, S4, S6, S8, R8), as pure functions
// over the stored SettingsView, so components stay thin and tests can call them. A disabled control's
// reason is the core's own message (key + params), so it reads exactly like the refusal it prevents.
import type { Access, DigestFrequency, Permission, Plan } from '../../core/schemas.ts';
import type { MessageKey } from './i18n.ts';
import type { Refusal } from './refusal.ts';
import type { SettingsAccount, SettingsView } from './types.ts';

export type AccessChoice = 'private' | 'everyone' | 'selected';

export const ACCESS_LABEL: Record<AccessChoice, MessageKey> = {
  private: 'accessPrivate',
  everyone: 'accessEveryone',
  selected: 'accessSelected',
};

export const PERMISSION_LABEL: Record<Permission, MessageKey> = {
  'draft-only': 'permDraftOnly',
  'own-accounts': 'permOwnAccounts',
  'all-accounts': 'permAllAccounts',
};

export const PLAN_LABEL: Record<Plan, MessageKey> = {
  professional: 'planProfessional',
  enterprise: 'planEnterprise',
};

export const FREQUENCY_LABEL: Record<DigestFrequency, MessageKey> = {
  off: 'freqOff',
  daily: 'freqDaily',
  weekly: 'freqWeekly',
};

export const VISIBILITY_LABEL = {
  'all-sources': 'visibilityAllSources',
  'app-only': 'visibilityAppOnly',
} as const;

export function accessChoice(access: Access): AccessChoice {
  return typeof access === 'string' ? access : 'selected';
}

/** S2: an explicit list of users and teams is only offered on enterprise. */
export function accessChoices(plan: Plan): AccessChoice[] {
  return plan === 'enterprise' ? ['private', 'everyone', 'selected'] : ['private', 'everyone'];
}

const reason = (rule: string, key: string, params: Record<string, string> = {}): Refusal => ({
  rule,
  key,
  params,
  message: key,
});

export interface ControlReasons {
  access: Refusal | null;
  autopublish: Refusal | null;
  default: Refusal | null;
  visibility: Refusal | null;
  brand: Refusal | null;
}

/** Why each control of a row is disabled for the current user (null: enabled). */
export function controlReasons(view: SettingsView, a: SettingsAccount): ControlReasons {
  const name = { name: a.name };
  const full = a.level === 'full';
  const connected = a.status === 'connected' || a.status === 'reauth-soon';
  return {
    // S2: only super admins change access.
    access: view.me.superAdmin ? null : reason('S2', 'accessSuperAdmin'),
    // S3: auto-publishing needs full access; draft-only never edits it.
    autopublish: full && view.me.permission !== 'draft-only' ? null : reason('S3', 'noFullAccess', name),
    // S3/S5: anyone who sees the account may set it as a default, draft-only included.
    default: a.level === 'none' ? reason('S3', 'hidden', name) : null,
    // S4: a visibility change is a reconnect, so it needs R8's permission and a connected account.
    visibility: !connected
      ? reason('R7', 'refreshNotConnected', name)
      : a.reconnectRefusal === null
        ? null
        : reason('R8', a.reconnectRefusal.key, a.reconnectRefusal.params),
    // S8: a super admin or someone with full access to the account.
    brand: view.me.superAdmin || full ? null : reason('S3', 'noFullAccess', name),
  };
}

/** S3: draft-only users never connect accounts. */
export function connectReason(view: SettingsView): Refusal | null {
  return view.me.permission === 'draft-only' ? reason('S3', 'draftOnlyConnect') : null;
}

/** S8: the brand switcher shows only the selected brand's accounts. */
export function byBrand(accounts: SettingsAccount[], brand: string): SettingsAccount[] {
  return brand === '' ? accounts : accounts.filter((a) => a.brand === brand);
}
