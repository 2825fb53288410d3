// Meta classifier (facebook.ts / instagram.ts share it) replaying every Graph body quoted in networks.md §1-2.
import { describe, expect, it } from 'vitest';
import { classifyFacebook } from '../../adapters/facebook.ts';
import { classifyInstagram } from '../../adapters/instagram.ts';
import { metaRetryAt } from '../../adapters/meta.ts';
import * as F from './fixtures.ts';
import { headers, NOW } from './support.ts';

const none = headers();
const graphError = (code: number, message: string, error_subcode?: number) => ({
  error: {
    message,
    type: 'OAuthException',
    code,
    ...(error_subcode === undefined ? {} : { error_subcode }),
    fbtrace_id: 'A',
  },
});

describe('classifyFacebook: debug_token answers (HTTP 200, is_valid) [FB-DBG][BK-FBAPI]', () => {
  it('R2: the official valid debug_token sample is ok', () => {
    expect(classifyFacebook(200, none, F.FB_DEBUG_VALID, NOW)).toEqual({ kind: 'ok' });
  });

  it('R2: is_valid:false with subcode 463 ("Session has expired") is token-expired', () => {
    expect(classifyFacebook(200, none, F.FB_DEBUG_EXPIRED_463, F.FB_463_CAPTURED_AT)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: is_valid:false with subcode 460 (password changed) is security', () => {
    expect(classifyFacebook(200, none, F.FB_DEBUG_PASSWORD_460, F.FB_463_CAPTURED_AT)).toMatchObject({
      kind: 'auth-error',
      reason: 'security',
    });
  });

  it('R2: is_valid:false with subcode 466 (invalidated via an API call) is revoked', () => {
    const beforeLapse = Date.UTC(2021, 5, 1);
    expect(classifyFacebook(200, none, F.FB_DEBUG_INVALIDATED_466, beforeLapse)).toMatchObject({
      kind: 'auth-error',
      reason: 'revoked',
    });
  });

  it.each([
    ['466', F.FB_DEBUG_INVALIDATED_466],
    ['460', F.FB_DEBUG_PASSWORD_460],
    ['463', F.FB_DEBUG_EXPIRED_463],
  ])(
    'R2: is_valid:false after data_access_expires_at (subcode %s) is inactive, checked before the subcode [FB-AUTHDATA]',
    (_, body) => {
      expect(classifyFacebook(200, none, body, NOW)).toMatchObject({
        kind: 'auth-error',
        reason: 'inactive',
      });
    },
  );

  it('R2: data access lapsing exactly now counts as lapsed (<= now)', () => {
    const at = F.FB_DEBUG_INVALIDATED_466.data.data_access_expires_at * 1000;
    expect(classifyFacebook(200, none, F.FB_DEBUG_INVALIDATED_466, at)).toMatchObject({ reason: 'inactive' });
    expect(classifyFacebook(200, none, F.FB_DEBUG_INVALIDATED_466, at - 1000)).toMatchObject({
      reason: 'revoked',
    });
  });

  it('R2: is_valid:false "Cannot parse access token" (190, no subcode, no data access date) is token-expired', () => {
    expect(classifyFacebook(200, none, F.FB_DEBUG_CANNOT_PARSE, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R11: debug_token called with a wrong app token (HTTP 400, code 100) is unavailable, not an auth-error', () => {
    const outcome = classifyFacebook(400, none, F.FB_DEBUG_WRONG_CALLER_400, NOW);
    expect(outcome).toMatchObject({ kind: 'unavailable', retryAt: null });
    expect(outcome.kind === 'unavailable' && outcome.detail).toContain('(#100)');
  });
});

describe('classifyFacebook: Graph error envelope (HTTP 400) [FB-ERR][BK-FBAPI]', () => {
  it('R2: the official envelope (190 + error_subcode 460) is security', () => {
    expect(classifyFacebook(400, none, F.FB_ENVELOPE_OFFICIAL, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'security',
    });
  });

  it('R2: the real "Session has expired" capture WITHOUT error_subcode is token-expired', () => {
    expect(classifyFacebook(400, none, F.FB_SESSION_EXPIRED_NO_SUBCODE, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: the real password-change capture WITHOUT error_subcode is security', () => {
    expect(classifyFacebook(400, none, F.FB_PASSWORD_CHANGED_NO_SUBCODE, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'security',
    });
  });

  it.each([
    [458, 'revoked'],
    [459, 'security'],
    [460, 'security'],
    [463, 'token-expired'],
    [464, 'security'],
    [466, 'revoked'],
  ] as const)('R2: 190 with only the message text of subcode %i is %s', (subcode, reason) => {
    const body = graphError(190, F.FB_SUBCODE_MESSAGES[subcode]);
    expect(classifyFacebook(400, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason });
  });

  it.each([
    [458, 'revoked'],
    [466, 'revoked'],
    [492, 'revoked'],
    [463, 'token-expired'],
    [467, 'token-expired'],
    [459, 'security'],
    [460, 'security'],
    [464, 'security'],
  ] as const)('R2: 190 with error_subcode %i and a neutral message is %s', (subcode, reason) => {
    const body = graphError(190, 'Error validating access token', subcode);
    expect(classifyFacebook(400, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason });
  });

  it('R2: the subcode wins over a contradicting message', () => {
    const body = graphError(190, F.FB_SUBCODE_MESSAGES[463], 458);
    expect(classifyFacebook(400, none, body, NOW)).toMatchObject({ reason: 'revoked' });
  });

  it.each(F.FB_OTHER_190_MESSAGES)('R2: 190 "%s" (no subcode, unknown text) is token-expired', (message) => {
    expect(classifyFacebook(400, none, graphError(190, message), NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: OAuthException 102 without subcode is token-expired', () => {
    expect(classifyFacebook(400, none, graphError(102, 'Session key invalid'), NOW)).toMatchObject({
      reason: 'token-expired',
    });
  });

  it('R2: code 100 with error_subcode 33 ("Object with ID ... does not exist") is deleted', () => {
    const body = graphError(100, 'Unsupported get request. Object with ID 123 does not exist', 33);
    expect(classifyFacebook(400, none, body, NOW)).toMatchObject({ kind: 'auth-error', reason: 'deleted' });
  });

  it('R11: a Meta code 4 rate limit (HTTP 403) is rate-limited, never an auth-error', () => {
    expect(classifyFacebook(403, none, F.FB_APP_LIMIT_4, NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAt: null,
    });
  });

  it('R11: code 32 "Page request limit reached" is rate-limited', () => {
    expect(classifyFacebook(400, none, F.FB_PAGE_LIMIT_32, NOW)).toMatchObject({ kind: 'rate-limited' });
  });

  it('R11: code 80001 with the sample usage headers (regain 0 min, 28 %) is rate-limited without a hint', () => {
    const usage = headers({
      'X-Business-Use-Case-Usage': F.FB_BUC_HEADER,
      'X-App-Usage': F.FB_APP_USAGE_HEADER,
    });
    expect(classifyFacebook(400, usage, F.FB_PAGE_LIMIT_80001, NOW)).toEqual({
      kind: 'rate-limited',
      retryAt: null,
      detail: expect.stringContaining('80001'),
    });
  });

  it.each([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014])(
    'R11: rate-limit code %i is rate-limited (as Mixpost) [MIXPOST-META]',
    (code) => {
      expect(classifyFacebook(400, none, graphError(code, 'limit'), NOW).kind).toBe('rate-limited');
    },
  );

  it.each([1, 2])('R11: temporary code %i is unavailable [FB-ERR]', (code) => {
    expect(classifyFacebook(500, none, graphError(code, 'An unknown error occurred'), NOW).kind).toBe(
      'unavailable',
    );
  });

  it('R11: the weak code 2 body is unavailable', () => {
    expect(classifyFacebook(400, none, F.FB_SERVICE_2, NOW).kind).toBe('unavailable');
  });

  it('R11: an unknown 4xx without a Graph body is unavailable, a 5xx honours Retry-After', () => {
    expect(classifyFacebook(404, none, undefined, NOW)).toMatchObject({ kind: 'unavailable', retryAt: null });
    expect(classifyFacebook(503, headers({ 'Retry-After': '30' }), undefined, NOW)).toMatchObject({
      kind: 'unavailable',
      retryAt: NOW + 30_000,
    });
  });
});

describe('metaRetryAt: when a throttled call may be retried [FB-RL]', () => {
  it('R11: X-Business-Use-Case-Usage estimated_time_to_regain_access is MINUTES', () => {
    const buc = F.FB_BUC_HEADER.replace(
      '"estimated_time_to_regain_access":0',
      '"estimated_time_to_regain_access":15',
    );
    expect(metaRetryAt(headers({ 'X-Business-Use-Case-Usage': buc }), NOW)).toBe(NOW + 15 * 60_000);
  });

  it('R11: X-App-Usage at 100 % gives the end of the one-hour rolling window', () => {
    const usage = headers({ 'X-App-Usage': '{"call_count":100,"total_time":25,"total_cputime":25}' });
    expect(metaRetryAt(usage, NOW)).toBe(NOW + 60 * 60_000);
  });

  it('R11: Retry-After wins over usage headers; malformed usage headers give no hint', () => {
    expect(metaRetryAt(headers({ 'Retry-After': '120', 'X-App-Usage': '{"call_count":100}' }), NOW)).toBe(
      NOW + 120_000,
    );
    expect(
      metaRetryAt(headers({ 'X-Business-Use-Case-Usage': 'not json', 'X-App-Usage': '{' }), NOW),
    ).toBeNull();
  });

  it('R11: a code 4 rate limit carries the BUC hint into retryAt', () => {
    const buc = '{"1":[{"type":"pages","estimated_time_to_regain_access":7}]}';
    expect(
      classifyFacebook(403, headers({ 'X-Business-Use-Case-Usage': buc }), F.FB_APP_LIMIT_4, NOW),
    ).toMatchObject({
      kind: 'rate-limited',
      retryAt: NOW + 7 * 60_000,
    });
  });
});

describe('classifyInstagram: Instagram Login bodies [BK-IG]', () => {
  it('R2: the expired capture (190, no subcode, HTTP 400) is token-expired', () => {
    expect(classifyInstagram(400, none, F.IG_EXPIRED, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: the password-change capture is security', () => {
    expect(classifyInstagram(400, none, F.IG_PASSWORD, NOW)).toMatchObject({
      kind: 'auth-error',
      reason: 'security',
    });
  });

  it('R2: "The access token could not be decrypted" is token-expired', () => {
    expect(classifyInstagram(400, none, F.IG_CANNOT_DECRYPT, NOW)).toMatchObject({ reason: 'token-expired' });
  });

  it('R11: IGApiException code 10 (app permission) is unavailable, not a disconnect', () => {
    expect(classifyInstagram(400, none, F.IG_PERMISSION_10, NOW)).toMatchObject({ kind: 'unavailable' });
  });

  it('R11: a media-download publishing error (9004/2207052) is unavailable with its user title', () => {
    const outcome = classifyInstagram(400, none, F.IG_MEDIA_DOWNLOAD_FAILED, NOW);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind !== 'ok' && outcome.detail).toContain('9004/2207052');
  });

  it('R11: code 80002 (too many calls to this Instagram account) is rate-limited', () => {
    expect(classifyInstagram(400, none, F.IG_LIMIT_80002, NOW).kind).toBe('rate-limited');
  });

  it('R2: a normal 200 body is ok', () => {
    expect(classifyInstagram(200, none, { user_id: '1', username: 'a' }, NOW)).toEqual({ kind: 'ok' });
  });
});
