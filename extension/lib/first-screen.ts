// Everything the popup's screen says, as plain strings: the header, the summary strip, the filters, the
// urgency headings and each account row.
// The components (App, AccountItem) render these strings, and so does the popup's first paint
// (components/first-screen-dom.ts builds the same markup with createElement and text nodes before Preact
// has run), so both say exactly the same thing. The background stores the first screen's strings in the
// `glance` record (background/view.ts): working them out in a cold popup (Intl formatters, catalogue
// lookups) took 2-9 ms of its first render. Pure functions over the stored view: no DOM, no Preact.
import type { Network, Status } from '../../core/schemas.ts';
import { plural, t, locale as uiLocale } from './i18n.ts';
import {
  ACTION_LABEL,
  attentionOf,
  type Counts,
  checkText,
  countStatuses,
  FIRST_ROWS,
  FIX_ACTION,
  GROUP_LABEL,
  GROUP_OF,
  type Group,
  NETWORK_LABEL,
  offersDisconnect,
  postsText,
  reasonText,
  rows,
  STATUS_LABEL,
  STATUSES,
  whenText,
  whyNoDisconnect,
  whyNoReconnect,
} from './present.ts';
import { namesOf, refusalText } from './refusal.ts';
import { type ConnectText, connectText } from './standalone.ts';
import { blockedText } from './team-text.ts';
import type { AccountView, PopupView } from './types.ts';

/** A network's mark as a coloured letter badge (colours in style.css `.net.<network>`): no image fetch. */
export const NETWORK_LETTER: Record<Network, string> = {
  facebook: 'f',
  instagram: 'IG',
  x: 'X',
  linkedin: 'in',
  youtube: '▶',
};

/** From the label table, not core's zod enum: the popup bundle stays free of zod. */
export const NETWORKS = Object.keys(NETWORK_LABEL) as Network[];

export interface ActionText {
  label: string;
  /** Why I may not take it (R8, R10), naming who can; null when I may. */
  why: string | null;
  /** The paragraph that says `why`: the row's fix's when both actions are refused for the same reason. */
  whyOf: 'fix' | 'disconnect';
}

/** One account row: who it is, its status, why, by when, its posts, and the action that fixes it (R7). */
export interface RowText {
  network: Network;
  networkLabel: string;
  letter: string;
  status: Status;
  statusLabel: string;
  /** A healthy account: one compact row (style.css), so the accounts that need action come into view. */
  compact: boolean;
  name: string;
  handle: string | null;
  reason: string | null;
  when: string;
  posts: string[];
  check: string | null;
  fix: ActionText | null;
  disconnect: ActionText | null;
  /** "X usually reconnects this one" when someone else is the recommended reconnector. */
  hint: string | null;
}

/** A row whose actions are all refused for one reason (a team server out of reach) says it once. */
const disconnectText = (why: string | null, fixWhy: string | null): ActionText => ({
  label: t(ACTION_LABEL.disconnect),
  why,
  whyOf: why !== null && why === fixWhy ? 'fix' : 'disconnect',
});

export function rowText(
  a: AccountView,
  status: Status,
  view: Pick<PopupView, 'me' | 'users' | 'team'>,
  now: number,
  locale: string,
): RowText {
  const fix = FIX_ACTION[status];
  // Team mode: every action goes to the server; while it cannot take one, each button says why.
  const blocked = blockedText(view, locale, now);
  const fixWhy = fix ? (blocked ?? whyNoReconnect(view, a)) : null;
  const recommended =
    fix && fixWhy === null && a.recommendedReconnector && a.recommendedReconnector !== view.me.id
      ? (view.users[a.recommendedReconnector] ?? a.recommendedReconnector)
      : null;
  return {
    network: a.network,
    networkLabel: t(NETWORK_LABEL[a.network]),
    letter: NETWORK_LETTER[a.network],
    status,
    statusLabel: t(STATUS_LABEL[status]),
    compact: status === 'connected',
    name: a.name,
    handle: a.handle,
    reason: a.reason && status !== 'connected' ? reasonText(a.reason, a.network) : null,
    when: whenText(a, status, now, locale),
    posts: postsText(a, status, now, locale),
    check: checkText(a, now, locale),
    fix: fix ? { label: t(ACTION_LABEL[fix]), why: fixWhy, whyOf: 'fix' } : null,
    disconnect: offersDisconnect(status)
      ? disconnectText(blocked ?? whyNoDisconnect(view, a, locale), fixWhy)
      : null,
    hint: recommended ? t('recommendedReconnector', recommended) : null,
  };
}

/** A refusal from the last hour is still worth showing when the popup reopens. */
const NOTICE_TTL = 60 * 60 * 1000;

/** The element every row names as its description: what the arrow keys and Enter do. */
export const KEYS_ID = 'list-keys';

/** The search field appears above this many accounts: a short list is read at a glance. */
export const SEARCH_ABOVE = 8;

/** The popup's header, summary strip and filters. */
export interface HeaderText {
  title: string;
  summary: string;
  checkNow: string;
  sweep: { done: number; total: number; text: string } | null;
  /** Simulation only: who "I" am in the demo team. */
  me: string | null;
  notice: string | null;
  /** The summary strip: how many accounts are in each status, each count a toggle that filters the list. */
  strip: { label: string; items: Array<{ status: Status; count: number; label: string }> };
  /** Over name and handle, with more than SEARCH_ABOVE accounts. */
  search: { label: string; placeholder: string } | null;
  network: string;
  allNetworks: string;
  networks: Array<{ value: Network; label: string }>;
  /** S8: the brands filter, on enterprise with the add-on only. */
  brand: { label: string; all: string; brands: string[] } | null;
  /** What the arrow keys and Enter do in the list (each row's description). */
  keys: string;
}

/**
 * `counts`: of the whole list (the glance carries them; its rows are only the first few); `message`: the
 * last action's refusal in this popup, which wins over the stored notice. `openedAt`: when this page
 * opened. A stored refusal made while it was open answered another page's action, so only that page shows
 * it (issue #13 finding 7); one made before it opened is this person's, left for a popup that closed while
 * the consent window was open. A notice for everyone (a clock warning) shows in every page.
 */
export function headerText(
  view: PopupView,
  counts: Counts,
  now: number,
  message: string | null,
  openedAt = Number.POSITIVE_INFINITY,
  lang: string = uiLocale(),
): HeaderText {
  const n = view.notice;
  const mine = n !== null && (n.everyone === true || n.at < openedAt);
  const stored = n && mine && now - n.at < NOTICE_TTL ? refusalText(n, namesOf(view)) : null;
  const attention = attentionOf(counts);
  const total = attention + counts.connected;
  return {
    title: t('popupTitle'),
    summary: attention > 0 ? plural('summaryAttention', attention) : t('summaryHealthy'),
    checkNow: t('actionCheckNow'),
    sweep: view.sweep ? { ...view.sweep, text: t('checking', view.sweep.done, view.sweep.total) } : null,
    me:
      view.mode === 'simulation'
        ? t('signedInAs', view.me.name)
        : view.team
          ? t('teamSignedInAs', view.me.name, view.team.team.name)
          : null,
    // Team mode: a stale view or a refused membership is said above everything else.
    notice: message ?? blockedText(view, lang, now) ?? stored,
    strip: {
      label: t('filterStatus'),
      items: STATUSES.map((s) => ({ status: s, count: counts[s], label: t(STATUS_LABEL[s]) })),
    },
    search: total > SEARCH_ABOVE ? { label: t('searchLabel'), placeholder: t('searchPlaceholder') } : null,
    network: t('filterNetwork'),
    allNetworks: t('filterAllNetworks'),
    networks: NETWORKS.map((n) => ({ value: n, label: t(NETWORK_LABEL[n]) })),
    brand: view.brands ? { label: t('filterBrand'), all: t('filterAllBrands'), brands: view.brands } : null,
    keys: t('listKeys'),
  };
}

/** An urgency heading with how many accounts are under it. */
export const groupHeading = (group: Group, count: number) => t('groupHeading', t(GROUP_LABEL[group]), count);

/** What an empty list says: no accounts at all, or none that match the filters. */
export const emptyText = (total: number) => (total === 0 ? t('emptyAccounts') : t('emptyFiltered'));

/** Rows under their urgency headings, in list order (rows are sorted by urgency, so groups are runs). */
export function grouped<R extends { status: Status }>(
  list: readonly R[],
): Array<{ group: Group; rows: R[] }> {
  const out: Array<{ group: Group; rows: R[] }> = [];
  for (const r of list) {
    const group = GROUP_OF[r.status];
    const last = out[out.length - 1];
    if (last?.group === group) last.rows.push(r);
    else out.push({ group, rows: [r] });
  }
  return out;
}

/** How many of `counts` fall under each heading. */
export const groupCounts = (c: Counts): Record<Group, number> => ({
  action: c.disconnected + c.lapsed,
  soon: c['reauth-soon'],
  fine: c.connected,
});

/** The counts of the whole list: the glance's own, else counted from the rows at hand. */
export const countsOf = (view: PopupView, list: readonly { status: Status }[]): Counts =>
  view.partial?.counts ?? countStatuses(list);

/** The screen the popup opens on: header and the first FIRST_ROWS rows, as App renders them unfiltered. */
export interface FirstScreen {
  /** The language of these strings: a popup in another one works them out itself. */
  locale: string;
  header: HeaderText;
  /** The first rows under their urgency headings (each heading counting the whole list). */
  groups: Array<{ group: Group; heading: string; rows: RowText[] }>;
  /** Set when there are no rows. */
  empty: string | null;
  /** Set when the team has no accounts at all: "Connect account" per network (issue #13). */
  connect?: ConnectText | null;
}

export function firstScreen(view: PopupView, now: number, locale: string): FirstScreen {
  const all = rows(view.accounts, now);
  const counts = countsOf(view, all);
  const perGroup = groupCounts(counts);
  return {
    locale,
    header: headerText(view, counts, now, null, Number.POSITIVE_INFINITY, locale),
    groups: grouped(all.slice(0, FIRST_ROWS)).map(({ group, rows: list }) => ({
      group,
      heading: groupHeading(group, perGroup[group]),
      rows: list.map((r) => rowText(r.account, r.status, view, now, locale)),
    })),
    empty: all.length === 0 ? emptyText(view.partial?.total ?? 0) : null,
    connect: (view.partial?.total ?? all.length) === 0 ? connectText(view.mode) : null,
  };
}

/**
 * The first screen for the popup: the background's strings when they are in the popup's language, else
 * worked out here (a glance written before it carried them, or a browser language changed since). The
 * background wrote them as of `glance.at`: a relative time may be that old for the one frame before App
 * renders over them with the popup's own clock.
 */
export function screenFor(glance: PopupView, now: number, locale: string): FirstScreen {
  const stored = glance.partial?.screen;
  return stored?.locale === locale && stored.groups ? stored : firstScreen(glance, now, locale);
}
