// X classifier replaying the §3 bodies of networks.md.
import { describe, expect, it } from 'vitest';
import { classifyX, xRetryAt } from '../../adapters/x.ts';
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

  it('R2: a 403 naming a suspended user is security (body unverified, per Postiz)', () => {
    const body = {
      title: 'Forbidden',
      detail: 'User is suspended',
      type: 'https://api.twitter.com/2/problems/user-suspended',
    };
    expect(classifyX(403, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason: 'security' });
  });

  it.each([500, 502, 503, 504])('R11: HTTP %i is unavailable [X-ERR]', (status) => {
    expect(classifyX(status, none, undefined, NOW).kind).toBe('unavailable');
  });
});
