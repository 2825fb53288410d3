// Wall-clock time in a named time zone, read from Intl so daylight saving is right without a time zone
// database of our own. Pure: the answer depends only on the zone, the instant and the runtime's tz data.
// Used where a network or a person counts in local days: YouTube's quota resets at midnight Pacific
// (adapters/classify.ts), S7's digests go out at 08:00 in the member's zone (runtime/email/schedule.ts).

export interface WallClock {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday ... 7 = Sunday (ISO 8601). */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
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

/** The zone's wall clock at `at`. */
export function wallClock(at: number, zone: string): WallClock {
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

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (negative west of Greenwich). */
export function zoneOffset(at: number, zone: string): number {
  const w = wallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in `zone` (Date.UTC normalises day 0, month 13 and so on).
 * Two passes: the offset at the first guess may differ from the one at the answer across a DST change.
 */
export function zonedInstant(zone: string, year: number, month: number, day: number, hour = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - zoneOffset(guess, zone);
  return guess - zoneOffset(first, zone);
}
