// X API v2 with OAuth 2.0 Authorization Code + PKCE (networks.md §3): 2-hour access tokens, rotating refresh
// tokens, /2/users/me as the health check, /2/tweets to publish. Expired, revoked and inactive tokens all look
// the same (401 problem-details); they only diverge at the refresh step [BK-TW][§7]. A locked account (the
// `security` fault) answers HTTP 403 with error code 326, on the API and at the token endpoint (§3.4 Decision).
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, NetworkMock, Route } from '../http.ts';
import { basicAuth, bearer, createRouter, json, jsonBody, secs } from '../http.ts';
import { LIFETIME } from '../lifetimes.ts';
import type { Grant, TokenRecord } from '../state.ts';
import { checkToken, forget, issue, newGrant, redeemCode } from '../state.ts';
import { authorizeRoute } from './consent.ts';

const CLIENT = MOCK_CLIENTS.x;
const LIFE = LIFETIME.x;
const PROBLEM = { 'content-type': 'application/problem+json' };

const problem = (
  status: number,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): MockReply => json(status, body, { ...PROBLEM, ...headers });

/** [BK-TW users_me_fail.json], verbatim. */
const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };

/**
 * X's locked-account answer, code 326 (networks.md §3.4 Decision, text verbatim from public issue threads,
 * e.g. zaydek/100xcode#4): the v1.1-style `errors` array, not problem details.
 */
const LOCKED = {
  errors: [
    {
      code: 326,
      message:
        'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://twitter.com to unlock your account.',
    },
  ],
};
const locked = (): MockReply => json(403, LOCKED);

/** Token-endpoint errors are OAuth JSON, not problem-details [X-TOKERR]. */
const oauthError = (status: number, error: string, description: string): MockReply =>
  json(status, { error, error_description: description });
const badToken = () => oauthError(400, 'invalid_request', 'Value passed for the token was invalid.'); // weak, ≥8 codebases
const badCode = () =>
  oauthError(400, 'invalid_request', 'Value passed for the authorization code was invalid.'); // [X-TOKERR #496]
const badClient = () => oauthError(401, 'unauthorized_client', 'Missing valid authorization header'); // [X-TOKERR #319]

/** Confidential clients send Basic auth; public-client style (client_id in the body) is accepted too [X-UAT]. */
function clientId(ctx: Ctx): string | null {
  const basic = basicAuth(ctx.req);
  if (basic) return basic.id === CLIENT.clientId && basic.secret === CLIENT.clientSecret ? basic.id : null;
  return ctx.params.get('client_id') === CLIENT.clientId ? CLIENT.clientId : null;
}

function tokenResponse(ctx: Ctx, grant: Grant): MockReply {
  const access = issue(ctx.s, grant, 'access', ctx.now, ctx.now + LIFE.access);
  const refresh = grant.scopes.includes('offline.access')
    ? issue(ctx.s, grant, 'refresh', ctx.now, null)
    : null;
  // Key order as in [BK-TW access_token_with_authorization_code_grant.json].
  return json(200, {
    token_type: 'bearer',
    expires_in: secs(LIFE.access),
    access_token: access.value,
    scope: grant.scopes.join(' '),
    ...(refresh ? { refresh_token: refresh.value } : {}),
  });
}

const exchangeCode: Route['handle'] = async (ctx) => {
  const id = clientId(ctx);
  if (id === null) return badClient();
  const p = ctx.params;
  const r = await redeemCode(
    ctx.s,
    'x',
    {
      code: p.get('code'),
      clientId: id,
      redirectUri: p.get('redirect_uri'),
      verifier: p.get('code_verifier'),
    },
    ctx.now,
  );
  if (!r.ok) {
    if (r.problem === 'no-verifier')
      return oauthError(400, 'invalid_request', 'Missing required parameter [code_verifier].'); // [tweepy#2014]
    if (r.problem === 'bad-verifier') {
      // [xdevplatform/twitter-api-typescript-sdk#26]
      return oauthError(
        400,
        'invalid_request',
        'Value passed for the code verifier did not match the code challenge.',
      );
    }
    return r.problem === 'client' ? badClient() : badCode();
  }
  ctx.accountId = r.code.account.identity.id;
  return tokenResponse(ctx, newGrant(ctx.s, r.code.account, { at: ctx.now, scopes: r.code.scopes }));
};

/** Rotation: the old refresh token is forgotten, so it now fails exactly like an unknown one [NTA2][X-ROT]. */
const refresh: Route['handle'] = (ctx) => {
  if (clientId(ctx) === null) return badClient();
  const check = checkToken(ctx.s, ctx.params.get('refresh_token'), ctx.now);
  if (!check.ok && check.problem === 'security') return locked();
  if (!check.ok || check.rec.kind !== 'refresh') return badToken();
  forget(ctx.s, check.rec);
  return tokenResponse(ctx, check.rec.grant);
};

const token: Route['handle'] = (ctx) => {
  const grantType = ctx.params.get('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(ctx);
  if (grantType === 'refresh_token') return refresh(ctx);
  return oauthError(400, 'unsupported_grant_type', 'Value passed for the grant type was invalid.'); // RFC 6749 code; text invented
};

/** Response body unverified in networks.md; RFC 7009 says 200 whether or not the token was known. */
const revoke: Route['handle'] = (ctx) => {
  if (clientId(ctx) === null) return badClient();
  const rec = ctx.s.tokens.get(ctx.params.get('token') ?? '');
  if (rec) {
    rec.grant.fault = 'revoked'; // an app revoke ends the whole grant: access and refresh token
    rec.grant.faultAt = ctx.now;
  }
  return json(200, { revoked: true });
};

/** A usable access token, or the error answer: 404 for a deleted account, 403 326 for a locked one, else 401. */
function authed(ctx: Ctx): TokenRecord | MockReply {
  const check = checkToken(ctx.s, bearer(ctx.req), ctx.now);
  if (check.ok && check.rec.kind === 'access') return check.rec;
  if (!check.ok && check.problem === 'security') return locked();
  if (!check.ok && check.problem === 'deleted' && check.rec) {
    const id = check.rec.grant.account.identity.networkUserId;
    return problem(404, {
      title: 'Not Found Error',
      type: 'https://api.twitter.com/2/problems/resource-not-found',
      status: 404,
      detail: `Could not find user with id: [${id}].`,
    });
  }
  return problem(401, UNAUTHORIZED);
}

/** [BK-TWRS users__lookup__me] shape; optional fields only when asked for with user.fields [X-OAS]. */
const me: Route['handle'] = (ctx) => {
  const rec = authed(ctx);
  if ('status' in rec) return rec;
  const identity = rec.grant.account.identity;
  const optional: Record<string, unknown> = {
    profile_image_url: identity.avatarUrl,
    created_at: '2013-12-14T04:35:55.000Z',
    protected: false,
    verified: false,
    description: '',
  };
  const wanted = (ctx.params.get('user.fields') ?? '').split(',');
  const extra = Object.fromEntries(Object.entries(optional).filter(([k]) => wanted.includes(k)));
  return json(200, {
    data: { id: identity.networkUserId, name: identity.name, username: identity.handle, ...extra },
  });
};

const X_EPOCH = 1288834974657n;

const tweet: Route['handle'] = (ctx) => {
  const rec = authed(ctx);
  if ('status' in rec) return rec;
  const text = jsonBody(ctx.req)?.text;
  if (typeof text !== 'string' || text === '') {
    return problem(400, {
      errors: [{ message: 'Request must contain text or media' }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request', // [X-ERR] problem type
    });
  }
  const account = rec.grant.account;
  // Snowflake: milliseconds since the X epoch << 22, plus a per-account sequence (deterministic).
  const id = (((BigInt(ctx.now) - X_EPOCH) << 22n) | BigInt(account.seq++ & 0x3fffff)).toString();
  account.posts.push({ id, text, at: ctx.now });
  return json(201, { data: { edit_history_tweet_ids: [id], id, text } });
};

/** Per-endpoint window limits for the x-rate-limit-limit header (illustrative values, [X-RL] publishes the real ones). */
const LIMIT: Record<string, number> = { profile: 75, publish: 100, token: 300, refresh: 300, revoke: 300 };

export const x: NetworkMock = {
  network: 'x',
  hosts: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'api.x.com', 'api.twitter.com'],
  route: createRouter(
    [
      ['GET x.com/i/oauth2/authorize', authorizeRoute('x')],
      [
        'POST api.x.com/2/oauth2/token',
        {
          endpoint: (ctx) => (ctx.params.get('grant_type') === 'refresh_token' ? 'refresh' : 'token'),
          handle: token,
        },
      ],
      ['POST api.x.com/2/oauth2/revoke', { endpoint: 'revoke', handle: revoke }],
      ['GET api.x.com/2/users/me', { endpoint: 'profile', handle: me }],
      ['POST api.x.com/2/tweets', { endpoint: 'publish', handle: tweet }],
    ],
    {
      aliases: {
        'www.x.com': 'x.com',
        'twitter.com': 'x.com',
        'www.twitter.com': 'x.com',
        'api.twitter.com': 'api.x.com',
      },
    },
  ),
  outage: () =>
    problem(503, {
      title: 'Service Unavailable',
      detail: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
    }),
  // Observed v2 body [X-429] + reset header in epoch seconds [X-ERR][X-RL].
  rateLimited: (_ctx, endpoint, until) =>
    problem(
      429,
      { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      {
        'x-rate-limit-limit': String(LIMIT[endpoint] ?? 75),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.ceil(until / 1000)),
      },
    ),
};
