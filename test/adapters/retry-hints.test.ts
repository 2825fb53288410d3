// Issue #13: every retry hint a network sends (headers and body fields) is parsed defensively and bounded
// where it enters: at most a day ahead (MAX_RETRY_AHEAD), never before now, and an unreadable one is no hint
// (the core then backs off, R11).
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundRetryAt, retryAfterAt } from '../../adapters/classify.ts';
import { send } from '../../adapters/http.ts';
import { metaRetryAt } from '../../adapters/meta.ts';
import { xRetryAt } from '../../adapters/x.ts';
import { MAX_RETRY_AHEAD } from '../../core/schemas.ts';
import { context, HOUR, headers, NOW, useServer } from './support.ts';

const DAY_AHEAD = NOW + MAX_RETRY_AHEAD;
const at = (h: Record<string, string>) => retryAfterAt(headers(h), NOW);

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('R11: reads delay-seconds and all three HTTP-date forms', () => {
    const inAnHour = new Date(NOW + HOUR);
    expect(at({ 'Retry-After': '3600' })).toBe(NOW + HOUR);
    expect(at({ 'Retry-After': inAnHour.toUTCString() })).toBe(NOW + HOUR);
    // 2026-01-15T13:00:00Z in the obsolete RFC 850 and asctime forms (asctime means GMT, whatever the machine's zone).
    expect(at({ 'Retry-After': 'Thursday, 15-Jan-26 13:00:00 GMT' })).toBe(NOW + HOUR);
    expect(at({ 'Retry-After': 'Thu Jan 15 13:00:00 2026' })).toBe(NOW + HOUR);
  });

  it.each(['99999999999999', '9'.repeat(400), new Date(NOW + 3650 * 24 * HOUR).toUTCString()])(
    'R11: a hint further than a day ahead (%s) is bounded to a day',
    (value) => {
      expect(at({ 'Retry-After': value })).toBe(DAY_AHEAD);
    },
  );

  it.each(['1.5', '-3', '0x10', '1e9', '2026-06-01', 'soon', '12 seconds', ' '])(
    'R11: "%s" is not a Retry-After: no hint',
    (value) => {
      expect(at({ 'Retry-After': value })).toBeNull();
    },
  );

  it('R11: a date already past means now, not a time before it', () => {
    expect(at({ 'Retry-After': new Date(NOW - HOUR).toUTCString() })).toBe(NOW);
  });
});

describe('network-specific hints', () => {
  it('R11: x-rate-limit-reset and the 24-hour caps are bounded; a non-integer reset is unreadable [X-RL]', () => {
    expect(xRetryAt(headers({ 'x-rate-limit-reset': '99999999999999' }), NOW)).toBe(DAY_AHEAD);
    const capped = headers({
      'x-user-limit-24hour-remaining': '0',
      'x-user-limit-24hour-reset': String(Math.floor(NOW / 1000) + 10 * 365 * 86_400),
    });
    expect(xRetryAt(capped, NOW)).toBe(DAY_AHEAD);
    expect(xRetryAt(headers({ 'x-rate-limit-reset': '1e12' }), NOW)).toBeNull();
    expect(xRetryAt(headers({ 'x-rate-limit-reset': '0x7fffffff', 'Retry-After': '60' }), NOW)).toBe(
      NOW + 60_000,
    );
  });

  it("R11: Meta's estimated_time_to_regain_access (minutes) is bounded to a day [FB-RL]", () => {
    const buc = (minutes: string) =>
      headers({ 'X-Business-Use-Case-Usage': `{"1":[{"estimated_time_to_regain_access":${minutes}}]}` });
    expect(metaRetryAt(buc('99999999999999'), NOW)).toBe(DAY_AHEAD);
    expect(metaRetryAt(buc('1e308'), NOW)).toBe(DAY_AHEAD);
    expect(metaRetryAt(buc('0.3'), NOW)).toBe(NOW + 18_000);
    expect(metaRetryAt(buc('-5'), NOW)).toBeNull();
  });

  it('R11: boundRetryAt is total: no number is no hint, and the result is a whole millisecond', () => {
    expect(boundRetryAt(Number.NaN, NOW)).toBeNull();
    expect(boundRetryAt(Number.POSITIVE_INFINITY, NOW)).toBe(DAY_AHEAD);
    expect(boundRetryAt(Number.NEGATIVE_INFINITY, NOW)).toBe(NOW);
    expect(boundRetryAt(NOW + 0.25, NOW)).toBe(NOW + 1);
  });
});

describe('the HTTP layer bounds every classifier', () => {
  const server = useServer();
  const URL_ = 'https://api.example.com/v1/limited';

  it('R11: a classifier that passes a hint through unbounded still yields at most a day', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({}, { status: 429 })));
    const careless = () => ({ kind: 'rate-limited' as const, retryAt: NOW + 3650 * 24 * HOUR });
    const result = await send(context(), { method: 'GET', url: URL_ }, z.unknown(), careless);
    expect(result.ok === false && result.failure).toMatchObject({ kind: 'rate-limited', retryAt: DAY_AHEAD });
  });
});
