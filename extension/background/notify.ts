// Browser notifications for R6 reminders and R6-Decision disconnect alerts, shown only when the current
// user is among the recipients. Clicking one opens the popup page on that account.
import { browser } from 'wxt/browser';
import type { State } from '../../core/index.ts';
import type { EngineStep } from '../../runtime/engine.ts';
import { day } from '../lib/format.ts';
import { locale, t } from '../lib/i18n.ts';
import { NETWORK_LABEL, reasonText } from '../lib/present.ts';

export interface NotificationSpec {
  id: string;
  account: string;
  title: string;
  message: string;
}

const SEP = '|';

/** Ids carry the account so a click can open it: `<kind>|<at>|<account id>` (account ids may hold `|`). */
export function notificationId(kind: string, at: number, account: string): string {
  return [kind, at, account].join(SEP);
}

export function accountOfNotification(id: string): string | null {
  const parts = id.split(SEP);
  return parts.length >= 3 ? parts.slice(2).join(SEP) : null;
}

export function notificationsFor(steps: readonly EngineStep[], me: string, state: State): NotificationSpec[] {
  const specs: NotificationSpec[] = [];
  for (const step of steps) {
    for (const n of step.notifications) {
      if (!n.recipients.includes(me)) continue;
      const account = state.accounts.get(n.account);
      if (!account) continue;
      const name = account.profile?.name ?? account.id;
      const network = t(NETWORK_LABEL[account.network]);
      const id = notificationId(n.kind, n.at, n.account);
      if (n.kind === 'reauth-reminder') {
        // The rule event carries the due date the reminder is for (R6: once per due date).
        const due = step.event.type === 'reminder' ? step.event.due : n.at;
        specs.push({
          id,
          account: n.account,
          title: t('notifyReminderTitle', name),
          message: t('notifyReminderBody', network, day(due, n.at, locale())),
        });
      } else {
        const reason = account.reason ?? 'revoked';
        specs.push({
          id,
          account: n.account,
          title: t('notifyAlertTitle', name),
          message: t('notifyAlertBody', reasonText(reason, account.network)),
        });
      }
    }
  }
  return specs;
}

export async function showNotifications(specs: readonly NotificationSpec[]): Promise<void> {
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  await Promise.all(
    specs.map((s) =>
      browser.notifications.create(s.id, { type: 'basic', iconUrl, title: s.title, message: s.message }),
    ),
  );
}

/** The popup page, focused on one account (a tab: `action.openPopup` cannot say which account). */
export async function openAccount(account: string): Promise<void> {
  await browser.tabs.create({
    url: browser.runtime.getURL(`/popup.html?account=${encodeURIComponent(account)}`),
  });
}
