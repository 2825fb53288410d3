// Contract: adapters/x.ts against mocks/handlers/x.ts. Tables cite mocks/README.md ("Faults × networks",
// "Lifetimes") and networks.md §3 / §6 (summary table) for the replayed bodies.
import { type Expectations, HOUR, MINUTE, runContract, SECOND, T0 } from './contract.ts';

const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const RESET = (T0 + 15 * MINUTE) / SECOND;

export const X_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", x column: /2/users/me 401 for every token fault, refresh 400
  // invalid_request -> auth-error (one answer for all four; the adapter says token-expired); delete-account
  // 404 resource-not-found -> deleted.
  faults: {
    revoke: 'token-expired',
    expireToken: 'token-expired',
    security: 'token-expired',
    inactive: 'token-expired',
    deleteAccount: 'deleted',
  },
  publish: { text: 'Contract post from the suite', link: 'https://example.com/a' },
  lifetime: {
    // expires_in 7200 [BK-TW]; rotating refresh tokens [NTA2][X-ROT].
    access: 2 * HOUR,
    renewAt: 2 * HOUR + MINUTE,
    renewEndpoint: 'refresh',
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
      responses: [{ status: 401, body: UNAUTHORIZED }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R12: 401 then refresh 400 invalid_request "Value passed for the token was invalid." (§3.4, weak) -> token-expired',
      call: 'connection.check',
      responses: [
        { status: 401, body: UNAUTHORIZED },
        {
          status: 400,
          body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R12: 401 [BK-TW] then a working refresh -> ok, no status change',
      call: 'connection.check',
      responses: [{ status: 401, body: UNAUTHORIZED }],
      expect: { kind: 'ok' },
    },
    {
      name: 'R11: 429 [X-429] with x-rate-limit-reset [X-RL] -> rate-limited until the reset',
      call: 'check',
      responses: [
        {
          status: 429,
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
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
          body: {
            title: 'UsageCapExceeded',
            detail: 'Usage cap exceeded: Monthly product cap',
            period: 'Monthly',
            scope: 'Product',
            status: 429,
            type: 'https://api.twitter.com/2/problems/usage-capped',
          },
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
          body: {
            client_id: '101010101',
            required_enrollment: 'Standard Basic',
            registration_url: 'https://developer.twitter.com/en/account',
            title: 'Client Forbidden',
            detail:
              'This request must be made using an approved developer account that is enrolled in the requested endpoint. Learn more by visiting our documentation.',
            reason: 'client-not-enrolled',
            type: 'https://api.twitter.com/2/problems/client-forbidden',
          },
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
          body: {
            data: {
              created_at: '2013-12-14T04:35:55.000Z',
              username: 'TwitterDev',
              pinned_tweet_id: '1255542774432063488',
              id: '2244994945',
              name: 'Twitter Dev',
            },
          },
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
          body: {
            token_type: 'bearer',
            expires_in: 7200,
            access_token: 'x*91',
            scope: 'tweet.write users.read tweet.read offline.access',
            refresh_token: 'x*91',
          },
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
