// Builds the popup's view from the core State, from the current user's point of view: S3 hides accounts a
// draft-only user without access may not even see; R8/R10 lists come from core's snapshot.
import { level, type State, snapshot } from '../../core/index.ts';
import { firstScreen } from '../lib/first-screen.ts';
import { attentionOf, countStatuses, FIRST_ROWS, rows } from '../lib/present.ts';
import type { AccountView, PopupView } from '../lib/types.ts';

export interface ViewInput {
  state: State;
  me: string;
  now: number;
  mode: PopupView['mode'];
  sweep: PopupView['sweep'];
  notice: PopupView['notice'];
}

export function buildView({ state, me, now, mode, sweep, notice }: ViewInput): PopupView {
  const user = state.users[me];
  const accounts: AccountView[] = [];
  for (const account of state.accounts.list()) {
    if (user && level(user, account) === 'hidden') continue;
    accounts.push({
      ...snapshot(state, account, now),
      name: account.profile?.name ?? account.id,
      handle: account.profile?.handle ?? null,
    });
  }
  const users: Record<string, string> = {};
  for (const u of Object.values(state.users)) users[u.id] = u.name ?? u.id;
  const { plan, brandsAddon, brands } = state.settings;
  return {
    at: now,
    mode,
    me: { id: me, name: user?.name ?? me, superAdmin: user?.superAdmin ?? false },
    users,
    plan,
    // S8: brands exist only on enterprise with the add-on.
    brands: plan === 'enterprise' && brandsAddon ? brands : null,
    accounts,
    sweep,
    notice,
    partial: null,
  };
}

/**
 * The popup's first screen (the `glance` record): the view with only its FIRST_ROWS most urgent accounts,
 * in the popup's order as of `view.at`, the counts of the whole list (per status, for the summary strip
 * and the urgency headings), and what that screen says, as plain strings in `locale` (lib/first-screen.ts).
 * Data only, never markup: the popup builds its first paint from the strings with text nodes
 * (components/first-screen-dom.ts).
 */
export function glanceOf(view: PopupView, locale: string): PopupView {
  const ordered = rows(view.accounts, view.at);
  const counts = countStatuses(ordered);
  const partial = { total: ordered.length, attention: attentionOf(counts), counts };
  const glance = { ...view, accounts: ordered.slice(0, FIRST_ROWS).map((r) => r.account), partial };
  return { ...glance, partial: { ...partial, screen: firstScreen(glance, view.at, locale) } };
}
