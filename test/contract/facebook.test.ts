// Contract: adapters/facebook.ts against mocks/handlers/facebook.ts. Tables cite mocks/README.md ("Faults ×
// networks", "Lifetimes") and networks.md §1 / §6 (summary table) for the replayed bodies.
import { DAY, type Expectations, runContract } from './contract.ts';

/** The 400 API error envelope of the captures (no error_subcode) [BK-FBAPI]. */
const graph400 = (message: string, fbtrace_id: string) => ({
  status: 400,
  body: { error: { message, type: 'OAuthException', code: 190, fbtrace_id } },
});

export const FACEBOOK_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", facebook column (debug_token is the check): revoke 190/458 ->
  // revoked; expire-token 463 -> token-expired; security 460 -> security; inactive data_access_expires_at <= now
  // -> inactive; delete-account 100/33 -> deleted.
  faults: {
    revoke: 'revoked',
    expireToken: 'token-expired',
    security: 'security',
    inactive: 'inactive',
    deleteAccount: 'deleted',
  },
  publish: { text: 'Contract post from the suite', link: 'https://example.com/a' },
  lifetime: {
    // The connect flow ends with fb_exchange_token: a 60-day long-lived user token [FB-LL].
    access: 60 * DAY,
    // No refresh token: a still-valid token is exchanged again, a week ahead (adapters/README.md).
    renewAt: 55 * DAY,
    renewEndpoint: 'exchange',
    dies: {
      after: 60 * DAY + 60_000,
      reason: 'token-expired',
      why: '"You can not use an expired token to request a long-lived token" [FB-LL]',
    },
    // Data access: 90 days from the last authorization, not extended by fb_exchange_token [FB-AUTHDATA].
    horizon: {
      after: 90 * DAY,
      reason: 'inactive',
      why: 'data access expires 90 days after consent [FB-AUTHDATA]',
    },
  },
  // user token: 400 code 32 + X-Business-Use-Case-Usage estimated_time_to_regain_access in minutes [FB-RL].
  rateLimit: { check: 'until-minute', publish: 'until-minute' },
  replays: [
    {
      name: 'networks.md §1.3 debug_token 200 is_valid:false subcode 463 [BK-FBAPI], at its capture time -> token-expired',
      call: 'check',
      at: Date.parse('2022-11-18T05:30:03Z'),
      responses: [
        {
          status: 200,
          body: {
            data: {
              app_id: '257422819769992',
              type: 'USER',
              application: 'oauth2-rs-f-b-web-app-demo',
              data_access_expires_at: 1671205551,
              error: {
                code: 190,
                message:
                  'Error validating access token: Session has expired on Wednesday, 16-Nov-22 07:45:51 PST. The current time is Thursday, 17-Nov-22 21:30:03 PST.',
                subcode: 463,
              },
              expires_at: 1668613551,
              is_valid: false,
              issued_at: 1663429551,
              scopes: ['email', 'public_profile'],
              user_id: '123',
            },
          },
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'debug_token 200 is_valid:false subcode 460 password changed [BK-FBAPI] -> security',
      call: 'check',
      at: Date.parse('2022-11-20T00:00:00Z'),
      responses: [
        {
          status: 200,
          body: {
            data: {
              app_id: '257422819769992',
              type: 'USER',
              application: 'oauth2-rs-f-b-web-app-demo',
              data_access_expires_at: 1671412462,
              error: {
                code: 190,
                message:
                  'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
                subcode: 460,
              },
              expires_at: 0,
              is_valid: false,
              scopes: ['email', 'instagram_basic', '...'],
              user_id: '123',
            },
          },
        },
      ],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: 'debug_token 200 is_valid:false subcode 466 "invalidated explicitly using an API call" [BK-FBAPI] -> revoked',
      call: 'check',
      at: Date.parse('2021-06-01T00:00:00Z'),
      responses: [
        {
          status: 200,
          body: {
            data: {
              app_id: '202493264460000',
              type: 'USER',
              application: 'xxxx',
              data_access_expires_at: 1630564369,
              error: {
                code: 190,
                message:
                  'Error validating access token: The session was invalidated explicitly using an API call.',
                subcode: 466,
              },
              expires_at: 1622793600,
              is_valid: false,
              scopes: [],
              user_id: '1882252945270000',
            },
          },
        },
      ],
      expect: { kind: 'auth-error', reason: 'revoked' },
    },
    {
      name: 'debug_token 200 "Cannot parse access token" [BK-FBAPI] -> token-expired',
      call: 'check',
      responses: [
        {
          status: 200,
          body: {
            data: {
              error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
              is_valid: false,
              scopes: [],
            },
          },
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'debug_token official sample, is_valid:true [FB-DBG] -> ok',
      call: 'check',
      at: Date.parse('2019-10-01T00:00:00Z'),
      responses: [
        {
          status: 200,
          body: {
            data: {
              app_id: '{app-id}',
              type: 'USER',
              application: '{app-name}',
              data_access_expires_at: 1576687825,
              expires_at: 1570820400,
              is_valid: true,
              scopes: ['pages_show_list', 'public_profile'],
              granular_scopes: [
                {
                  scope: 'pages_show_list',
                  target_ids: ['{page-1-app-can-access-id}', '{page-2-app-can-access-id}'],
                },
              ],
              user_id: '10215241773831025',
            },
          },
        },
      ],
      expect: { kind: 'ok' },
    },
    {
      name: 'R11: debug_token with a wrong caller token, 400 (#100) [BK-FBAPI] -> unavailable (not a verdict on the token)',
      call: 'check',
      responses: [
        {
          status: 400,
          body: {
            error: {
              message:
                '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
              type: 'OAuthException',
              code: 100,
              fbtrace_id: 'ATro7hQJL1cSosoigB2Od10',
            },
          },
        },
      ],
      expect: { kind: 'unavailable' },
    },
    {
      name: 'API 400 190 "Session has expired", no subcode [BK-FBAPI err__access_token_session_has_expired] -> token-expired',
      call: 'profile',
      responses: [
        graph400(
          'Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST.',
          'AOl1gSqZRMyPzEMw9OJXzYh',
        ),
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'API 400 190 password changed, no subcode [BK-FBAPI err__access_token_session_has_been_invalidated] -> security',
      call: 'profile',
      responses: [
        graph400(
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
          'AnXK4d44QgU4tjsUwmICTtj',
        ),
      ],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: 'R11: (#32) Page request limit reached [FB-RL] -> rate-limited',
      call: 'profile',
      responses: [
        {
          status: 400,
          body: {
            error: {
              message: '(#32) Page request limit reached',
              type: 'OAuthException',
              code: 32,
              fbtrace_id: 'Fz54k3GZrio',
            },
          },
        },
      ],
      expect: { kind: 'rate-limited', retryAt: null },
    },
    {
      name: 'R11: (#80001) too many calls to this Page account [FB-RL] -> rate-limited',
      call: 'check',
      responses: [
        {
          status: 400,
          body: {
            error: {
              message:
                '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
              type: 'OAuthException',
              code: 80001,
              fbtrace_id: 'AmFGcW_3hwDB7qFbl_QdebZ',
            },
          },
        },
      ],
      expect: { kind: 'rate-limited' },
    },
    {
      name: 'R11: (#4) Application request limit reached, HTTP 403 [FB-4-BODY][FB-403-4] -> rate-limited',
      call: 'check',
      responses: [
        {
          status: 403,
          body: {
            error: {
              message: '(#4) Application request limit reached',
              type: 'OAuthException',
              is_transient: true,
              code: 4,
              fbtrace_id: 'E+h93KlSgIM',
            },
          },
        },
      ],
      expect: { kind: 'rate-limited' },
    },
    {
      name: 'long-lived exchange, official sample [FB-LL] -> renewal ok, 60 days',
      call: 'refresh',
      responses: [
        {
          status: 200,
          body: { access_token: '{long-lived-user-access-token}', token_type: 'bearer', expires_in: 5183944 },
        },
      ],
      expect: { kind: 'ok', value: { accessToken: '{long-lived-user-access-token}', refreshToken: null } },
    },
  ],
};

runContract('facebook', FACEBOOK_EXPECTATIONS);
