// Dates and durations in the browser's locale through Intl (no strings of our own).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each formatter is built on first use, once per locale: building one costs more than formatting a thousand
 * dates, and the popup's first rows need only some of them. */
const MAKE = {
  relative: (l: string) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }),
  day: (l: string) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long' }),
  dayYear: (l: string) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric' }),
  days: (l: string) => new Intl.NumberFormat(l, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
  hours: (l: string) => new Intl.NumberFormat(l, { style: 'unit', unit: 'hour', unitDisplay: 'long' }),
  list: (l: string) => new Intl.ListFormat(l, { style: 'long', type: 'disjunction' }),
};
type Kind = keyof typeof MAKE;

const cache = new Map<string, unknown>();

function formatter<K extends Kind>(kind: K, locale: string): ReturnType<(typeof MAKE)[K]> {
  const key = `${kind} ${locale}`;
  let f = cache.get(key);
  if (!f) {
    f = MAKE[kind](locale);
    cache.set(key, f);
  }
  return f as ReturnType<(typeof MAKE)[K]>;
}

/** "in 5 days", "3 hours ago", "in 2 months": the coarsest unit that still says something. */
export function relativeTime(at: number, now: number, locale: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const rtf = formatter('relative', locale);
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 60 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  return rtf.format(Math.round(diff / (30.44 * DAY)), 'month');
}

/** "42 days" (rounded up: a deadline 41.2 days away still leaves part of a 42nd day), or hours below a day. */
export function duration(ms: number, locale: string): string {
  if (ms < DAY) return formatter('hours', locale).format(Math.max(0, Math.ceil(ms / HOUR)));
  return formatter('days', locale).format(Math.ceil(ms / DAY));
}

/** "12 March", with the year when it is not the current one. */
export function day(at: number, now: number, locale: string): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return formatter(sameYear ? 'day' : 'dayYear', locale).format(at);
}

/** "Ada, Ben or Cy". */
export function orList(items: string[], locale: string): string {
  return formatter('list', locale).format(items);
}

/** "Ada, Ben and Cy". */
export function andList(items: string[], locale: string): string {
  return conjunction(locale).format(items);
}
const conjunctions = new Map<string, Intl.ListFormat>();
function conjunction(locale: string): Intl.ListFormat {
  let f = conjunctions.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    conjunctions.set(locale, f);
  }
  return f;
}

/** Where and in which language instants are written: the reader's, or fixed (the headless report: UTC). */
export interface Clock {
  locale: string;
  /** An IANA zone; the reader's own when absent. */
  timeZone?: string;
}

const moments = new Map<string, Intl.DateTimeFormat>();
function momentFormat(clock: Clock, withYear: boolean, short: boolean): Intl.DateTimeFormat {
  const key = `${clock.locale} ${clock.timeZone ?? ''} ${withYear} ${short}`;
  let f = moments.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(clock.locale, {
      day: 'numeric',
      month: short ? 'short' : 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      ...(short ? {} : { hour: '2-digit', minute: '2-digit' }),
      timeZone: clock.timeZone,
    });
    moments.set(key, f);
  }
  return f;
}

const years = new Map<string, Intl.DateTimeFormat>();
function yearOf(at: number, timeZone: string | undefined): number {
  let f = years.get(timeZone ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone });
    years.set(timeZone ?? '', f);
  }
  return Number(f.format(at));
}

/**
 * "2 December at 06:55" ("2. desember kl. 06:55", "2 december om 06:55"): an instant in words, with the
 * year when it is not the year of `now`. The language's own Intl pattern carries the "at".
 */
export function moment(at: number, clock: Clock, now: number = at): string {
  const withYear = yearOf(at, clock.timeZone) !== yearOf(now, clock.timeZone);
  return momentFormat(clock, withYear, false).format(at);
}

/** "2 Dec" (with the year when it differs from `now`'s): axis ticks. */
export function shortDay(at: number, clock: Clock, now: number = at): string {
  const withYear = yearOf(at, clock.timeZone) !== yearOf(now, clock.timeZone);
  return momentFormat(clock, withYear, true).format(at);
}
