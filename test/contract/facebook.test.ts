// Contract: adapters/facebook.ts against mocks/handlers/facebook.ts. Tables cite mocks/README.md ("Faults ×
// networks", "Lifetimes") and networks.md §1 / §6 (summary table) for the replayed bodies.
import {
  FB_463_CAPTURED_AT,
  FB_APP_LIMIT_4,
  FB_DEBUG_CANNOT_PARSE,
  FB_DEBUG_EXPIRED_463,
  FB_DEBUG_INVALIDATED_466,
  FB_DEBUG_PASSWORD_460,
  FB_DEBUG_VALID,
  FB_DEBUG_WRONG_CALLER_400,
  FB_PAGE_LIMIT_32,
  FB_PAGE_LIMIT_80001,
  FB_PASSWORD_CHANGED_NO_SUBCODE,
  FB_SESSION_EXPIRED_NO_SUBCODE,
} from '../adapters/fixtures.ts';
import { DAY, type Expectations, runContract } from './contract.ts';

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
    // The connect flow keeps the Page token got with the long-lived user token: it does not expire and
    // nothing renews it (networks.md §1.2 Decision).
    access: null,
    renewal: null,
    dies: null,
    // Data access: 90 days from the last authorization [FB-AUTHDATA]; R1's 90 days decide before that.
    horizon: {
      after: 90 * DAY,
      reason: 'inactive',
      why: 'data access expires 90 days after consent [FB-AUTHDATA]',
    },
  },
  // Page token: 400 code 80001 + X-Business-Use-Case-Usage estimated_time_to_regain_access in minutes [FB-RL].
  rateLimit: { check: 'until-minute', publish: 'until-minute' },
  replays: [
    {
      name: 'networks.md §1.3 debug_token 200 is_valid:false subcode 463 [BK-FBAPI], at its capture time -> token-expired',
      call: 'check',
      at: FB_463_CAPTURED_AT,
      responses: [
        {
          status: 200,
          body: FB_DEBUG_EXPIRED_463,
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
          body: FB_DEBUG_PASSWORD_460,
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
          body: FB_DEBUG_INVALIDATED_466,
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
          body: FB_DEBUG_CANNOT_PARSE,
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
          body: FB_DEBUG_VALID,
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
          body: FB_DEBUG_WRONG_CALLER_400,
        },
      ],
      expect: { kind: 'unavailable' },
    },
    {
      name: 'API 400 190 "Session has expired", no subcode [BK-FBAPI err__access_token_session_has_expired] -> token-expired',
      call: 'profile',
      responses: [{ status: 400, body: FB_SESSION_EXPIRED_NO_SUBCODE }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'API 400 190 password changed, no subcode [BK-FBAPI err__access_token_session_has_been_invalidated] -> security',
      call: 'profile',
      responses: [{ status: 400, body: FB_PASSWORD_CHANGED_NO_SUBCODE }],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: 'R11: (#32) Page request limit reached [FB-RL] -> rate-limited',
      call: 'profile',
      responses: [
        {
          status: 400,
          body: FB_PAGE_LIMIT_32,
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
          body: FB_PAGE_LIMIT_80001,
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
          body: FB_APP_LIMIT_4,
        },
      ],
      expect: { kind: 'rate-limited' },
    },
  ],
};

runContract('facebook', FACEBOOK_EXPECTATIONS);
