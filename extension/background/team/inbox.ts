// The member's inbox on the server (R6 reminders and disconnect alerts that name this member) as browser
// notifications, each shown once: the cursor and the ids already shown are stored (kv `teamSync`) in the
// same commit, before the notifications are shown, so neither a stopped service worker nor a browser restart
// shows one twice (at most once: a crash between the commit and the show loses one, never doubles it).
import type { Network } from '../../../core/index.ts';
import type { TeamSync } from '../../lib/db.ts';
import { day } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { NETWORK_LABEL, reasonText } from '../../lib/present.ts';
import { type NotificationSpec, notificationId } from '../notify.ts';
import type { InboxEntry, MemberView, TeamApi } from './api.ts';

/** How many shown ids are remembered: far more than one poll can bring. */
export const SEEN_KEPT = 500;
const PAGE = 100;
/** A poll reads at most this many pages; the rest wait for the next poll. */
const MAX_PAGES = 5;

export interface InboxRead {
  cursor: number;
  entries: InboxEntry[];
  /** False when the server did not answer or refused: nothing to store. */
  ok: boolean;
}

/** New entries after the cursor (a few pages at most). */
export async function readInbox(api: TeamApi, cursor: number): Promise<InboxRead> {
  const entries: InboxEntry[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.inbox(cursor, PAGE);
    if (!answer.ok) return { cursor, entries, ok: page > 0 };
    entries.push(...answer.body.notifications);
    cursor = answer.body.cursor;
    if (answer.body.notifications.length < PAGE) break;
  }
  return { cursor, entries, ok: true };
}

/** The notification for one entry, worded from the account as this member sees it (null: not visible). */
export function specOf(entry: InboxEntry, view: MemberView | null, locale: string): NotificationSpec | null {
  const a = view?.accounts.find((x) => x.id === entry.account);
  if (!a) return null;
  const name = a.name ?? a.id;
  const network = a.network as Network;
  const id = notificationId(`team-${entry.kind}`, entry.id, a.id);
  if (entry.kind === 'reauth-reminder') {
    const at = Date.parse(entry.at);
    const due = a.reauthDueAt ? Date.parse(a.reauthDueAt) : at;
    return {
      id,
      account: a.id,
      title: t('notifyReminderTitle', name),
      message: t('notifyReminderBody', t(NETWORK_LABEL[network]), day(due, at, locale)),
    };
  }
  return {
    id,
    account: a.id,
    title: t('notifyAlertTitle', name),
    message: t('notifyAlertBody', reasonText((a.reason ?? 'revoked') as never, network)),
  };
}

/** The sync record after reading `read`, and what to show: each id at most once. */
export function takeNew(
  sync: TeamSync,
  read: InboxRead,
  me: string,
  view: MemberView | null,
  locale: string,
): { sync: TeamSync; show: NotificationSpec[] } {
  const seen = new Set(sync.seen);
  const show: NotificationSpec[] = [];
  const fresh: number[] = [];
  for (const entry of read.entries) {
    if (seen.has(entry.id) || !entry.recipients.includes(me)) continue;
    seen.add(entry.id);
    fresh.push(entry.id);
    const spec = specOf(entry, view, locale);
    if (spec) show.push(spec);
  }
  return {
    sync: {
      ...sync,
      cursor: Math.max(sync.cursor, read.cursor),
      seen: [...sync.seen, ...fresh].slice(-SEEN_KEPT),
    },
    show,
  };
}
