// Everything the popup's screen says, as plain strings: the header, the filters and each account row.
// The components (App, AccountItem) render these strings, and so does the popup's first paint
// (components/first-screen-dom.ts builds the same markup with createElement and text nodes before Preact
// has run), so both say exactly the same thing. The background stores the first screen's strings in the
// `glance` record (background/view.ts): working them out in a cold popup (Intl formatters, catalogue
// lookups) took 2-9 ms of its first render. Pure functions over the stored view: no DOM, no Preact.
import type { Network, Status } from '../../core/schemas.ts';
import { plural, t, locale as uiLocale } from './i18n.ts';
import {
  ACTION_LABEL,
  checkText,
  FIRST_ROWS,
  FIX_ACTION,
  NETWORK_LABEL,
  offersDisconnect,
  postsText,
  reasonText,
  rows,
  STATUS_LABEL,
  whenText,
  whyNoDisconnect,
  whyNoReconnect,
} from './present.ts';
import { refusalText } from './refusal.ts';
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
}

/** One account row: who it is, its status, why, by when, its posts, and the action that fixes it (R7). */
export interface RowText {
  network: Network;
  networkLabel: string;
  letter: string;
  status: Status;
  statusLabel: string;
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
    name: a.name,
    handle: a.handle,
    reason: a.reason && status !== 'connected' ? reasonText(a.reason, a.network) : null,
    when: whenText(a, status, now, locale),
    posts: postsText(a, status, now, locale),
    check: checkText(a, now, locale),
    fix: fix ? { label: t(ACTION_LABEL[fix]), why: fixWhy } : null,
    disconnect: offersDisconnect(status)
      ? { label: t(ACTION_LABEL.disconnect), why: blocked ?? whyNoDisconnect(view, a, locale) }
      : null,
    hint: recommended ? t('recommendedReconnector', recommended) : null,
  };
}

/** A refusal from the last hour is still worth showing when the popup reopens. */
const NOTICE_TTL = 60 * 60 * 1000;

/** The popup's header and filters. */
export interface HeaderText {
  title: string;
  summary: string;
  checkNow: string;
  sweep: { done: number; total: number; text: string } | null;
  /** Simulation only: who "I" am in the demo team. */
  me: string | null;
  notice: string | null;
  network: string;
  allNetworks: string;
  networks: Array<{ value: Network; label: string }>;
  /** S8: the brands filter, on enterprise with the add-on only. */
  brand: { label: string; all: string; brands: string[] } | null;
}

/** `message`: the last action's refusal in this popup, which wins over the stored notice. */
export function headerText(
  view: PopupView,
  attention: number,
  now: number,
  message: string | null,
  lang: string = uiLocale(),
): HeaderText {
  const stored = view.notice && now - view.notice.at < NOTICE_TTL ? refusalText(view.notice) : null;
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
    network: t('filterNetwork'),
    allNetworks: t('filterAllNetworks'),
    networks: NETWORKS.map((n) => ({ value: n, label: t(NETWORK_LABEL[n]) })),
    brand: view.brands ? { label: t('filterBrand'), all: t('filterAllBrands'), brands: view.brands } : null,
  };
}

/** What an empty list says: no accounts at all, or none that match the filters. */
export const emptyText = (total: number) => (total === 0 ? t('emptyAccounts') : t('emptyFiltered'));

/** The screen the popup opens on: header and the first FIRST_ROWS rows, as App renders them unfiltered. */
export interface FirstScreen {
  /** The language of these strings: a popup in another one works them out itself. */
  locale: string;
  header: HeaderText;
  rows: RowText[];
  /** Set when there are no rows. */
  empty: string | null;
}

export function firstScreen(view: PopupView, now: number, locale: string): FirstScreen {
  const all = rows(view.accounts, now);
  const attention = view.partial?.attention ?? all.filter((r) => r.status !== 'connected').length;
  return {
    locale,
    header: headerText(view, attention, now, null, locale),
    rows: all.slice(0, FIRST_ROWS).map((r) => rowText(r.account, r.status, view, now, locale)),
    empty: all.length === 0 ? emptyText(view.partial?.total ?? 0) : null,
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
  return stored?.locale === locale ? stored : firstScreen(glance, now, locale);
}
