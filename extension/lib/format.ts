// Dates and durations in the browser's locale through Intl (no strings of our own). Formatters are created
// once per locale: building one per account would dominate a 1,000-account render.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Formatters {
  relative: Intl.RelativeTimeFormat;
  day: Intl.DateTimeFormat;
  dayYear: Intl.DateTimeFormat;
  days: Intl.NumberFormat;
  hours: Intl.NumberFormat;
  list: Intl.ListFormat;
}

const cache = new Map<string, Formatters>();

function formatters(locale: string): Formatters {
  let f = cache.get(locale);
  if (!f) {
    f = {
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }),
      dayYear: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }),
      days: new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
      hours: new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }),
      list: new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }),
    };
    cache.set(locale, f);
  }
  return f;
}

/** "in 5 days", "3 hours ago", "in 2 months": the coarsest unit that still says something. */
export function relativeTime(at: number, now: number, locale: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const rtf = formatters(locale).relative;
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 60 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  return rtf.format(Math.round(diff / (30.44 * DAY)), 'month');
}

/** "42 days" (rounded up: a deadline 41.2 days away still leaves part of a 42nd day), or hours below a day. */
export function duration(ms: number, locale: string): string {
  const f = formatters(locale);
  if (ms < DAY) return f.hours.format(Math.max(0, Math.ceil(ms / HOUR)));
  return f.days.format(Math.ceil(ms / DAY));
}

/** "12 March", with the year when it is not the current one. */
export function day(at: number, now: number, locale: string): string {
  const f = formatters(locale);
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? f.day : f.dayYear).format(at);
}

/** "Ada, Ben or Cy". */
export function orList(items: string[], locale: string): string {
  return formatters(locale).list.format(items);
}
