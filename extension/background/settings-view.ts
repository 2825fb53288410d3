// The settings page's view, from the current user's point of view, rebuilt with every commit like the
// popup's: S3 hides accounts a draft-only user without access may not see; R9 moves accounts disconnected
// for more than 90 days out of the table into the Connect-account dialog; S7's digest preview says which
// accounts the user's digest includes and why the others are left out.
import {
  type Account,
  digest,
  digestInclusion,
  type Level,
  level,
  MSG,
  POLICY,
  reconnectContact,
  type State,
  settingsOf,
  snapshot,
} from '../../core/index.ts';
import type { SettingsAccount, SettingsView } from '../lib/types.ts';

/** R8: core's own refusal for this account, with user names in place of ids. */
function reconnectRefusal(state: State, account: Account, me: string): SettingsAccount['reconnectRefusal'] {
  const nameOf = (id: string) => state.users[id]?.name ?? id;
  const contact = reconnectContact(state, account, me);
  const ask =
    'recommended' in contact
      ? { recommended: nameOf(contact.recommended) }
      : 'superAdmins' in contact
        ? { superAdmins: contact.superAdmins.map(nameOf) }
        : contact;
  const { key, params } = MSG.reconnectForbidden(account, ask);
  return { key, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) };
}

export function buildSettingsView(
  state: State,
  me: string,
  now: number,
  mode: SettingsView['mode'],
): SettingsView {
  const user = state.users[me];
  const accounts: SettingsAccount[] = [];
  const hidden: SettingsAccount[] = [];
  const included: SettingsView['digest']['accounts'] = [];
  for (const account of state.accounts.list()) {
    const mine: Level = user ? level(user, account) : 'none';
    if (mine === 'hidden') continue;
    const s = snapshot(state, account, now);
    const row: SettingsAccount = {
      id: s.id,
      network: s.network,
      name: account.profile?.name ?? account.id,
      handle: account.profile?.handle ?? null,
      status: s.status,
      disconnectedAt: s.disconnectedAt,
      ...settingsOf(s),
      level: mine,
      canReconnect: s.canReconnect.includes(me),
      recommendedReconnector: s.recommendedReconnector,
      reconnectRefusal: s.canReconnect.includes(me) ? null : reconnectRefusal(state, account, me),
    };
    // R9: not listed in settings, still offered (pre-selected, greyed) in the Connect-account dialog.
    (s.visibleInSettings ? accounts : hidden).push(row);
    const rule = POLICY[account.network].digest;
    included.push({
      account: account.id,
      inclusion: digestInclusion(account),
      interactions: rule.interactions,
      followers: rule.followers,
      counts: account.stats,
    });
  }
  const entry = digest(state).find((d) => d.user === me);
  const { plan, brandsAddon, brands, blogs, teams } = state.settings;
  return {
    at: now,
    mode,
    me: {
      id: me,
      name: user?.name ?? me,
      permission: user?.permission ?? 'draft-only',
      superAdmin: user?.superAdmin ?? false,
      digest: user?.digest ?? { frequency: 'off', monthlyReport: false },
    },
    users: Object.values(state.users).map((u) => ({ id: u.id, name: u.name ?? u.id })),
    teams,
    blogs,
    plan,
    // S8: brands exist only on enterprise with the add-on.
    brands: plan === 'enterprise' && brandsAddon ? brands : null,
    accounts,
    hidden,
    digest: {
      accounts: included,
      counts: entry?.counts ?? { interactions: 0, newFollowers: 0 },
    },
  };
}
