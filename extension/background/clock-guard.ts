// Clock sanity (issue #13 finding 3): which "now" the background runs the rules at. A computer's clock that
// jumps more than a few days ahead since the rules last ran (a wrong date typed in, a restored snapshot) is
// not believed at once: the rules stay at the last trusted instant, so no reconnect window closes (R5), no
// history is purged, and no post is published early (an early publish cannot be undone either), until the
// jump is confirmed by a wake-up at least CONFIRM_AFTER later that still sees it, or by a network's own
// time (the `Date` response header, RFC 9110 §6.6.1) agreeing with the clock. Pages are told meanwhile.
// A backward jump needs nothing here: the engine's clock only moves forward, and R6 remembers the due date
// it reminded for (core), so nothing is sent twice. Core stays pure: the decision lives here.
import { DAY, HOUR } from '../../core/index.ts';
import { t } from '../lib/i18n.ts';
import type { ClockJump, Notice } from '../lib/types.ts';

export type { ClockJump };

/** A jump beyond this since the rules last ran waits for confirmation ("a few days"). */
export const JUMP_LIMIT = 3 * DAY;
/** A wake-up this long after the jump was first seen, with the clock still past it, confirms it. */
export const CONFIRM_AFTER = HOUR;
/** A network's `Date` this close to the computer's clock confirms it (the header has 1 s resolution). */
export const NETWORK_AGREES = 10 * 60_000;

export class ClockGuard {
  jump: ClockJump | null;

  constructor(stored: ClockJump | null | undefined) {
    this.jump = stored ?? null;
  }

  /** The instant to run at: the computer's clock `raw`, or `trusted` (the rules' clock) while a jump waits. */
  now(raw: number, trusted: number): number {
    if (raw - trusted <= JUMP_LIMIT) {
      this.jump = null;
      return raw;
    }
    if (!this.jump) this.jump = { seenAt: raw, from: trusted, confirmed: false };
    else if (!this.jump.confirmed && raw - this.jump.seenAt >= CONFIRM_AFTER) this.jump.confirmed = true;
    return this.jump.confirmed ? raw : trusted;
  }

  /** A network answered with its `Date` header at the computer's `raw` instant. */
  networkTime(date: string | null, raw: number): void {
    if (!this.jump || this.jump.confirmed || !date) return;
    const theirs = Date.parse(date);
    if (Number.isFinite(theirs) && Math.abs(theirs - raw) <= NETWORK_AGREES) this.jump.confirmed = true;
  }

  /** What every page shows while a jump waits (not a refusal: every open page shows it). */
  notice(raw: number): Notice | null {
    if (!this.jump || this.jump.confirmed) return null;
    const days = Math.round((raw - this.jump.from) / DAY);
    return { at: raw, everyone: true, account: null, message: t('clockJump', days) };
  }
}
