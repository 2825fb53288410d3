// How an account is presented: status label, reason, dates, posts, and which action is offered to whom.
// Pure functions over the stored view, so component tests and the background (badge, notifications)
// share them. Imports core's policy table and types only: the popup bundle must not pull in zod.
import { POLICY, REMINDER_LEAD } from '../../core/policy.ts';
import type { DisconnectReason, Network, Status } from '../../core/schemas.ts';
import { andList, day, duration, moment, orList, relativeTime } from './format.ts';
import { type MessageKey, plural, t } from './i18n.ts';
import type { AccountView, PopupView } from './types.ts';

/** The fixed status vocabulary. */
export const STATUS_LABEL: Record<Status, MessageKey> = {
  connected: 'statusConnected',
  'reauth-soon': 'statusReauthSoon',
  disconnected: 'statusDisconnected',
  lapsed: 'statusLapsed',
};

export const NETWORK_LABEL: Record<Network, MessageKey> = {
  facebook: 'networkFacebook',
  instagram: 'networkInstagram',
  x: 'networkX',
  linkedin: 'networkLinkedin',
  youtube: 'networkYoutube',
};

/** R2 reasons in plain words; the English catalogue mirrors core's REASON_TEXT (a test keeps them equal). */
const REASON_KEY: Record<DisconnectReason, MessageKey> = {
  'reauth-required': 'reasonReauthRequired',
  revoked: 'reasonRevoked',
  'token-expired': 'reasonTokenExpired',
  security: 'reasonSecurity',
  inactive: 'reasonInactive',
  deleted: 'reasonDeleted',
  manual: 'reasonManual',
};

const DAY = 86_400_000;

/** A catalogue lookup: the browser's (`t`), or the English catalogue read from disk (the headless report). */
export type Translate = (key: MessageKey, ...substitutions: Array<string | number>) => string;

function interval(network: Network, tr: Translate): string {
  const rule = POLICY[network].reauth;
  if (!rule) return tr('intervalNone');
  const days = Math.round(rule.after / DAY);
  return rule.from === 'activity' ? tr('intervalInactivity', days) : tr('intervalEvery', days);
}

export function reasonText(reason: DisconnectReason, network: Network, tr: Translate = t): string {
  const label = tr(NETWORK_LABEL[network]);
  return reason === 'reauth-required'
    ? tr(REASON_KEY[reason], label, interval(network, tr))
    : tr(REASON_KEY[reason], label);
}

/**
 * R7: `reauth-soon` is derived from time, so the popup re-derives it against its own clock: a view built
 * yesterday still shows today's status. Disconnects and lapses are the background's to decide.
 */
export function liveStatus(account: AccountView, now: number): Status {
  if (account.status !== 'connected' && account.status !== 'reauth-soon') return account.status;
  if (account.reauthDueAt === null) return 'connected';
  return now >= account.reauthDueAt - REMINDER_LEAD ? 'reauth-soon' : 'connected';
}

export type FixAction = 'reconnect' | 'refresh-connection';

/** R7: the one action that fixes each status. */
export const FIX_ACTION: Record<Status, FixAction | null> = {
  connected: null,
  'reauth-soon': 'refresh-connection',
  disconnected: 'reconnect',
  lapsed: 'reconnect',
};

export const ACTION_LABEL: Record<FixAction | 'disconnect', MessageKey> = {
  reconnect: 'actionReconnect',
  'refresh-connection': 'actionRefresh',
  disconnect: 'actionDisconnect',
};

/** R10: only a connected account can be disconnected. */
export function offersDisconnect(status: Status): boolean {
  return status === 'connected' || status === 'reauth-soon';
}

function names(view: Pick<PopupView, 'users'>, ids: string[], first: string | null, locale: string): string {
  const ordered = first && ids.includes(first) ? [first, ...ids.filter((id) => id !== first)] : ids;
  if (ordered.length === 0) return t('nobody');
  // Three names are enough to find someone; the rest of the list would only bury them.
  return orList(
    ordered.slice(0, 3).map((id) => view.users[id] ?? id),
    locale,
  );
}

/**
 * R8 (Decision): why I may not reconnect, and who can: the recommended reconnector when they may, otherwise
 * a super admin (a super admin without access is told they can give access). Null when I may.
 */
export function whyNoReconnect(view: Pick<PopupView, 'users' | 'me'>, a: AccountView) {
  if (a.canReconnect.includes(view.me.id)) return null;
  const recommended = a.recommendedReconnector;
  if (recommended !== null && a.canReconnect.includes(recommended)) {
    return t('cannotReconnect', view.users[recommended] ?? recommended);
  }
  return t(view.me.superAdmin ? 'cannotReconnectSelfAdmin' : 'cannotReconnectAdmin');
}

/** R10: why I may not disconnect, naming who can; null when I may. */
export function whyNoDisconnect(view: Pick<PopupView, 'users' | 'me'>, a: AccountView, locale: string) {
  if (a.canDisconnect.includes(view.me.id)) return null;
  return t('cannotDisconnect', names(view, a.canDisconnect, a.recommendedReconnector, locale));
}

/** The date that matters for the status, in words (R1, R4, R5, R7). */
export function whenText(a: AccountView, status: Status, now: number, locale: string): string {
  switch (status) {
    case 'connected':
      return a.reauthDueAt === null
        ? t('whenNoReauth')
        : t('whenReauthDue', relativeTime(a.reauthDueAt, now, locale));
    case 'reauth-soon':
      return t('whenRefreshBy', day(a.reauthDueAt!, now, locale), relativeTime(a.reauthDueAt!, now, locale));
    case 'disconnected': {
      const deadline = a.reconnectDeadline ?? now;
      return t('whenReconnectWithin', duration(deadline - now, locale), day(deadline, now, locale));
    }
    case 'lapsed':
      return t('whenLapsed', relativeTime(a.reconnectDeadline ?? a.disconnectedAt ?? now, now, locale));
  }
}

/** What happened to the account's posts (R3, R4, R5). */
export function postsText(a: AccountView, status: Status, now: number, locale: string): string[] {
  const p = a.posts;
  if (status === 'lapsed') return p.lost > 0 ? [plural('postsLost', p.lost)] : [];
  if (status === 'disconnected') {
    const lines: string[] = [];
    const by = day(a.reconnectDeadline ?? now, now, locale);
    if (p.cancelled > 0) lines.push(plural('postsCancelled', p.cancelled, by));
    if (p.missed > 0) lines.push(plural('postsMissed', p.missed));
    if (p.published > 0) lines.push(plural('postsHidden', p.published));
    return lines;
  }
  const lines = [p.scheduled > 0 ? plural('postsScheduled', p.scheduled) : t('postsNone')];
  if (p.missed > 0) lines.push(plural('postsMissed', p.missed));
  return lines;
}

/** R3: what the Disconnect confirmation says will be cancelled. */
export function disconnectConsequence(a: AccountView): string {
  return a.posts.scheduled > 0 ? plural('confirmCancels', a.posts.scheduled) : t('confirmCancelsNone');
}

/** R11: a transient failure on the last check, and when the next try is. */
export function checkText(a: AccountView, now: number, locale: string): string | null {
  const check = a.lastCheck;
  if (!check || check.outcome === 'ok' || check.outcome === 'auth-error') return null;
  const outcome: Record<typeof check.outcome, MessageKey> = {
    'rate-limited': 'outcomeRateLimited',
    unavailable: 'outcomeUnavailable',
    'network-error': 'outcomeNetworkError',
  };
  return t('lastCheckFailed', t(outcome[check.outcome]), relativeTime(check.retryAt ?? now, now, locale));
}

/**
 * The popup's first render shows this many rows (the most urgent first; the background stores them apart as
 * the `glance` record) and the rest follow in chunks, one task at a time: 1,000 accounts in one go would
 * block the popup for a quarter of a second on a slow machine, while a popup shows at most ten (Chrome caps
 * it at 600 px high; the header takes about 170 px, a compact healthy row about 42 px, a row that needs
 * action 100 px or more). Issue #5: first render < 100 ms.
 */
export const FIRST_ROWS = 10;

/** The popup's headings by urgency: what needs a person now, what soon, what is fine. */
export type Group = 'action' | 'soon' | 'fine';
export const GROUPS: readonly Group[] = ['action', 'soon', 'fine'];
export const GROUP_OF: Record<Status, Group> = {
  disconnected: 'action',
  lapsed: 'action',
  'reauth-soon': 'soon',
  connected: 'fine',
};
export const GROUP_LABEL: Record<Group, MessageKey> = {
  action: 'groupAction',
  soon: 'groupSoon',
  fine: 'groupFine',
};

/** The summary strip's order: the most urgent status first, as the list. */
export const STATUSES: readonly Status[] = ['disconnected', 'lapsed', 'reauth-soon', 'connected'];

export type Counts = Record<Status, number>;

export function countStatuses(list: readonly { status: Status }[]): Counts {
  const counts: Counts = { disconnected: 0, lapsed: 0, 'reauth-soon': 0, connected: 0 };
  for (const r of list) counts[r.status] += 1;
  return counts;
}

/** Accounts that need a person: everything but `connected`. */
export const attentionOf = (c: Counts) => c.disconnected + c.lapsed + c['reauth-soon'];

/**
 * R11 (issue #13): a person's "Check now" went ahead although the network had asked to wait; says for
 * which accounts, and until when it had asked.
 */
export function checkedAnywayText(
  waited: ReadonlyArray<{ account: string; until: number }>,
  accounts: readonly AccountView[],
  now: number,
  locale: string,
): string {
  const names = waited.map((w) => accounts.find((a) => a.id === w.account)?.name ?? w.account);
  const until = Math.max(...waited.map((w) => w.until));
  return t('checkedAnyway', andList(names, locale), moment(until, { locale }, now));
}

/** Accounts needing action first, the most urgent first; then by name. */
const ORDER: Record<Status, number> = { disconnected: 0, lapsed: 1, 'reauth-soon': 2, connected: 3 };

export interface Row {
  account: AccountView;
  status: Status;
}

let collator: Intl.Collator | undefined;

export function rows(accounts: readonly AccountView[], now: number): Row[] {
  // A cached Collator: String#localeCompare builds one per call, which a 1,000-row sort would feel.
  collator ??= new Intl.Collator();
  const compare = collator.compare;
  // Sort keys computed once per row, not once per comparison.
  const keyed = accounts.map((account) => {
    const status = liveStatus(account, now);
    const urgency =
      status === 'disconnected'
        ? (account.reconnectDeadline ?? 0)
        : (account.reauthDueAt ?? Number.MAX_VALUE);
    return { row: { account, status }, order: ORDER[status], urgency };
  });
  keyed.sort(
    (a, b) => a.order - b.order || a.urgency - b.urgency || compare(a.row.account.name, b.row.account.name),
  );
  return keyed.map((k) => k.row);
}

/** Lower case without accents, so "jose" finds "José" and "cafe" finds "Café". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
const searchText = new WeakMap<AccountView, string>();

/**
 * The popup's search over name and handle: every word of the query must appear in one of them, whatever
 * the case, accents or a leading "@". Null for an empty query (everything matches).
 */
export function searchFor(query: string): ((a: AccountView) => boolean) | null {
  const words = fold(query)
    .split(/\s+/)
    .map((w) => w.replace(/^@/, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  return (a) => {
    let text = searchText.get(a);
    if (text === undefined) {
      text = fold(`${a.name} ${a.handle ?? ''}`);
      searchText.set(a, text);
    }
    return words.every((w) => text.includes(w));
  };
}
