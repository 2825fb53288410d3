// X (API v2) with OAuth 2.0 Authorization Code + PKCE S256 [X-AC]. Public client: client_id in the form;
// a configured client secret switches to HTTP Basic, as confidential clients must [X-UAT].
// Access tokens last 2 hours; refresh tokens ROTATE, so the new one is always stored [X-ROT][NTA2].
import { z } from 'zod/mini';
import type { AuthErrorReason, Outcome } from '../core/schemas.ts';
import {
  authError,
  boundRetryAt,
  byStatus,
  type Classifier,
  describe,
  hasOAuthError,
  oauthError,
  ok,
  retryAfterAt,
} from './classify.ts';
import { send } from './http.ts';
import { credentials, oauth2 } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, TokenSet } from './types.ts';

export const X = {
  authorize: 'https://x.com/i/oauth2/authorize',
  token: 'https://api.x.com/2/oauth2/token',
  revoke: 'https://api.x.com/2/oauth2/revoke',
  me: 'https://api.x.com/2/users/me',
  tweets: 'https://api.x.com/2/tweets',
} as const;

const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access'] as const;

/** RFC 7807 problem details, X's v2 error format [X-ERR]. */
const Problem = z.object({
  title: z.optional(z.string()),
  detail: z.optional(z.string()),
  type: z.optional(z.string()),
  reason: z.optional(z.string()),
});
/** X's own numbered errors, the v1.1-style `errors` array (still how a locked account is answered, §3.4). */
const CodedErrors = z.object({
  errors: z.array(z.object({ code: z.number(), message: z.optional(z.string()) })).check(z.minLength(1)),
});
/** Numbered errors that speak about the account: 326 "this account is temporarily locked" (§3.4 Decision). */
const ERROR_CODES: Record<number, AuthErrorReason> = { 326: 'security' };
/** A suspended user, as Postiz matches it [POSTIZ-X]: named in a problem's type or detail. */
const SUSPENDED = /user-suspended/i;

/** The account-level verdict in X's numbered errors or a problem body naming a suspended user, if any. */
function accountVerdict(status: number, body: unknown): Outcome | null {
  const coded = CodedErrors.safeParse(body);
  if (coded.success) {
    const known = coded.data.errors.find((e) => ERROR_CODES[e.code] !== undefined);
    if (known)
      return authError(
        ERROR_CODES[known.code]!,
        `X ${status} code ${known.code}: ${describe(known.message)}`,
      );
  }
  const problem = Problem.safeParse(body);
  if (problem.success && SUSPENDED.test(`${problem.data.type ?? ''} ${problem.data.detail ?? ''}`)) {
    return authError('security', `X ${status}: ${describe(problem.data.detail, problem.data.title)}`);
  }
  return null;
}

/**
 * Token-endpoint refusals: a dead, rotated or revoked refresh token (and a used code) come back as
 * 400 invalid_request "Value passed for the token was invalid." (weak, many codebases) -> R2 token-expired.
 * Client problems (no Basic header for a confidential client) are configuration, not the account.
 */
const OAUTH_ERRORS: Record<string, AuthErrorReason | 'client'> = {
  invalid_request: 'token-expired',
  invalid_grant: 'token-expired',
  invalid_token: 'token-expired',
  invalid_client: 'client',
  unauthorized_client: 'client',
};

/** 24-hour caps parsed by node-twitter-api-v2 [NTA2], checked when exhausted, besides x-rate-limit-reset [X-RL]. */
const DAILY_LIMITS = ['x-user-limit-24hour', 'x-app-limit-24hour'];

/** Reset headers are whole unix seconds [X-RL]; anything else ("1e12", "0x10", "-1", "") is unreadable. */
const UNIX_SECONDS = /^\d{1,16}$/;

/**
 * When a 429 may be retried: an exhausted 24-hour cap's reset, else x-rate-limit-reset (unix seconds), else
 * Retry-After; each bounded to a day ahead (boundRetryAt, issue #13).
 */
export function xRetryAt(headers: Headers, now: number): number | null {
  const resetOf = (name: string): number | null => {
    const value = headers.get(name)?.trim() ?? '';
    const seconds = UNIX_SECONDS.test(value) ? Number(value) : 0;
    return seconds > 0 ? boundRetryAt(seconds * 1000, now) : null;
  };
  const daily = DAILY_LIMITS.filter((prefix) => headers.get(`${prefix}-remaining`) === '0')
    .map((prefix) => resetOf(`${prefix}-reset`))
    .filter((at): at is number => at !== null);
  if (daily.length > 0) return Math.max(...daily);
  return resetOf('x-rate-limit-reset') ?? retryAfterAt(headers, now);
}

export const classifyX: Classifier = (status, headers, body, now): Outcome => {
  // X reports every failure with a 4xx/5xx status [X-ERR]: a 2xx is an answer, not a verdict.
  if (status >= 200 && status < 300) return ok;
  const problem = Problem.safeParse(body);
  const text = problem.success
    ? describe(problem.data.detail, problem.data.title, `HTTP ${status}`)
    : `HTTP ${status}`;
  // Rate limits and usage caps are 429 [X-ERR][X-429]; never an auth-error (R11).
  if (status === 429)
    return { kind: 'rate-limited', retryAt: xRetryAt(headers, now), detail: `X 429: ${text}` };
  // Token-endpoint errors are plain OAuth JSON, not problem details [X-TOKERR].
  const refused = oauthError('X', OAUTH_ERRORS, status, headers, body, now);
  if (refused) return refused;
  // A locked (326) or suspended account is a verdict whatever the status says (§3.4 Decision).
  const verdict = accountVerdict(status, body);
  if (verdict) return verdict;
  const type = problem.success ? (problem.data.type ?? '') : '';
  // Expired and revoked access tokens get the same 401 [BK-TW]; a refresh tells them apart (R12).
  if (status === 401)
    return authError('token-expired', `X 401: ${text} (expired or revoked; a refresh decides)`);
  if (status === 404 && type.endsWith('/resource-not-found')) return authError('deleted', `X 404: ${text}`);
  return byStatus(status, headers, now, `X ${status}: ${text}`);
};

/**
 * X's OAuth 2.0 as data for the engine (oauth.ts). At the token endpoint an OAuth error, or X's locked /
 * suspended account answer, is a verdict; a 401 problem body there is not (it is what a wrong client id or
 * secret gets), nor is HTML or an empty body (R11, R12). A public client names itself with client_id; a
 * configured secret switches to HTTP Basic, as confidential clients must [X-UAT].
 */
const OAUTH = oauth2({
  id: 'x',
  issuer: 'X',
  authorize: X.authorize,
  token: X.token,
  scopes: SCOPES,
  pkce: true,
  client: { auth: 'basic', secret: 'optional' },
  classify: classifyX,
  explained: (status, body) => hasOAuthError(body) || accountVerdict(status, body) !== null,
  // 2-hour access tokens [X-AC]: refreshed by the call that needs one, five minutes ahead (the defaults). The
  // refresh token's own lifetime is unverified (networks.md §3.2), so nothing keeps it alive on a schedule.
  noRefreshToken: 'offline.access not granted',
});

/** The token endpoint's classifier (the engine's guard around classifyX). */
export const classifyXToken = OAUTH.classifyToken;

const Me = z.object({
  data: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    profile_image_url: z.optional(z.string()),
  }),
});
const Tweet = z.object({ data: z.object({ id: z.string() }) });

function me(ctx: AdapterContext, tokens: TokenSet) {
  const request = {
    method: 'GET',
    url: X.me,
    query: { 'user.fields': 'profile_image_url' },
    bearer: tokens.accessToken,
  } as const;
  return send(ctx, request, Me, classifyX);
}

export const x: NetworkAdapter = {
  ...OAUTH,

  async check(ctx, tokens) {
    const answer = await me(ctx, tokens);
    return answer.ok ? { kind: 'ok' } : answer.failure;
  },

  // Revoking the refresh token ends the grant; the access token is revoked too in case it outlives it.
  async revoke(ctx, tokens) {
    const auth = credentials(OAUTH, ctx, 'grant');
    if (!auth.ok) return auth.failure;
    const revocations = [
      ['refresh_token', tokens.refreshToken],
      ['access_token', tokens.accessToken],
    ] as const;
    for (const [hint, token] of revocations) {
      if (!token) continue;
      const answer = await send(
        ctx,
        {
          method: 'POST',
          url: X.revoke,
          form: { token, token_type_hint: hint, ...auth.value.params },
          headers: auth.value.headers,
          bodyless: true,
        },
        z.unknown(),
        classifyX,
      );
      if (!answer.ok) return answer.failure;
    }
    return { kind: 'ok' };
  },

  async profile(ctx, tokens) {
    const answer = await me(ctx, tokens);
    if (!answer.ok) return answer;
    const { id, name, username, profile_image_url } = answer.value.body.data;
    return {
      ok: true,
      value: { networkUserId: id, name, handle: username, avatarUrl: profile_image_url ?? null },
    };
  },

  async publish(ctx, tokens, post) {
    const text = post.link ? `${post.text} ${post.link}` : post.text;
    const answer = await send(
      ctx,
      { method: 'POST', url: X.tweets, bearer: tokens.accessToken, json: { text }, retry: false },
      Tweet,
      classifyX,
    );
    return answer.ok ? { ok: true, value: { remoteId: answer.value.body.data.id } } : answer;
  },
};
