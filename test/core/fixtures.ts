// A small team to exercise the rules with. Times are relative to T0.
import {
  type Account,
  type AccountInput,
  createState,
  DAY,
  type State,
  type StateInput,
} from '../../core/index.ts';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const at = (days: number, ms = 0) => T0 + days * DAY + ms;

export const USERS: StateInput['users'] = [
  { id: 'ada', superAdmin: true, permission: 'all-accounts' },
  { id: 'ben', permission: 'own-accounts', teams: ['emea'] },
  { id: 'cy', permission: 'draft-only' },
  { id: 'dee', permission: 'all-accounts' },
];

export function team(accounts: AccountInput[], extra: Partial<StateInput> = {}): State {
  return createState({ plan: 'enterprise', users: USERS, accounts, ...extra });
}

export const acct = (
  id: string,
  network: AccountInput['network'],
  more: Partial<AccountInput> = {},
): AccountInput => ({
  id,
  network,
  connectedBy: 'ben',
  connectedAt: T0,
  ...more,
});

/** A stored Account record as core keeps it (not an input): connected Facebook at T0, unless `over` says. */
export const accountRecord = (over: Partial<Account>): Account => ({
  id: 'a',
  network: 'facebook',
  profile: null,
  connectedBy: 'ada',
  connectedAt: T0,
  lastActiveAt: T0,
  status: 'connected',
  reason: null,
  disconnectedAt: null,
  access: 'everyone',
  postVisibility: 'all-sources',
  isDefault: false,
  autopublishBlog: null,
  brand: null,
  lastCheck: null,
  remindedFor: null,
  lost: 0,
  stats: { interactions: 0, conversations: 0, newFollowers: 0 },
  ...over,
});
