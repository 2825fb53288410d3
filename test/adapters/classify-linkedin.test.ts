// LinkedIn classifier replaying the §4 bodies of networks.md.
import { describe, expect, it } from 'vitest';
import { nextMidnightUtc } from '../../adapters/classify.ts';
import { classifyLinkedIn, classifyLinkedInToken } from '../../adapters/linkedin.ts';
import * as F from './fixtures.ts';
import { headers, NOW } from './support.ts';

const none = headers();

describe('classifyLinkedIn [LI-INTRO][LI-401][LI-RL]', () => {
  it('R2: the introspection sample (active) is ok', () => {
    expect(classifyLinkedIn(200, none, F.LI_INTROSPECT_ACTIVE, NOW)).toEqual({ kind: 'ok' });
  });

  it('R2: introspection status revoked is revoked', () => {
    expect(classifyLinkedIn(200, none, F.LI_INTROSPECT_REVOKED, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'revoked',
    });
  });

  it('R2: introspection status expired is token-expired', () => {
    expect(classifyLinkedIn(200, none, F.LI_INTROSPECT_EXPIRED, NOW)).toMatchObject({
      reason: 'token-expired',
    });
  });

  it('R2: an inactive token without a status is token-expired', () => {
    expect(classifyLinkedIn(200, none, { active: false }, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R2: 401 serviceErrorCode 65601 REVOKED_ACCESS_TOKEN is revoked', () => {
    expect(classifyLinkedIn(401, none, F.LI_65601, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'revoked',
    });
  });

  it('R2: 401 serviceErrorCode 65602 EXPIRED_ACCESS_TOKEN is token-expired', () => {
    expect(classifyLinkedIn(401, none, F.LI_65602, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: 401 serviceErrorCode 65600 (invalid, older envelope) is token-expired', () => {
    expect(classifyLinkedIn(401, none, F.LI_65600, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R2: a refused refresh (400 invalid_grant) is token-expired', () => {
    expect(classifyLinkedIn(400, none, F.LI_INVALID_GRANT, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R11: a 429 (serviceErrorCode 101) is rate-limited until the next midnight UTC, never an auth-error', () => {
    expect(classifyLinkedIn(429, none, F.LI_429, NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAt: Date.UTC(2026, 0, 16),
    });
  });

  it('R11: serviceErrorCode 101 is rate-limited whatever the status; Retry-After wins when sent', () => {
    expect(classifyLinkedIn(403, none, F.LI_429, NOW).kind).toBe('rate-limited');
    expect(classifyLinkedIn(429, headers({ 'Retry-After': '10' }), F.LI_429, NOW)).toMatchObject({
      retryAt: NOW + 10_000,
    });
  });

  it('R11: an unrecognised 401 (introspection "Invalid client secret") is unavailable, not a disconnect', () => {
    expect(classifyLinkedIn(401, none, { message: 'Invalid client secret' }, NOW).kind).toBe('unavailable');
  });

  it('R11: 5xx is unavailable', () => {
    expect(classifyLinkedIn(503, none, undefined, NOW).kind).toBe('unavailable');
  });

  it('nextMidnightUtc: the next 00:00 UTC, a full day ahead exactly at midnight', () => {
    expect(nextMidnightUtc(Date.UTC(2026, 0, 15, 23, 59))).toBe(Date.UTC(2026, 0, 16));
    expect(nextMidnightUtc(Date.UTC(2026, 0, 16))).toBe(Date.UTC(2026, 0, 17));
  });
});

describe('classifyLinkedInToken: only an OAuth error at the token endpoint is a verdict (R11, R12)', () => {
  it('R12: invalid_grant is token-expired [NANGO]', () => {
    expect(classifyLinkedInToken(400, none, F.LI_INVALID_GRANT, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it.each([
    ['a REST 401 envelope', F.LI_65600],
    ['an HTML page', undefined],
  ])('R11: a 401 with %s is unavailable and names the client credentials', (_label, body) => {
    const outcome = classifyLinkedInToken(401, none, body, NOW);
    expect(outcome).toMatchObject({ kind: 'unavailable', retryAt: null });
    expect(outcome.kind === 'unavailable' && outcome.detail).toMatch(/not understood.*client credentials/);
  });
});
