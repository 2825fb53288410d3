// Team mode's words for the popup and the badge (issue #16): how old the view is when the server cannot be
// reached, and what to do when it no longer accepts this browser's membership. Pure: no DOM, no zod.
import { t } from './i18n.ts';
import type { PopupView } from './types.ts';

/** "as of 14:05" today, "as of 27 Nov 2026, 14:05" on another day, in the reader's language. */
export function asOfText(at: number, locale: string, now: number = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const format = new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  );
  return format.format(at);
}

export const staleText = (asOf: number, locale: string, now?: number) =>
  t('teamStale', asOfText(asOf, locale, now));

/**
 * Why no action can be taken right now in team mode (every action goes to the server), or null: the server
 * did not answer (the view is as of its last answer), or it refused this browser's membership (401).
 */
export function blockedText(view: Pick<PopupView, 'team'>, locale: string, now?: number): string | null {
  const team = view.team;
  if (!team?.problem) return null;
  return team.problem === 'unauthorized' ? t('teamUnauthorized') : staleText(team.asOf, locale, now);
}
