// The settings rules a person changes: account access (S2), default accounts (S5), auto-publishing links
// (S1), brands (S8) and the inbox digest (S7), each checked against S3's permission levels.
import { level } from '../access.ts';
import { MSG } from '../messages.ts';
import { DEFAULT_LIMIT, POLICY } from '../policy.ts';
import { actor, type Family, isRejection, log, ok, reject, withAccount } from './kit.ts';

type SettingsEvent = 'set-access' | 'set-default' | 'set-autopublish' | 'assign-brand' | 'set-digest';

export const SETTINGS: Family<SettingsEvent> = {
  'set-access'(state, e) {
    const a = actor(state, e.account, e.by, 'S2');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (!user.superAdmin) return reject(state, 'S2', MSG.accessSuperAdmin());
    if (typeof e.access === 'object') {
      if (state.settings.plan !== 'enterprise') return reject(state, 'S2', MSG.accessListEnterprise());
      const unknown = e.access.users.find((u) => !(u in state.users));
      if (unknown) return reject(state, 'S2', MSG.unknownUser(unknown));
    }
    if (e.access !== 'everyone' && account.autopublishBlog !== null) {
      return reject(state, 'S1', MSG.accessBreaksAutopublish(account));
    }
    return ok(withAccount(state, { ...account, access: e.access }), [
      typeof e.access === 'string'
        ? log('S2', account.id, 'accessSet', { access: e.access, by: e.by })
        : log('S2', account.id, 'accessListSet', {
            users: e.access.users.join(', '),
            teams: e.access.teams.join(', '),
            by: e.by,
          }),
    ]);
  },

  'set-default'(state, e) {
    const a = actor(state, e.account, e.by, 'S5');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    // S3: every permission, draft-only included, may set default accounts, for accounts the user can see.
    if (level(user, account) === 'hidden' || level(user, account) === 'none') {
      return reject(state, 'S3', MSG.hidden(account));
    }
    if (e.value && !account.isDefault) {
      const defaults = state.accounts.list().filter((x) => x.isDefault);
      const limit = DEFAULT_LIMIT[state.settings.plan];
      if (defaults.length >= limit) return reject(state, 'S5', MSG.defaultLimit(limit, state.settings.plan));
      const otherX = account.network === 'x' ? defaults.find((x) => x.network === 'x') : undefined;
      if (otherX) return reject(state, 'S5', MSG.defaultX(otherX.profile?.name ?? otherX.id));
    }
    return ok(withAccount(state, { ...account, isDefault: e.value }), [
      log('S5', account.id, e.value ? 'defaultOn' : 'defaultOff', { by: e.by }),
    ]);
  },

  'set-autopublish'(state, e) {
    const a = actor(state, e.account, e.by, 'S1');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (user.permission === 'draft-only' || level(user, account) !== 'full') {
      return reject(state, 'S3', MSG.noFullAccess(account));
    }
    if (e.blog !== null) {
      if (!state.settings.blogs.includes(e.blog)) return reject(state, 'S1', MSG.unknownBlog(e.blog));
      if (!POLICY[account.network].autopublish) return reject(state, 'S1', MSG.autopublishInstagram());
      if (account.access !== 'everyone') return reject(state, 'S1', MSG.autopublishAccess(account));
    }
    return ok(withAccount(state, { ...account, autopublishBlog: e.blog }), [
      e.blog
        ? log('S1', account.id, 'autopublishOn', { blog: e.blog })
        : log('S1', account.id, 'autopublishOff'),
    ]);
  },

  'assign-brand'(state, e) {
    const a = actor(state, e.account, e.by, 'S8');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (state.settings.plan !== 'enterprise' || !state.settings.brandsAddon) {
      return reject(state, 'S8', MSG.brandsNeedAddon());
    }
    if (e.brand !== null && !state.settings.brands.includes(e.brand)) {
      return reject(state, 'S8', MSG.unknownBrand(e.brand));
    }
    if (!user.superAdmin && level(user, account) !== 'full')
      return reject(state, 'S3', MSG.noFullAccess(account));
    // S8: an account belongs to at most one brand; assigning moves it.
    return ok(withAccount(state, { ...account, brand: e.brand }), [
      e.brand ? log('S8', account.id, 'brandSet', { brand: e.brand }) : log('S8', account.id, 'brandRemoved'),
    ]);
  },

  'set-digest'(state, e) {
    const user = state.users[e.user];
    if (!user) return reject(state, 'S7', MSG.unknownUser(e.user));
    const next = { ...user, digest: { frequency: e.frequency, monthlyReport: e.monthlyReport } };
    return ok({ ...state, users: { ...state.users, [user.id]: next } }, [
      log('S7', null, 'digestSet', {
        user: user.id,
        frequency: e.frequency,
        monthlyReport: e.monthlyReport ? 'on' : 'off',
      }),
    ]);
  },
};
