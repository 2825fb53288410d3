// X classifier replaying the §3 bodies of networks.md.
import { describe, expect, it } from 'vitest';
import { classifyX, classifyXToken, xRetryAt } from '../../adapters/x.ts';
import * as F from './fixtures.ts';
import { headers, NOW } from './support.ts';

const none = headers();
const resetIn15Min = String(Math.floor(NOW / 1000) + 900);

describe('classifyX [BK-TW][X-ERR][X-429]', () => {
  it('R2: users/me success is ok', () => {
    expect(classifyX(200, none, F.X_ME, NOW)).toEqual({ kind: 'ok' });
  });

  it('R12: the 401 problem-details (expired or revoked) is token-expired, so the connection tries a refresh', () => {
    const outcome = classifyX(401, none, F.X_401, NOW);
    expect(outcome).toMatchObject({ kind: 'auth-error', reason: 'token-expired' });
    expect(outcome.kind === 'auth-error' && outcome.detail).toContain('a refresh decides');
  });

  it('R11: a 429 is rate-limited with x-rate-limit-reset (unix seconds), never an auth-error', () => {
    const limited = headers({
      'x-rate-limit-limit': '75',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': resetIn15Min,
    });
    expect(classifyX(429, limited, F.X_429, NOW)).toEqual({
      kind: 'rate-limited',
      retryAt: NOW + 900_000,
      detail: 'X 429: Too Many Requests',
    });
  });

  it('R11: an exhausted 24-hour user cap wins over the 15-minute window [NTA2]', () => {
    const daily = String(Math.floor(NOW / 1000) + 20 * 3600);
    const limited = headers({
      'x-rate-limit-reset': resetIn15Min,
      'x-user-limit-24hour-remaining': '0',
      'x-user-limit-24hour-reset': daily,
    });
    expect(xRetryAt(limited, NOW)).toBe(NOW + 20 * 3600 * 1000);
  });

  it('R11: a 429 without reset headers falls back to Retry-After, then null', () => {
    expect(classifyX(429, headers({ 'Retry-After': '60' }), F.X_429, NOW)).toMatchObject({
      retryAt: NOW + 60_000,
    });
    expect(classifyX(429, none, F.X_429, NOW)).toMatchObject({ kind: 'rate-limited', retryAt: null });
  });

  it('R11: the monthly usage cap (429 usage-capped) is rate-limited, not an auth-error', () => {
    expect(classifyX(429, none, F.X_USAGE_CAPPED, NOW).kind).toBe('rate-limited');
  });

  it('R2: a refused refresh (400 invalid_request "Value passed for the token was invalid.") is token-expired', () => {
    expect(classifyX(400, none, F.X_REFRESH_REFUSED, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: a refused authorization code (400 invalid_request) is token-expired', () => {
    expect(classifyX(400, none, F.X_CODE_REFUSED, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R11: a confidential client without Basic auth (401 unauthorized_client) is a configuration problem, not a disconnect', () => {
    const outcome = classifyX(401, none, F.X_MISSING_BASIC, NOW);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.detail).toContain('client id/secret');
  });

  it('R11: 403 client-forbidden (app not enrolled) is unavailable, not an auth-error', () => {
    expect(classifyX(403, none, F.X_CLIENT_FORBIDDEN, NOW).kind).toBe('unavailable');
  });

  it('R2: 404 resource-not-found on users/me is deleted', () => {
    expect(classifyX(404, none, F.X_NOT_FOUND, NOW)).toMatchObject({ kind: 'auth-error', reason: 'deleted' });
  });

  it("R2: X's locked-account answer, HTTP 403 code 326 (networks.md §3.4 Decision), is security", () => {
    const outcome = classifyX(403, none, F.X_LOCKED_326, NOW);
    expect(outcome).toMatchObject({ kind: 'auth-error', reason: 'security' });
    expect(outcome.kind === 'auth-error' && outcome.detail).toContain('code 326');
    // The same answer at the token endpoint is a verdict too.
    expect(classifyXToken(403, none, F.X_LOCKED_326, NOW)).toMatchObject({ reason: 'security' });
  });

  it('R11: a numbered error other than 326 is not a verdict on the account', () => {
    const body = { errors: [{ code: 88, message: 'Rate limit exceeded' }] };
    expect(classifyX(403, none, body, NOW).kind).toBe('unavailable');
  });

  it('R2: a 403 naming a suspended user is security (body unverified, per Postiz)', () => {
    const body = {
      title: 'Forbidden',
      detail: 'User is suspended',
      type: 'https://api.twitter.com/2/problems/user-suspended',
    };
    expect(classifyX(403, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason: 'security' });
  });

  it('R2: a problem whose detail names user-suspended is security, whatever its status', () => {
    const body = { title: 'Unauthorized', detail: 'user-suspended', type: 'about:blank' };
    expect(classifyX(401, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason: 'security' });
  });

  it.each([500, 502, 503, 504])('R11: HTTP %i is unavailable [X-ERR]', (status) => {
    expect(classifyX(status, none, undefined, NOW).kind).toBe('unavailable');
  });
});

describe('classifyXToken: only an explained answer at the token endpoint is a verdict (R11, R12)', () => {
  it('R12: a refused refresh (400 invalid_request) is still token-expired', () => {
    expect(classifyXToken(400, none, F.X_REFRESH_REFUSED, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it.each([
    ['a 401 problem body without an OAuth error', 401, F.X_401],
    [
      'a 403 problem body',
      403,
      { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' },
    ],
    ['an HTML page', 401, undefined],
    ['an empty body', 401, null],
  ])(
    'R11: %s is unavailable, says it was not understood and names the client credentials',
    (_l, status, body) => {
      const outcome = classifyXToken(status, none, body, NOW);
      expect(outcome).toMatchObject({ kind: 'unavailable', retryAt: null });
      expect(outcome.kind === 'unavailable' && outcome.detail).toMatch(/not understood.*client credentials/);
    },
  );

  it('R11: a 429 and a 5xx keep their own meaning', () => {
    expect(classifyXToken(429, none, F.X_429, NOW).kind).toBe('rate-limited');
    expect(classifyXToken(503, none, undefined, NOW).kind).toBe('unavailable');
  });
});
