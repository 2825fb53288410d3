// After a commit, the world outside the store: the toolbar badge, notifications for the current user, the
// rule and renewal alarms, and a nudge to open pages to re-read the stored view.
import { browser } from 'wxt/browser';
import type { State } from '../../core/index.ts';
import { nextDue } from '../../runtime/due.ts';
import type { EngineStep } from '../../runtime/steps.ts';
import type { Upkeep } from '../../runtime/upkeep.ts';
import { CHANGED } from '../lib/protocol.ts';
import { scheduleRules } from './alarms.ts';
import { badgeFor, showBadge } from './badge.ts';
import { notificationsFor, showNotifications } from './notify.ts';
import { scheduleRenewal } from './renewals.ts';

export interface Announcement {
  steps: readonly EngineStep[];
  state: State;
  /** The engine's clock: what is due is due from here on. */
  clock: number;
  me: string;
  now: number;
  upkeep: Upkeep | undefined;
}

export async function announce({ steps, state, clock, me, now, upkeep }: Announcement): Promise<void> {
  await Promise.allSettled([
    showBadge(badgeFor(state, now)),
    showNotifications(notificationsFor(steps, me, state)),
    // The rules' next instant (runtime/due.ts; renewals have their own alarm, renewals.ts).
    scheduleRules(nextDue(state, clock)?.at ?? null, now),
    scheduleRenewal(upkeep, state, clock, now),
    // Rejects when no page is open to listen; that is fine.
    browser.runtime.sendMessage({ type: CHANGED }),
  ]);
}
