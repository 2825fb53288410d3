// Contract: adapters/x.ts against mocks/handlers/x.ts. Tables cite mocks/README.md ("Faults × networks",
// "Lifetimes") and networks.md §3 / §6 (summary table) for the replayed bodies.
import { expect } from 'vitest';
import {
  X_401,
  X_429,
  X_CLIENT_FORBIDDEN,
  X_LOCKED_326,
  X_ME,
  X_REFRESH_REFUSED,
  X_TOKEN,
  X_USAGE_CAPPED,
} from '../adapters/fixtures.ts';
import { type Expectations, HOUR, MINUTE, runContract, SECOND, T0 } from './contract.ts';

const RESET = (T0 + 15 * MINUTE) / SECOND;

export const X_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", x column: /2/users/me 401 for revoke, expire-token and inactive,
  // refresh 400 invalid_request -> auth-error (one answer for the three; the adapter says token-expired);
  // security 403 code 326 (networks.md §3.4 Decision) -> security; delete-account 404 resource-not-found ->
  // deleted.
  faults: {
    revoke: 'token-expired',
    expireToken: 'token-expired',
    security: 'security',
    inactive: 'token-expired',
    deleteAccount: 'deleted',
  },
  publish: { text: 'Contract post from the suite', link: 'https://example.com/a' },
  lifetime: {
    // expires_in 7200 [BK-TW]; rotating refresh tokens [NTA2][X-ROT].
    access: 2 * HOUR,
    renewal: { at: 2 * HOUR + MINUTE, endpoint: 'refresh' },
    // Refresh-token lifetime unverified (networks.md §3.2): the mock never lets it die of age.
    dies: null,
    horizon: null,
  },
  // 429 + x-rate-limit-reset = ceil(until / 1000) [X-429][X-RL].
  rateLimit: { check: 'until', publish: 'until' },
  replays: [
    {
      name: 'networks.md §3.3 users/me 401 [BK-TW users_me_fail.json] -> token-expired (ambiguous)',
      call: 'check',
      responses: [{ status: 401, body: X_401 }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R12: 401 then refresh 400 invalid_request "Value passed for the token was invalid." (§3.4, weak) -> token-expired',
      call: 'connection.check',
      responses: [
        { status: 401, body: X_401 },
        {
          status: 400,
          body: X_REFRESH_REFUSED,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R11/R12: 401 [BK-TW], then a 401 problem body (no OAuth error) from the token endpoint -> unavailable, not a disconnect',
      call: 'connection.check',
      responses: [
        { status: 401, body: X_401 },
        { status: 401, body: X_401 },
      ],
      expect: { kind: 'unavailable', detail: expect.stringContaining('not understood') },
    },
    {
      name: 'R11/R12: 401 [BK-TW], a working refresh, then 401 again with the fresh token -> unavailable, not a disconnect',
      call: 'connection.check',
      responses: [
        { status: 401, body: X_401 },
        { status: 200, body: X_TOKEN },
        { status: 401, body: X_401 },
      ],
      expect: { kind: 'unavailable', detail: expect.stringContaining('just renewed') },
    },
    {
      name: 'networks.md §3.4 Decision: 403 code 326, the locked-account answer -> security',
      call: 'check',
      responses: [{ status: 403, body: X_LOCKED_326 }],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: 'R12: 401 [BK-TW] then a working refresh -> ok, no status change',
      call: 'connection.check',
      responses: [{ status: 401, body: X_401 }],
      expect: { kind: 'ok' },
    },
    {
      name: 'R11: 429 [X-429] with x-rate-limit-reset [X-RL] -> rate-limited until the reset',
      call: 'check',
      responses: [
        {
          status: 429,
          body: X_429,
          headers: {
            'x-rate-limit-limit': '75',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(RESET),
          },
        },
      ],
      expect: { kind: 'rate-limited' },
      retryAt: () => RESET * SECOND,
    },
    {
      name: 'R11: 429 usage-capped (§3.4, weak) -> rate-limited, no time given',
      call: 'check',
      responses: [
        {
          status: 429,
          body: X_USAGE_CAPPED,
        },
      ],
      expect: { kind: 'rate-limited', retryAt: null },
    },
    {
      name: 'R11: 403 client-forbidden [BK-TWRS error.rs] -> unavailable (not a verdict on the token)',
      call: 'check',
      responses: [
        {
          status: 403,
          body: X_CLIENT_FORBIDDEN,
        },
      ],
      expect: { kind: 'unavailable' },
    },
    {
      name: 'users/me success [BK-TWRS users__lookup__me__optional_fields.json] -> profile',
      call: 'profile',
      responses: [
        {
          status: 200,
          body: X_ME,
        },
      ],
      expect: {
        kind: 'ok',
        value: { networkUserId: '2244994945', name: 'Twitter Dev', handle: 'TwitterDev', avatarUrl: null },
      },
    },
    {
      name: 'token response [BK-TW access_token_with_authorization_code_grant.json] -> refresh ok, rotated token stored',
      call: 'refresh',
      responses: [
        {
          status: 200,
          body: X_TOKEN,
        },
      ],
      expect: {
        kind: 'ok',
        value: { accessToken: 'x*91', refreshToken: 'x*91', expiresAt: T0 + 7200 * SECOND },
      },
    },
  ],
};

runContract('x', X_EXPECTATIONS);
