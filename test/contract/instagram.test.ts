// Contract: adapters/instagram.ts against mocks/handlers/instagram.ts (Instagram API with Instagram Login).
// Tables cite mocks/README.md ("Faults × networks", "Lifetimes") and networks.md §2 / §6 for the replays.
import {
  IG_CANNOT_DECRYPT,
  IG_EXPIRED,
  IG_LIMIT_80002,
  IG_ME_LEGACY,
  IG_PASSWORD,
  IG_PERMISSION_10,
  IG_REFRESHED,
} from '../adapters/fixtures.ts';
import { DAY, type Expectations, runContract, SECOND, T0 } from './contract.ts';

export const INSTAGRAM_EXPECTATIONS: Expectations = {
  // mocks/README.md "Faults × networks", instagram column: revoke 190 + 458 -> revoked; expire-token 190
  // expired text -> token-expired; security password text -> security; inactive: "indistinguishable from
  // expire-token" -> token-expired; delete-account 100/33 -> deleted.
  faults: {
    revoke: 'revoked',
    expireToken: 'token-expired',
    security: 'security',
    inactive: 'token-expired',
    deleteAccount: 'deleted',
  },
  publish: { text: 'Contract post from the suite', imageUrl: 'https://cdn.example.com/contract.jpg' },
  lifetime: {
    // ig_exchange_token: 60-day long-lived token [IG-AT]; ig_refresh_token renews it while unexpired [IG-REFRESH].
    access: 60 * DAY,
    renewal: { at: 55 * DAY, endpoint: 'refresh' },
    dies: {
      after: 60 * DAY + 60_000,
      reason: 'token-expired',
      why: 'an expired long-lived token cannot be refreshed [IG-REFRESH][BK-IG]',
    },
    horizon: null,
  },
  // 400 code 80002 + X-Business-Use-Case-Usage type instagram, minutes [FB-RL].
  rateLimit: { check: 'until-minute', publish: 'until-minute' },
  replays: [
    {
      name: 'networks.md §2.4 /me 400 190 "Session has expired" [BK-IG me_err__400.json] -> token-expired',
      call: 'check',
      responses: [
        {
          status: 400,
          body: IG_EXPIRED,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: '/me 400 190 password changed [BK-IG err__3.json] -> security',
      call: 'check',
      responses: [
        {
          status: 400,
          body: IG_PASSWORD,
        },
      ],
      expect: { kind: 'auth-error', reason: 'security' },
    },
    {
      name: '/me 400 190 "The access token could not be decrypted" [BK-IG v14.0/err__access_token_invalid_1.json] -> token-expired',
      call: 'check',
      responses: [
        {
          status: 400,
          body: IG_CANNOT_DECRYPT,
        },
      ],
      expect: { kind: 'auth-error', reason: 'token-expired' },
    },
    {
      name: 'R11: IGApiException code 10 "Application does not have permission" [BK-IG err__1.json] -> unavailable',
      call: 'check',
      responses: [
        {
          status: 400,
          body: IG_PERMISSION_10,
        },
      ],
      expect: { kind: 'unavailable' },
    },
    {
      name: 'R11: (#80002) too many calls to this Instagram account (§2.4, weak) -> rate-limited',
      call: 'check',
      responses: [
        {
          status: 400,
          body: IG_LIMIT_80002,
        },
      ],
      expect: { kind: 'rate-limited' },
    },
    {
      name: '/me legacy shape [BK-IG me_without_media_ok.json] -> profile',
      call: 'profile',
      responses: [{ status: 200, body: IG_ME_LEGACY }],
      expect: {
        kind: 'ok',
        value: {
          networkUserId: '6489782497758472',
          name: 'qq122755990',
          handle: 'qq122755990',
          avatarUrl: null,
        },
      },
    },
    {
      name: 'refresh_access_token ok [BK-IG refresh_access_token_ok.json] -> renewal ok',
      call: 'refresh',
      responses: [{ status: 200, body: IG_REFRESHED }],
      expect: {
        kind: 'ok',
        value: { accessToken: 'x*144', refreshToken: null, expiresAt: T0 + 5183828 * SECOND },
      },
    },
  ],
};

runContract('instagram', INSTAGRAM_EXPECTATIONS);
