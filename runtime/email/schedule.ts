// When S7's emails go out and what they cover, in each member's own time zone: a daily digest covers the
// previous local day, a weekly one the previous Monday-to-Monday week, the monthly report the previous
// calendar month; each is due at 08:00 local time. Daylight saving is handled through Intl's offsets
// (a local day may be 23 or 25 hours long), with no time zone database of our own.
import { zonedInstant as instant, wallClock } from '../../core/zone.ts';
import { validTimeZone } from './i18n.ts';

export type Cadence = 'daily' | 'weekly' | 'monthly';
/** Local hour at which digests and reports are due: read with the morning's first coffee. */
export const SEND_HOUR = 8;

/** The period an email sent at `now` covers, [from, to) in the member's zone. */
export function periodBefore(cadence: Cadence, timeZone: string | null, now: number) {
  const zone = validTimeZone(timeZone);
  const { year, month, day, weekday } = wallClock(now, zone);
  switch (cadence) {
    case 'daily':
      return { from: instant(zone, year, month, day - 1), to: instant(zone, year, month, day) };
    case 'weekly': {
      const monday = day - (weekday - 1);
      return { from: instant(zone, year, month, monday - 7), to: instant(zone, year, month, monday) };
    }
    case 'monthly':
      return { from: instant(zone, year, month - 1, 1), to: instant(zone, year, month, 1) };
  }
}

/** The first due time strictly after `now`: 08:00 local the next day, the next Monday, or the next 1st. */
export function nextSendAt(cadence: Cadence, timeZone: string | null, now: number): number {
  const zone = validTimeZone(timeZone);
  const { year, month, day, weekday } = wallClock(now, zone);
  const at = (d: number, m = month) => instant(zone, year, m, d, SEND_HOUR);
  switch (cadence) {
    case 'daily':
      return at(day) > now ? at(day) : at(day + 1);
    case 'weekly': {
      const monday = day + ((8 - weekday) % 7);
      return at(monday) > now ? at(monday) : at(monday + 7);
    }
    case 'monthly':
      return at(1) > now ? at(1) : at(1, month + 1);
  }
}
