// Google/YouTube classifier replaying the §5 bodies of networks.md.
import { describe, expect, it } from 'vitest';
import { nextMidnightIn } from '../../adapters/classify.ts';
import { classifyGoogleToken, classifyYouTube } from '../../adapters/youtube.ts';
import * as F from './fixtures.ts';
import { DAY, headers, NOW } from './support.ts';

const none = headers();

describe('classifyYouTube [G-GRANT][G-401][YT-ERR][YT-QE]', () => {
  it('R2: a valid tokeninfo answer (string values) is ok', () => {
    expect(classifyYouTube(200, none, F.G_TOKENINFO_VALID, NOW)).toEqual({ kind: 'ok' });
  });

  it('R12: tokeninfo 400 invalid_token "Invalid Value" is token-expired, so the connection tries a refresh', () => {
    expect(classifyYouTube(400, none, F.G_TOKENINFO_INVALID, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: a refused refresh (400 invalid_grant "Token has been expired or revoked.") is token-expired', () => {
    expect(classifyYouTube(400, none, F.G_INVALID_GRANT, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R12: the modern 401 UNAUTHENTICATED / authError body is token-expired (refresh decides)', () => {
    expect(classifyYouTube(401, none, F.G_401, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R12: the older top-level 401 authError envelope is token-expired', () => {
    expect(classifyYouTube(401, none, F.G_401_OLD, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R11: 403 quotaExceeded is rate-limited until midnight Pacific, never an auth-error', () => {
    // 2026-01-15T12:00Z is 04:00 PST; the next Pacific midnight is 2026-01-16T08:00Z.
    expect(classifyYouTube(403, none, F.G_QUOTA, NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAt: Date.UTC(2026, 0, 16, 8),
    });
  });

  it.each(['rateLimitExceeded', 'userRateLimitExceeded'])('R11: 403 %s is rate-limited', (reason) => {
    expect(classifyYouTube(403, headers({ 'Retry-After': '5' }), F.googleError(403, reason), NOW)).toEqual({
      kind: 'rate-limited',
      retryAt: NOW + 5000,
      detail: expect.stringContaining(reason),
    });
  });

  it('R11: a 429 is rate-limited', () => {
    expect(
      classifyYouTube(429, none, F.googleError(429, 'rateLimitExceeded', 'Too many requests'), NOW).kind,
    ).toBe('rate-limited');
    expect(classifyYouTube(429, none, undefined, NOW).kind).toBe('rate-limited');
  });

  it('R11: 400 uploadLimitExceeded is rate-limited for 24 hours [YT-UPL]', () => {
    expect(classifyYouTube(400, none, F.googleError(400, 'uploadLimitExceeded'), NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAt: NOW + DAY,
    });
  });

  it('R2: 403 authenticatedUserAccountClosed is deleted', () => {
    expect(
      classifyYouTube(403, none, F.googleError(403, 'authenticatedUserAccountClosed'), NOW),
    ).toMatchObject({
      kind: 'auth-error',
      reason: 'deleted',
    });
  });

  it('R2: 403 authenticatedUserAccountSuspended is security', () => {
    expect(
      classifyYouTube(403, none, F.googleError(403, 'authenticatedUserAccountSuspended'), NOW),
    ).toMatchObject({
      kind: 'auth-error',
      reason: 'security',
    });
  });

  it('R2: youtubeSignupRequired (no channel) is deleted', () => {
    expect(classifyYouTube(401, none, F.googleError(401, 'youtubeSignupRequired'), NOW)).toMatchObject({
      reason: 'deleted',
    });
  });

  it('R11: a generic 403 forbidden is unavailable, not a disconnect', () => {
    expect(classifyYouTube(403, none, F.googleError(403, 'forbidden'), NOW).kind).toBe('unavailable');
  });

  it('R11: invalid_client at the token endpoint is a configuration problem, not a disconnect', () => {
    expect(
      classifyYouTube(401, none, { error: 'invalid_client', error_description: 'Unauthorized' }, NOW).kind,
    ).toBe('unavailable');
  });

  it.each([500, 503])('R11: HTTP %i (backendError) is unavailable', (status) => {
    expect(classifyYouTube(status, none, F.googleError(status, 'backendError'), NOW).kind).toBe(
      'unavailable',
    );
  });
});

describe('nextMidnightIn: YouTube quota reset across DST', () => {
  it.each([
    ['winter (PST, UTC-8)', Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 0, 16, 8)],
    ['summer (PDT, UTC-7)', Date.UTC(2026, 6, 15, 12), Date.UTC(2026, 6, 16, 7)],
    ['the evening before spring-forward', Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 2, 8, 8)],
    [
      'the night of spring-forward (offset changes before midnight)',
      Date.UTC(2026, 2, 8, 9),
      Date.UTC(2026, 2, 9, 7),
    ],
    ['the evening before fall-back', Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 10, 1, 7)],
    ['the day of fall-back', Date.UTC(2026, 10, 1, 12), Date.UTC(2026, 10, 2, 8)],
  ])('%s', (_, now, expected) => {
    expect(nextMidnightIn('America/Los_Angeles', now)).toBe(expected);
  });
});

describe('classifyGoogleToken: only an OAuth error at the token endpoint is a verdict (R11, R12)', () => {
  it('R12: invalid_grant (a dead refresh token) is token-expired [G-GRANT]', () => {
    expect(classifyGoogleToken(400, none, F.G_INVALID_GRANT, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it.each([
    ['the API 401 envelope (no OAuth error)', F.G_401],
    ['an HTML page', undefined],
    ['an empty body', null],
  ])('R11: a 401 with %s is unavailable and names the client credentials', (_label, body) => {
    const outcome = classifyGoogleToken(401, none, body, NOW);
    expect(outcome).toMatchObject({ kind: 'unavailable', retryAt: null });
    expect(outcome.kind === 'unavailable' && outcome.detail).toMatch(/not understood.*client credentials/);
  });
});
