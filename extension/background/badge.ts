// The toolbar badge: how many accounts need a person (core `attention`), coloured by the most severe
// status, with a title naming them (https://developer.chrome.com/docs/extensions/reference/api/action).
import { browser } from 'wxt/browser';
import { attention, needsAction, type State, type Status, status } from '../../core/index.ts';
import { t } from '../lib/i18n.ts';
import { STATUS_LABEL } from '../lib/present.ts';

/** Red for a disconnect or lapse (posts are cancelled or lost), amber for a due re-authorization (R7). */
export const BADGE_COLOR: Record<Status, string> = {
  connected: '#188038',
  'reauth-soon': '#B06000',
  disconnected: '#C5221F',
  lapsed: '#C5221F',
};

/** A title listing hundreds of accounts helps nobody; the popup has the full list. */
const TITLE_NAMES = 8;

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export function badgeFor(state: State, now: number): Badge {
  const { count, worst } = attention(state, now);
  if (count === 0) return { text: '', color: BADGE_COLOR.connected, title: t('summaryHealthy') };
  const items: string[] = [];
  for (const account of state.accounts.list()) {
    const s = status(account, now);
    if (!needsAction(s)) continue;
    if (items.length === TITLE_NAMES) {
      items.push('…');
      break;
    }
    items.push(t('badgeItem', account.profile?.name ?? account.id, t(STATUS_LABEL[s])));
  }
  return { text: String(count), color: BADGE_COLOR[worst], title: t('badgeTitle', count, items.join(', ')) };
}

export async function showBadge(badge: Badge): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
}
