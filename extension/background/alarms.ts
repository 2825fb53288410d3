// The background's named alarms (https://developer.chrome.com/docs/extensions/reference/api/alarms): the
// periodic health sweep, and one at the next rule instant so a reminder or a due date never waits for it.
// The token upkeep has its own (renewals.ts).
import { browser } from 'wxt/browser';

export const SWEEP_ALARM = 'health-sweep';
export const SWEEP_PERIOD_MINUTES = 30;
/** Fires at the next rule instant (a reminder, a due date, a lapse, a due post), so none waits for a sweep. */
export const RULES_ALARM = 'rules-due';

/** The periodic sweep, created once (alarms survive the service worker). */
export async function ensureSweepAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SWEEP_ALARM))) {
    await browser.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_PERIOD_MINUTES, delayInMinutes: 1 });
  }
}

/** The rules alarm at `next` (never in the past: Chrome fires those at once, over and over), or none. */
export async function scheduleRules(next: number | null, now: number): Promise<void> {
  if (next === null) await browser.alarms.clear(RULES_ALARM);
  else await browser.alarms.create(RULES_ALARM, { when: Math.max(next, now + 1000) });
}
