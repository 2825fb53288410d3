// ISO 8601 instants in scenario files (scenario.md: "ISO instant"), checked as a calendar would (issue #13):
// Date.parse alone rolls 2026-02-31 over to 3 March and 24:00 to the next day, accepts years before 1970
// (which the core's instants cannot hold) and past 9999 (which the report cannot print in this form).
import { z } from 'zod';

export const ISO_HINT = 'expected an ISO date such as "2026-01-01T00:00:00Z"';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The earliest instant the core holds: its instants are epoch milliseconds, never negative. */
export const EARLIEST = 0;
/**
 * Instants must be before 9999-01-01: the rules derive dates up to a year later (R1 and R4 windows of 365
 * days), and every one of them must still print as a four-digit year, the only form the validator reads.
 */
export const LATEST = Date.UTC(9999, 0, 1) - 1;

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Why `text` is not a usable instant, or null when it is one. */
export function instantProblem(text: string): string | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return ISO_HINT;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const quoted = JSON.stringify(text);
  if (month < 1 || month > 12) return `${quoted} is not a date: months run from 01 to 12`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) {
    return `${quoted} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return `${quoted} is not a time of day: hours run from 00 to 23, minutes and seconds from 00 to 59`;
  }
  if (offsetHour > 23 || offsetMinute > 59) return `${quoted} has no such time zone offset`;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return ISO_HINT;
  if (at < EARLIEST) return `${quoted} is before 1970-01-01T00:00:00Z; the product counts time from then`;
  if (at > LATEST) {
    return `${quoted} is too far ahead: instants must be before 9999-01-01T00:00:00Z so that dates derived from them can be printed`;
  }
  return null;
}

/** An ISO 8601 instant with a time zone ("2026-01-01T00:00:00Z") that exists in the calendar. */
export const IsoInstant = z.string({ error: ISO_HINT }).superRefine((text, ctx) => {
  const problem = instantProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: text });
});
