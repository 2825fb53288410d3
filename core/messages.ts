// Words shown to people when a rule says no. Each message is a key and parameters, so the extension can
// show it in the reader's language (its _locales carry `msg_<key>` with the same {placeholders}); the
// English templates here are what the headless report prints. Each says what to do instead.
import { POLICY } from './policy.ts';
import type { Account, DisconnectReason } from './schemas.ts';

export const MESSAGES = {
  unknownAccount: 'There is no account "{account}". Check the account id.',
  unknownUser: 'There is no user "{user}". Check the user id.',
  unknownBlog: 'There is no blog "{blog}". Add the blog feed first.',
  unknownBrand: 'There is no brand "{brand}". Create the brand first.',
  reconnectConnected:
    '{name} is connected, so there is nothing to reconnect. Use "Refresh connection" to re-authorize it before its due date.',
  refreshNotConnected: '{name} is not connected. Use "Reconnect" to connect it again.',
  reconnectForbidden:
    'Only users with the "All accounts" permission and access to {name} can reconnect it. Ask {recommended}, who connected it.',
  reconnectForbiddenAdmin:
    'Only users with the "All accounts" permission and access to {name} can reconnect it. Ask a super admin ({admins}).',
  reconnectForbiddenGrant:
    'Only users with the "All accounts" permission and access to {name} can reconnect it. As a super admin, you can give access to someone with that permission first.',
  reconnectForbiddenNobody:
    'Only users with the "All accounts" permission and access to {name} can reconnect it, and nobody on the team can give that access: a super admin is needed.',
  differentAccount:
    'A different {network} account ({got}) gave consent. Sign in to {network} as {expected} and reconnect again; nothing was changed.',
  disconnectForbidden:
    'Only a super admin or the user who last connected {name} ({connector}) can disconnect it.',
  alreadyDisconnected: '{name} is already disconnected.',
  connectExists: '{name} is already added. Use "Reconnect" if it is disconnected.',
  draftOnlyConnect: 'Users with the "Draft only" permission cannot connect or disconnect accounts.',
  visibilityFixed: '{network} always reports posts from all sources; only X lets you choose.',
  accessSuperAdmin: 'Only super admins can change who has access to an account.',
  accessListEnterprise:
    'Giving access to selected users and teams needs the Enterprise plan. Choose "Everyone" or "Only me".',
  accessBreaksAutopublish:
    '{name} auto-publishes blog posts, which is only allowed when everyone has access. Turn off auto-publishing first.',
  autopublishInstagram:
    'Blog posts cannot be auto-published to Instagram, because links are not allowed in Instagram posts.',
  autopublishAccess:
    'Auto-publishing needs {name} to be shared with everyone. Change its access to "Everyone" first.',
  noFullAccess: 'Your permission does not let you change {name}. Ask someone with full access to it.',
  hidden: 'You do not have access to {name}.',
  defaultLimit:
    'You already have {limit} default accounts, the most the {plan} plan allows. Remove one first.',
  defaultX: 'Only one X account can be a default, and {other} already is. Remove it as default first.',
  brandsNeedAddon: 'Brands need the Enterprise plan with the brands add-on.',
  publishDisconnected: '{name} is disconnected, so nothing can be published to it. Reconnect it first.',
  publishNotDue: 'Post "{post}" is not scheduled, so there is nothing to publish.',
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;
export interface Message {
  key: MessageKey;
  params: MessageParams;
}

/** Fill a template's {placeholders}; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const render = (m: Message): string => fill(MESSAGES[m.key], m.params);

const name = (a: Account) => a.profile?.name ?? a.id;
const net = (a: Pick<Account, 'network'>) => POLICY[a.network].label;
const msg = (key: MessageKey, params: MessageParams = {}): Message => ({ key, params });

export const MSG = {
  unknownAccount: (account: string) => msg('unknownAccount', { account }),
  unknownUser: (user: string) => msg('unknownUser', { user }),
  unknownBlog: (blog: string) => msg('unknownBlog', { blog }),
  unknownBrand: (brand: string) => msg('unknownBrand', { brand }),
  reconnectConnected: (a: Account) => msg('reconnectConnected', { name: name(a) }),
  refreshNotConnected: (a: Account) => msg('refreshNotConnected', { name: name(a) }),
  /** R8: who to ask, as ids (the report) or display names (the extension passes names). */
  reconnectForbidden: (
    a: Account,
    ask: { recommended: string } | { superAdmins: string[] } | { grant: true },
  ) =>
    'recommended' in ask
      ? msg('reconnectForbidden', { name: name(a), recommended: ask.recommended })
      : 'grant' in ask
        ? msg('reconnectForbiddenGrant', { name: name(a) })
        : ask.superAdmins.length > 0
          ? msg('reconnectForbiddenAdmin', { name: name(a), admins: ask.superAdmins.join(', ') })
          : msg('reconnectForbiddenNobody', { name: name(a) }),
  differentAccount: (a: Account, got: string) =>
    msg('differentAccount', {
      network: net(a),
      got,
      expected: a.profile?.handle ?? a.profile?.name ?? a.id,
    }),
  disconnectForbidden: (a: Account) =>
    msg('disconnectForbidden', { name: name(a), connector: a.connectedBy }),
  alreadyDisconnected: (a: Account) => msg('alreadyDisconnected', { name: name(a) }),
  connectExists: (a: Account) => msg('connectExists', { name: name(a) }),
  draftOnlyConnect: () => msg('draftOnlyConnect'),
  visibilityFixed: (a: Account) => msg('visibilityFixed', { network: net(a) }),
  accessSuperAdmin: () => msg('accessSuperAdmin'),
  accessListEnterprise: () => msg('accessListEnterprise'),
  accessBreaksAutopublish: (a: Account) => msg('accessBreaksAutopublish', { name: name(a) }),
  autopublishInstagram: () => msg('autopublishInstagram'),
  autopublishAccess: (a: Account) => msg('autopublishAccess', { name: name(a) }),
  noFullAccess: (a: Account) => msg('noFullAccess', { name: name(a) }),
  hidden: (a: Account) => msg('hidden', { name: name(a) }),
  defaultLimit: (limit: number, plan: string) => msg('defaultLimit', { limit, plan }),
  defaultX: (other: string) => msg('defaultX', { other }),
  brandsNeedAddon: () => msg('brandsNeedAddon'),
  publishDisconnected: (a: Account) => msg('publishDisconnected', { name: name(a) }),
  publishNotDue: (post: string) => msg('publishNotDue', { post }),
};

/** R2 reasons in plain words, used by logs and the headless report; the extension has its own catalogue. */
export const REASON_TEXT: Record<DisconnectReason, (a: Pick<Account, 'network'>) => string> = {
  'reauth-required': (a) => `${net(a)} requires re-authorization (${reauthText(a)})`,
  revoked: (a) => `Access was revoked on ${net(a)}`,
  'token-expired': (a) => `The ${net(a)} token expired and could not be refreshed`,
  security: (a) => `${net(a)} locked the connection for security reasons (password change or checkpoint)`,
  inactive: (a) => `${net(a)} deactivated the connection after a long time without use`,
  deleted: (a) => `The account no longer exists on ${net(a)}`,
  manual: () => 'Disconnected here by a user',
};

function reauthText(a: Pick<Account, 'network'>): string {
  const rule = POLICY[a.network].reauth;
  if (!rule) return 'no fixed interval';
  const days = Math.round(rule.after / 86_400_000);
  return rule.from === 'activity' ? `after ${days} days without activity` : `every ${days} days`;
}

/**
 * What the connection log says, as keys and parameters like the rejections above, so each edge words it in
 * its reader's language: the extension's _locales carry `log_<key>` and format instants (epoch ms params,
 * INSTANT_PARAMS) through Intl in the reader's time zone. These English templates are the headless line
 * (`message`), with ISO instants.
 */
export const LOG_MESSAGES = {
  connected: 'Connected by {by}.',
  disconnected: '{reason}. {cancelled} scheduled post(s) cancelled.',
  reconnected: 'Reconnected by {by}: {restored} post(s) scheduled again, {missed} missed while disconnected.',
  freshReconnect: 'Reconnected by {by} as a fresh connection; the earlier history was lost.',
  refreshed: 'Connection refreshed by {by}; next re-authorization {due}.',
  refreshedNoDue: 'Connection refreshed by {by}; next re-authorization never.',
  accessSet: 'Access set to {access} by {by}.',
  accessListSet: 'Access set to users [{users}] and teams [{teams}] by {by}.',
  defaultOn: 'Marked as a default account by {by}.',
  defaultOff: 'Unmarked as a default account by {by}.',
  autopublishOn: 'Auto-publishes blog "{blog}".',
  autopublishOff: 'Auto-publishing turned off.',
  brandSet: 'Moved to brand "{brand}".',
  brandRemoved: 'Removed from its brand.',
  digestSet: '{user}: digest {frequency}, monthly report {monthlyReport}.',
  blogPostQueued: 'Blog post "{title}" will be shared at {at}.',
  blogPostNotShared: 'Blog post "{title}" not shared: the account is disconnected.',
  published: 'Published post "{post}".',
  publishRetry: 'Publishing "{post}" failed ({outcome}); retrying at {retryAt}.',
  reminder: 'Reminder sent: re-authorize before {due}.',
  lapsed: 'Not reconnected within the window: {lost} post(s) and the history are gone.',
  checkTransient: 'Check {outcome}; status unchanged, next check at {retryAt}.',
  renewed: 'Token renewed ahead of its expiry.',
  renewRefused: 'The network refused the token renewal ({reason}).',
  renewFailed: 'Token renewal failed ({outcome}).',
  renewRetry: 'Token renewal failed ({outcome}); retrying at {retryAt}.',
} as const;

export type LogKey = keyof typeof LOG_MESSAGES;
export interface LogMessage {
  key: LogKey;
  params: MessageParams;
}

/** Parameters that hold an instant (epoch ms): the edges format them, never the core. */
export const INSTANT_PARAMS: ReadonlySet<string> = new Set(['at', 'due', 'retryAt']);

/** Parameters that name a user or an account by id: a UI shows the display name instead (never an id). */
export const REFERENCE_PARAMS: Readonly<Record<string, 'user' | 'account' | 'post'>> = {
  by: 'user',
  user: 'user',
  recommended: 'user',
  connector: 'user',
  account: 'account',
  post: 'post',
};

/** An instant as ISO; total: an instant no Date can hold is printed as its number (issue #13). */
function isoOrNumber(t: number): string {
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? `${t} (not a valid time)` : date.toISOString();
}

/** The English log line of the headless shells: instants as ISO, reasons in words (REASON_TEXT). */
export function renderLog(m: LogMessage): string {
  const p = m.params;
  const words: MessageParams = {};
  for (const [k, v] of Object.entries(p)) {
    if (INSTANT_PARAMS.has(k)) words[k] = isoOrNumber(Number(v));
    else if (k === 'reason') {
      const network = String(p.network) as Account['network'];
      words[k] = REASON_TEXT[v as DisconnectReason]({ network });
    } else words[k] = v;
  }
  return fill(LOG_MESSAGES[m.key], words);
}
