// S7 cadence in each member's own time zone: what a digest or report covers and when it is due, across
// daylight-saving changes and the date line. Expected instants are written out by hand.
import { describe, expect, it } from 'vitest';
import { nextSendAt, periodBefore } from '../../runtime/email/schedule.ts';

const t = Date.parse;
const iso = (p: { from: number; to: number }) => [
  new Date(p.from).toISOString(),
  new Date(p.to).toISOString(),
];

describe('S7 periods in the member time zone', () => {
  // Sunday 2026-03-29 14:00 in Oslo: summer time started at 02:00 that night (UTC+1 -> UTC+2).
  const oslo = t('2026-03-29T12:00:00Z');

  it('S7: a daily digest covers the previous local day (midnight to midnight, Oslo)', () => {
    expect(iso(periodBefore('daily', 'Europe/Oslo', oslo))).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
    ]);
  });

  it('S7: a weekly digest covers the last whole Monday-to-Monday week', () => {
    expect(iso(periodBefore('weekly', 'Europe/Oslo', oslo))).toEqual([
      '2026-03-15T23:00:00.000Z',
      '2026-03-22T23:00:00.000Z',
    ]);
  });

  it('S7: the monthly report covers the previous calendar month', () => {
    expect(iso(periodBefore('monthly', 'Europe/Oslo', oslo))).toEqual([
      '2026-01-31T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
    ]);
  });

  it('S7: the local day that loses an hour to summer time is 23 hours long', () => {
    const p = periodBefore('daily', 'Europe/Oslo', t('2026-03-30T12:00:00Z'));
    expect(iso(p)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(p.to - p.from).toBe(23 * 3_600_000);
  });

  it('S7: across the date line (Auckland, New Year): December is the month before 1 January', () => {
    const newYear = t('2026-12-31T20:00:00Z'); // 09:00 on 1 January 2027 in Auckland (UTC+13)
    expect(iso(periodBefore('daily', 'Pacific/Auckland', newYear))).toEqual([
      '2026-12-30T11:00:00.000Z',
      '2026-12-31T11:00:00.000Z',
    ]);
    expect(iso(periodBefore('monthly', 'Pacific/Auckland', newYear))).toEqual([
      '2026-11-30T11:00:00.000Z',
      '2026-12-31T11:00:00.000Z',
    ]);
  });
});

describe('S7 due times: 08:00 local', () => {
  it('S7: the next daily, weekly (Monday) and monthly (1st) times after a Sunday afternoon in Oslo', () => {
    const oslo = t('2026-03-29T12:00:00Z');
    expect(new Date(nextSendAt('daily', 'Europe/Oslo', oslo)).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(new Date(nextSendAt('weekly', 'Europe/Oslo', oslo)).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    expect(new Date(nextSendAt('monthly', 'Europe/Oslo', oslo)).toISOString()).toBe(
      '2026-04-01T06:00:00.000Z',
    );
  });

  it('S7: at exactly 08:00 the next time is the following one; before it, the same day', () => {
    const eight = t('2026-12-04T13:00:00Z'); // 08:00 in New York (UTC-5)
    expect(nextSendAt('daily', 'America/New_York', eight)).toBe(t('2026-12-05T13:00:00Z'));
    expect(nextSendAt('daily', 'America/New_York', eight - 1)).toBe(eight);
  });

  it('S7: past 08:00 on 1 January in Auckland, the next report is due on 1 February', () => {
    const newYear = t('2026-12-31T20:00:00Z');
    expect(nextSendAt('monthly', 'Pacific/Auckland', newYear)).toBe(t('2027-01-31T19:00:00Z'));
  });

  it('a missing or unknown zone means UTC', () => {
    expect(nextSendAt('daily', null, t('2026-12-04T09:00:00Z'))).toBe(t('2026-12-05T08:00:00Z'));
    expect(nextSendAt('daily', 'Nowhere/City', t('2026-12-04T07:00:00Z'))).toBe(t('2026-12-04T08:00:00Z'));
  });
});
