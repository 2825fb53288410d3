// LinkedIn with 3-legged OAuth 2.0 (state, no PKCE, client secret in the body [AUTHJS-LI][POSTIZ-LI]).
// Health comes from token introspection, which has no side effects [LI-INTRO]. Refresh tokens exist only for
// MDP partners and expire 365 days after FIRST consent, whatever refreshes happen [LI-PRT]. No revoke endpoint.
import { z } from 'zod/mini';
import type { AuthErrorReason, Outcome } from '../core/schemas.ts';
import {
  authError,
  byStatus,
  type Classifier,
  DAY_MS,
  describe,
  isRecord,
  nextMidnightUtc,
  oauthError,
  ok,
  retryAfterAt,
  unavailable,
} from './classify.ts';
import { failure, type HttpRequest, pause, send } from './http.ts';
import { clientSecret, oauth2 } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, TokenSet } from './types.ts';

export const LINKEDIN = {
  authorize: 'https://www.linkedin.com/oauth/v2/authorization',
  token: 'https://www.linkedin.com/oauth/v2/accessToken',
  introspect: 'https://www.linkedin.com/oauth/v2/introspectToken',
  userinfo: 'https://api.linkedin.com/v2/userinfo',
  posts: 'https://api.linkedin.com/rest/posts',
} as const;

/** OIDC profile (userinfo) + member posting [LI-OIDC][POSTIZ-LI]. */
const SCOPES = ['openid', 'profile', 'w_member_social'] as const;
/** Versioned REST headers Postiz sends on /rest/* [POSTIZ-LI]. */
const REST_HEADERS = { 'LinkedIn-Version': '202601', 'X-Restli-Protocol-Version': '2.0.0' };
/** Fresh tokens sometimes answer 65601 for a few seconds after consent [LI-401]: wait once, then believe it. */
const FRESH_TOKEN_FLAKE_MS = 3000;

const Inactive = z.object({ active: z.literal(false), status: z.optional(z.string()) });
const ServiceError = z.object({
  serviceErrorCode: z.optional(z.number()),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** REST envelope codes, by serviceErrorCode or code [LI-401]; 101 is the throttle (weak, public fixtures). */
const SERVICE_ERRORS: Record<string, AuthErrorReason | 'rate-limited'> = {
  '65600': 'token-expired',
  INVALID_ACCESS_TOKEN: 'token-expired',
  '65601': 'revoked',
  REVOKED_ACCESS_TOKEN: 'revoked',
  '65602': 'token-expired',
  EXPIRED_ACCESS_TOKEN: 'token-expired',
  '101': 'rate-limited',
  TOO_MANY_REQUESTS: 'rate-limited',
};
/** introspectToken `status` values [LI-INTRO]; an inactive token without one counts as expired. */
const INTROSPECTION_STATUS: Record<string, AuthErrorReason> = {
  revoked: 'revoked',
  expired: 'token-expired',
};
/** Refresh refusals: invalid_grant per a third-party guide [NANGO] (unverified for LinkedIn). */
const OAUTH_ERRORS: Record<string, AuthErrorReason> = {
  invalid_grant: 'token-expired',
  invalid_token: 'token-expired',
};

/** No rate-limit header is documented; daily limits reset at midnight UTC [LI-RL], so that is when to retry. */
function rateLimited(headers: Headers, now: number, detail: string): Outcome {
  return { kind: 'rate-limited', retryAt: retryAfterAt(headers, now) ?? nextMidnightUtc(now), detail };
}

export const classifyLinkedIn: Classifier = (status, headers, body, now) => {
  // A 2xx is healthy unless introspection says the token is not active [LI-INTRO].
  if (status >= 200 && status < 300 && (!isRecord(body) || body.active !== false)) return ok;
  const service = ServiceError.safeParse(body);
  const text = service.success
    ? describe(service.data.message, service.data.code, `HTTP ${status}`)
    : `HTTP ${status}`;
  if (status === 429) return rateLimited(headers, now, `LinkedIn 429: ${text}`);
  const inactive = Inactive.safeParse(body);
  if (inactive.success && status < 300) {
    const state = inactive.data.status ?? 'inactive';
    return authError(
      INTROSPECTION_STATUS[state] ?? 'token-expired',
      `LinkedIn introspection: token ${state}`,
    );
  }
  if (service.success) {
    const { serviceErrorCode, code } = service.data;
    const meaning = SERVICE_ERRORS[String(serviceErrorCode)] ?? (code ? SERVICE_ERRORS[code] : undefined);
    const detail = `LinkedIn ${[serviceErrorCode ?? status, code].filter(Boolean).join(' ')}: ${text}`;
    if (meaning === 'rate-limited') return rateLimited(headers, now, detail);
    if (meaning) return authError(meaning, detail);
  }
  const refused = oauthError('LinkedIn', OAUTH_ERRORS, status, headers, body, now);
  if (refused) return refused;
  if (status >= 200 && status < 300) return ok;
  return byStatus(status, headers, now, `LinkedIn ${status}: ${text}`);
};

/**
 * LinkedIn's OAuth 2.0 as data for the engine (oauth.ts): state, no PKCE (only approved native apps get it),
 * client id and secret in the form [AUTHJS-LI][POSTIZ-LI]. Only an OAuth error is a verdict at the token
 * endpoint (R11, R12).
 */
const OAUTH = oauth2({
  id: 'linkedin',
  issuer: 'LinkedIn',
  authorize: LINKEDIN.authorize,
  token: LINKEDIN.token,
  scopes: SCOPES,
  client: { auth: 'post' },
  classify: classifyLinkedIn,
  // 60-day access tokens [LI-PRT]: refreshed on schedule a day ahead, when the app has refresh tokens at all.
  tokens: { ahead: DAY_MS, upkeep: 'scheduled' },
  noRefreshToken: 'programmatic refresh is for MDP partners [LI-PRT]',
});

/** LinkedIn's token endpoint: the engine's guard around classifyLinkedIn. */
export const classifyLinkedInToken = OAUTH.classifyToken;

/** api.linkedin.com calls, with one patient retry of the fresh-token 65601 flake [LI-401]. */
async function api<S extends z.core.$ZodType>(ctx: AdapterContext, request: HttpRequest, schema: S) {
  const first = await send(ctx, request, schema, classifyLinkedIn);
  if (first.ok || first.failure.kind !== 'auth-error' || !first.failure.detail?.includes('65601'))
    return first;
  await pause(ctx, FRESH_TOKEN_FLAKE_MS);
  return send(ctx, request, schema, classifyLinkedIn);
}

const Introspection = z.object({ active: z.boolean(), status: z.optional(z.string()) });
const UserInfo = z.object({
  sub: z.string(),
  name: z.optional(z.string()),
  given_name: z.optional(z.string()),
  family_name: z.optional(z.string()),
  picture: z.optional(z.string()),
});

function userinfo(ctx: AdapterContext, tokens: TokenSet) {
  return api(ctx, { method: 'GET', url: LINKEDIN.userinfo, bearer: tokens.accessToken }, UserInfo);
}

/** Commentary is "little text": these characters are markup and must be escaped (LinkedIn docs; unverified here). */
function littleText(text: string): string {
  return text.replace(/[\\|{}@[\]()<>#*_~]/g, (char) => `\\${char}`);
}

export const linkedin: NetworkAdapter = {
  ...OAUTH,

  async check(ctx, tokens) {
    const secret = clientSecret(ctx, 'linkedin');
    if (!secret.ok) return secret.failure;
    const form = { client_id: ctx.config.clientId, client_secret: secret.value, token: tokens.accessToken };
    const answer = await send(
      ctx,
      { method: 'POST', url: LINKEDIN.introspect, form },
      Introspection,
      classifyLinkedIn,
    );
    return answer.ok ? { kind: 'ok' } : answer.failure;
  },

  revoke: null,

  async profile(ctx, tokens) {
    const answer = await userinfo(ctx, tokens);
    if (!answer.ok) return answer;
    const { sub, name, given_name, family_name, picture } = answer.value.body;
    const fullName = name ?? ([given_name, family_name].filter(Boolean).join(' ') || sub);
    // The vanity name needs r_basicprofile, which this app does not ask for: no handle.
    return {
      ok: true,
      value: { networkUserId: sub, name: fullName, handle: null, avatarUrl: picture ?? null },
    };
  },

  async publish(ctx, tokens, post) {
    const member = await userinfo(ctx, tokens);
    if (!member.ok) return member;
    const commentary = littleText(post.link ? `${post.text}\n${post.link}` : post.text);
    const answer = await api(
      ctx,
      {
        method: 'POST',
        url: LINKEDIN.posts,
        bearer: tokens.accessToken,
        headers: REST_HEADERS,
        json: {
          author: `urn:li:person:${member.value.body.sub}`,
          commentary,
          visibility: 'PUBLIC',
          distribution: {
            feedDistribution: 'MAIN_FEED',
            targetEntities: [],
            thirdPartyDistributionChannels: [],
          },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        },
        bodyless: true,
        retry: false,
      },
      z.unknown(),
    );
    if (!answer.ok) return answer;
    // 201 with an empty body: the post's URN is in x-restli-id (Posts API; not captured in networks.md).
    const remoteId = answer.value.headers.get('x-restli-id');
    if (remoteId) return { ok: true, value: { remoteId } };
    return failure(unavailable('POST api.linkedin.com/rest/posts: no x-restli-id'));
  },
};
