// When S7's emails go out and what they cover, in each member's own time zone: a daily digest covers the
// previous local day, a weekly one the previous Monday-to-Monday week, the monthly report the previous
// calendar month; each is due at 08:00 local time. Daylight saving is handled through Intl's offsets
// (a local day may be 23 or 25 hours long), with no time zone database of our own.
import { validTimeZone } from './i18n.ts';

export type Cadence = 'daily' | 'weekly' | 'monthly';
/** Local hour at which digests and reports are due: read with the morning's first coffee. */
export const SEND_HOUR = 8;

interface Local {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday ... 7 = Sunday (ISO 8601). */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formats.set(zone, f);
  }
  return f;
}

function wallClock(at: number, zone: string): Local & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    format(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday!]!,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offset(at: number, zone: string): number {
  const w = wallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a local wall-clock time happens in `zone` (Date.UTC normalises day 0, month 13 and so on). */
function instant(zone: string, year: number, month: number, day: number, hour = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offset(guess, zone);
  return guess - offset(first, zone);
}

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
