// Contract: adapters/youtube.ts against mocks/handlers/youtube.ts. Tables cite mocks/README.md ("Faults ×
// networks", "Lifetimes") and networks.md §5 / §6 (summary table) for the replayed bodies.
import {
  G_401,
  G_401_OLD,
  G_INVALID_GRANT,
  G_QUOTA,
  G_TOKEN_WITH_ID_TOKEN,
  G_TOKENINFO_INVALID,
} from '../adapters/fixtures.ts';
import {
  DAY,
  type Expectations,
  expectedRetryAt,
  HOUR,
  MINUTE,
  runContract,
  SECOND,
  T0,
} from './contract.ts';

/** YouTube 403 with one of the official reasons of [YT-ERR] (body shape as the quota capture [YT-QE]). */
const forbidden = (reason: string) => ({
  error: { code: 403, message: reason, errors: [{ message: reason, domain: 'youtube.common', reason }] },
});

export const YOUTUBE_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", youtube column: revoke / expire-token / inactive: tokeninfo 400
  // invalid_token, refresh 400 invalid_grant -> auth-error (Google does not separate them: token-expired);
  // security: 403 authenticatedUserAccountSuspended -> security; delete-account: 403
  // authenticatedUserAccountClosed -> deleted (both only visible through a YouTube API call).
  faults: {
    revoke: 'token-expired',
    expireToken: 'token-expired',
    security: 'security',
    inactive: 'token-expired',
    deleteAccount: 'deleted',
  },
  publish: {
    text: 'Contract post from the suite\nsecond line',
    link: 'https://example.com/a',
    video: new Blob([new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50])], {
      type: 'video/mp4',
    }),
  },
  // "Upload timeout is at least 5 minutes" (adapters/README.md, YouTube publish).
  publishTimeoutMs: 5 * 60 * SECOND,
  lifetime: {
    // expires_in 3599 [BK-G].
    access: 3599 * SECOND,
    renewal: { at: HOUR + MINUTE, endpoint: 'refresh' },
    // The refresh token has no TTL but dies after six months unused [G-OAUTH2] (mock: 183 days).
    dies: {
      after: 184 * DAY,
      reason: 'token-expired',
      why: 'refresh token unused for six months [G-OAUTH2]',
    },
    horizon: null,
  },
  // OAuth hosts: 429 RESOURCE_EXHAUSTED + Retry-After (mock addition); YouTube host: 403 quotaExceeded
  // [YT-QE], per-project daily quota: retry at the next midnight Pacific.
  rateLimit: { check: 'until', publish: 'midnight-pacific' },
  replays: [
    {
      name: 'networks.md §5.3 tokeninfo 400 invalid_token "Invalid Value" (weak) -> token-expired (ambiguous)',
      call: 'check',
      responses: [{ status: 400, body: G_TOKENINFO_INVALID }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R12: tokeninfo 400 invalid_token then refresh 400 invalid_grant [G-GRANT] -> token-expired',
      call: 'connection.check',
      responses: [
        { status: 400, body: G_TOKENINFO_INVALID },
        { status: 400, body: G_INVALID_GRANT },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R12: tokeninfo 400 invalid_token then a working refresh -> ok, no status change',
      call: 'connection.check',
      responses: [{ status: 400, body: G_TOKENINFO_INVALID }],
      expect: { kind: 'ok' },
    },
    {
      name: 'refresh 400 invalid_grant "Token has been expired or revoked." [G-GRANT] -> token-expired',
      call: 'refresh',
      responses: [{ status: 400, body: G_INVALID_GRANT }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'channels 401 UNAUTHENTICATED full body (§5.4, weak) -> token-expired',
      call: 'profile',
      responses: [{ status: 401, body: G_401 }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'channels 401 older envelope {code, errors[authError]} [G-401] -> token-expired',
      call: 'profile',
      responses: [
        {
          status: 401,
          body: G_401_OLD,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R11: channels 403 quotaExceeded [YT-QE] -> rate-limited until midnight Pacific',
      call: 'profile',
      responses: [
        {
          status: 403,
          body: G_QUOTA,
        },
      ],
      expect: { kind: 'rate-limited' },
      retryAt: (now) => expectedRetryAt('midnight-pacific', now, now),
    },
    {
      name: 'channels 403 authenticatedUserAccountSuspended [YT-ERR] -> security',
      call: 'profile',
      responses: [{ status: 403, body: forbidden('authenticatedUserAccountSuspended') }],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: 'channels 403 authenticatedUserAccountClosed [YT-ERR] -> deleted',
      call: 'profile',
      responses: [{ status: 403, body: forbidden('authenticatedUserAccountClosed') }],
      expect: { kind: 'auth-error', reason: 'deleted' },
    },
    {
      name: 'tokeninfo 200 observed body (§5.3, weak; values are strings) -> ok',
      call: 'check',
      responses: [
        {
          status: 200,
          body: {
            azp: '318274650912-m0ck5ocialhea1thq7v2x9b4n8c3d6f1e.apps.googleusercontent.com',
            aud: '318274650912-m0ck5ocialhea1thq7v2x9b4n8c3d6f1e.apps.googleusercontent.com',
            scope: 'https://www.googleapis.com/auth/youtube.upload',
            exp: '1679875401',
            expires_in: '3560',
            access_type: 'offline',
          },
        },
      ],
      expect: { kind: 'ok' },
    },
    {
      name: 'token response [BK-G access_token_with_authorization_code_grant.json] -> refresh ok',
      call: 'refresh',
      responses: [
        {
          status: 200,
          body: G_TOKEN_WITH_ID_TOKEN,
        },
      ],
      expect: {
        kind: 'ok',
        value: { accessToken: 'x*163', refreshToken: 'x*103', expiresAt: T0 + 3599 * SECOND },
      },
    },
  ],
};

runContract('youtube', YOUTUBE_EXPECTATIONS);
