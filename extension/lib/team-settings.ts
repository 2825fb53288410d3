// Team mode's settings page (issue #16): the SettingsView the page renders, built in the page from what the
// background stored of the server (the member's view and GET /api/settings; kv `teamSync`), so the
// background carries none of this. Its actions go to the server through the background like the popup's.

import type { Account, DigestFrequency, Level, Permission, Plan } from '../../core/index.ts';
import { MSG } from '../../core/messages.ts';
import { POLICY } from '../../core/policy.ts';
import { accountOf } from '../background/team/view.ts';
import type { TeamSync } from './db.ts';
import type { SettingsAccount, SettingsView, TeamStatus } from './types.ts';

interface ServerSettings {
  plan: Plan;
  teams: string[];
  brands: string[];
  brandsAddon: boolean;
  blogs: string[];
  digest: { frequency: DigestFrequency; monthlyReport: boolean };
}

export function teamSettingsView(sync: TeamSync | undefined, status: TeamStatus): SettingsView | undefined {
  const view = sync?.view;
  const settings = sync?.settings as ServerSettings | undefined;
  if (!view || !settings) return undefined;
  const names = view.users ?? {};
  const me = view.me.id;
  const accounts: SettingsAccount[] = [];
  const hidden: SettingsAccount[] = [];
  const digest: SettingsView['digest']['accounts'] = [];
  for (const server of view.accounts) {
    const a = accountOf(server);
    const mayReconnect = server.you.mayReconnect;
    // R8: who to ask, in core's own words (the recommended reconnector, or the super admins).
    const recommended = a.recommendedReconnector;
    const ask =
      recommended && a.canReconnect.includes(recommended)
        ? { recommended: names[recommended] ?? recommended }
        : view.me.superAdmin
          ? { grant: true as const }
          : { superAdmins: a.canDisconnect.filter((id) => id !== recommended).map((id) => names[id] ?? id) };
    const refusal = mayReconnect
      ? null
      : MSG.reconnectForbidden({ id: a.id, profile: { name: a.name } } as unknown as Account, ask);
    const row: SettingsAccount = {
      ...a,
      level: server.you.level as Level,
      canReconnect: mayReconnect,
      reconnectRefusal: refusal
        ? {
            key: refusal.key,
            params: Object.fromEntries(Object.entries(refusal.params).map(([k, v]) => [k, String(v)])),
          }
        : null,
    };
    (a.visibleInSettings ? accounts : hidden).push(row);
    digest.push({
      account: a.id,
      inclusion: a.access === 'everyone' ? 'included' : 'not-everyone',
      ...POLICY[a.network].digest,
    });
  }
  return {
    at: status.asOf,
    mode: 'team',
    me: {
      id: me,
      name: view.me.name ?? me,
      permission: view.me.permission as Permission,
      superAdmin: view.me.superAdmin,
      digest: { frequency: settings.digest.frequency, monthlyReport: settings.digest.monthlyReport },
    },
    users: Object.entries(names).map(([id, name]) => ({ id, name })),
    teams: settings.teams,
    blogs: settings.blogs,
    plan: settings.plan,
    brands: settings.plan === 'enterprise' && settings.brandsAddon ? settings.brands : null,
    accounts,
    hidden,
    digest: { accounts: digest, counts: { interactions: 0, newFollowers: 0 } },
  };
}
