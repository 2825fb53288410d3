// Contract: adapters/linkedin.ts against mocks/handlers/linkedin.ts. Tables cite mocks/README.md ("Faults ×
// networks", "Lifetimes") and networks.md §4 / §6 (summary table) for the replayed bodies.
import { expect } from 'vitest';
import {
  LI_429,
  LI_65600,
  LI_65601,
  LI_65602,
  LI_INTROSPECT_ACTIVE,
  LI_INTROSPECT_EXPIRED,
  LI_INTROSPECT_REVOKED,
  LI_INVALID_GRANT,
  LI_TOKEN,
} from '../adapters/fixtures.ts';
import { DAY, type Expectations, expectedRetryAt, MINUTE, runContract, SECOND, T0 } from './contract.ts';

export const LINKEDIN_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", linkedin column: revoke: introspection {active:false,
  // status:"revoked"}, API 401 65601 -> revoked; expire-token: status "expired", 65602 -> token-expired;
  // security / inactive / delete-account: "as revoke (no distinct documented body)" -> revoked.
  faults: {
    revoke: 'revoked',
    expireToken: 'token-expired',
    security: 'revoked',
    inactive: 'revoked',
    deleteAccount: 'revoked',
  },
  publish: { text: 'Contract post from the suite', link: 'https://example.com/a' },
  lifetime: {
    // 60-day access tokens; the mock client is an MDP partner with refresh tokens [LI-PRT].
    access: 60 * DAY,
    renewal: { at: 60 * DAY + MINUTE, endpoint: 'refresh' },
    dies: { after: 365 * DAY, reason: 'token-expired', why: 'refresh token fixed at 365 days [LI-PRT]' },
    // Refreshing never extends the refresh token: 365 days from consent whatever happens [LI-PRT].
    horizon: {
      after: 365 * DAY,
      reason: 'token-expired',
      why: 'refresh horizon fixed at 365 days from consent [LI-PRT]',
    },
  },
  // 429 serviceErrorCode 101, no header documented [LI-RL]: daily limits reset at midnight UTC.
  rateLimit: { check: 'midnight-utc', publish: 'midnight-utc' },
  replays: [
    {
      name: 'networks.md §4.4 API 401 65601 REVOKED_ACCESS_TOKEN [LI-401] -> revoked',
      call: 'check',
      responses: [
        {
          status: 401,
          body: LI_65601,
        },
      ],
      expect: { kind: 'auth-error', reason: 'revoked' },
    },
    {
      name: 'API 401 65602 EXPIRED_ACCESS_TOKEN (§4.4, weak) -> token-expired',
      call: 'check',
      responses: [
        {
          status: 401,
          body: LI_65602,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'API 401 65600 "Invalid access token", older envelope [LI-401 react-native-linkedin#80] -> token-expired',
      call: 'check',
      responses: [{ status: 401, body: LI_65600 }],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'introspectToken sample response [LI-INTRO] -> ok',
      call: 'check',
      responses: [
        {
          status: 200,
          body: LI_INTROSPECT_ACTIVE,
        },
      ],
      expect: { kind: 'ok' },
    },
    {
      name: 'introspectToken {active:false, status:"revoked"} (§4.3, inferred from the field docs) -> revoked',
      call: 'check',
      responses: [{ status: 200, body: LI_INTROSPECT_REVOKED }],
      expect: { kind: 'auth-error', reason: 'revoked' },
    },
    {
      name: 'R12: introspectToken status "expired" then refresh 400 invalid_grant [NANGO] -> token-expired',
      call: 'connection.check',
      responses: [
        { status: 200, body: LI_INTROSPECT_EXPIRED },
        {
          status: 400,
          body: LI_INVALID_GRANT,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R11: 429 serviceErrorCode 101 TOO_MANY_REQUESTS (§4.4, weak) -> rate-limited until midnight UTC [LI-RL]',
      call: 'check',
      responses: [
        {
          status: 429,
          body: LI_429,
        },
      ],
      expect: { kind: 'rate-limited' },
      retryAt: (now) => expectedRetryAt('midnight-utc', now, now),
    },
    {
      name: 'token response of an app without refresh tokens [BK-LI] -> refresh ok, the stored refresh token kept',
      call: 'refresh',
      responses: [{ status: 200, body: LI_TOKEN }],
      expect: {
        kind: 'ok',
        value: { accessToken: 'x*350', refreshToken: expect.any(String), expiresAt: T0 + 5183999 * SECOND },
      },
    },
  ],
};

runContract('linkedin', LINKEDIN_EXPECTATIONS);
