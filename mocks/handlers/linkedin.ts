// LinkedIn (networks.md §4): client-secret code flow, 60-day access token, programmatic refresh token with a
// fixed 365-day horizon (the mock client is an approved MDP partner), token introspection as the
// side-effect-free check, OIDC userinfo for the profile, /rest/posts to publish.
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, NetworkMock, Route } from '../http.ts';
import { bearer, createRouter, json, jsonBody, secs } from '../http.ts';
import { LIFETIME } from '../lifetimes.ts';
import { DIGITS } from '../random.ts';
import type { Grant, TokenProblem, TokenRecord } from '../state.ts';
import { checkToken, issue, newGrant, nextId, redeemCode } from '../state.ts';
import { authorizeRoute } from './consent.ts';

const CLIENT = MOCK_CLIENTS.linkedin;
const LIFE = LIFETIME.linkedin;

const oauthError = (status: number, error: string, description: string): MockReply =>
  json(status, { error, error_description: description });
const badClient = () => oauthError(401, 'invalid_client', 'Client authentication failed'); // [next-auth#7444]
// [linkedin_login#77]
const badCode = () =>
  oauthError(
    400,
    'invalid_request',
    'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
  );
// [NANGO] (third-party, unverified for LinkedIn; identical to Google's text).
const deadRefresh = () => oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');

/** API 401s: 65600 unknown [LI-401 react-native-linkedin#80], 65601 revoked [LI-401], 65602 expired (weak). */
const INVALID = { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 };
const REVOKED = {
  status: 401,
  serviceErrorCode: 65601,
  code: 'REVOKED_ACCESS_TOKEN',
  message: 'The token used in the request has been revoked by the user',
};
const EXPIRED = {
  status: 401,
  serviceErrorCode: 65602,
  code: 'EXPIRED_ACCESS_TOKEN',
  message: 'The token used in the request has expired',
};

/** security / inactive / delete-account have no distinct LinkedIn body: they read as revoked (mocks/README.md). */
const apiBody = (p: TokenProblem) => (p === 'unknown' ? INVALID : p === 'expired' ? EXPIRED : REVOKED);
const introspectStatus = (p: TokenProblem) => (p === 'expired' ? 'expired' : 'revoked');

const clientOk = (ctx: Ctx): boolean =>
  ctx.params.get('client_id') === CLIENT.clientId && ctx.params.get('client_secret') === CLIENT.clientSecret;

function tokenResponse(ctx: Ctx, grant: Grant, refresh: TokenRecord): MockReply {
  // An access token never outlives the refresh horizon: "Day-360 example: both expire in 5 days" [LI-PRT].
  const expiresAt = Math.min(ctx.now + LIFE.access, grant.refreshExpiresAt ?? Number.POSITIVE_INFINITY);
  const access = issue(ctx.s, grant, 'access', ctx.now, expiresAt);
  return json(200, {
    access_token: access.value,
    expires_in: secs(expiresAt - ctx.now),
    refresh_token: refresh.value,
    // The horizon set at consent; refreshing never extends it [LI-PRT].
    refresh_token_expires_in: secs((grant.refreshExpiresAt ?? ctx.now) - ctx.now),
    scope: grant.scopes.join(','),
    token_type: 'Bearer',
  });
}

const token: Route['handle'] = async (ctx) => {
  if (!clientOk(ctx)) return badClient();
  const p = ctx.params;
  if (p.get('grant_type') === 'refresh_token') {
    const check = checkToken(ctx.s, p.get('refresh_token'), ctx.now);
    if (!check.ok || check.rec.kind !== 'refresh') return deadRefresh();
    const { grant } = check.rec;
    if (grant.refreshExpiresAt !== null && ctx.now >= grant.refreshExpiresAt) return deadRefresh();
    return tokenResponse(ctx, grant, check.rec);
  }
  if (p.get('grant_type') !== 'authorization_code')
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  const r = await redeemCode(
    ctx.s,
    'linkedin',
    { code: p.get('code'), clientId: p.get('client_id'), redirectUri: p.get('redirect_uri'), verifier: null },
    ctx.now,
  );
  if (!r.ok) return r.problem === 'client' ? badClient() : badCode();
  ctx.accountId = r.code.account.identity.id;
  const grant = newGrant(ctx.s, r.code.account, { at: ctx.now, scopes: r.code.scopes });
  return tokenResponse(ctx, grant, issue(ctx.s, grant, 'refresh', ctx.now, grant.refreshExpiresAt));
};

/** [LI-INTRO]: 200 with active/status; 400 "Invalid client id or token", 401 "Invalid client secret". */
const introspect: Route['handle'] = (ctx) => {
  const p = ctx.params;
  if (p.get('client_id') !== CLIENT.clientId)
    return oauthError(400, 'invalid_request', 'Invalid client id or token');
  if (p.get('client_secret') !== CLIENT.clientSecret)
    return oauthError(401, 'invalid_client', 'Invalid client secret');
  const check = checkToken(ctx.s, p.get('token'), ctx.now);
  const rec = check.rec;
  if (!rec) return oauthError(400, 'invalid_request', 'Invalid client id or token');
  return json(200, {
    active: check.ok,
    client_id: CLIENT.clientId,
    authorized_at: secs(rec.grant.consentAt),
    created_at: secs(rec.issuedAt),
    status: check.ok ? 'active' : introspectStatus(check.problem),
    expires_at: secs(rec.expiresAt ?? ctx.now),
    scope: rec.grant.scopes.join(','),
    auth_type: '3L',
  });
};

/** A usable access token or the REST 401; includes the optional "revoked right after consent" flake. */
function authed(ctx: Ctx): TokenRecord | MockReply {
  const check = checkToken(ctx.s, bearer(ctx.req), ctx.now);
  if (!check.ok) return json(401, apiBody(check.problem));
  if (check.rec.kind !== 'access') return json(401, INVALID);
  if (ctx.now - check.rec.grant.consentAt < ctx.s.linkedinFlakeMs) return json(401, REVOKED); // [LI-401] quirk
  return check.rec;
}

/** OIDC userinfo [AUTHJS-LI][LI-OIDC]. */
const userinfo: Route['handle'] = (ctx) => {
  const rec = authed(ctx);
  if ('status' in rec) return rec;
  const id = rec.grant.account.identity;
  const [given, ...rest] = id.name.split(' ');
  return json(200, {
    sub: id.networkUserId,
    email_verified: true,
    name: id.name,
    locale: { country: 'US', language: 'en' },
    given_name: given ?? id.name,
    family_name: rest.join(' '),
    email: id.email,
    picture: id.avatarUrl,
  });
};

/** POST /rest/posts: 201, empty body, id in `x-restli-id`. Version/permission bodies: LinkedIn's, not in networks.md. */
const posts: Route['handle'] = (ctx) => {
  const rec = authed(ctx);
  if ('status' in rec) return rec;
  const version = ctx.req.headers.get('linkedin-version');
  if (!version || !/^\d{6}(\.\d{2})?$/.test(version)) {
    return json(400, {
      status: 400,
      code: 'VERSION_MISSING',
      message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
    });
  }
  const body = jsonBody(ctx.req);
  const account = rec.grant.account;
  if (body?.author !== `urn:li:person:${account.identity.networkUserId}`) {
    return json(403, {
      status: 403,
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
      message: `Not enough permissions to access: partnerApiPostsExternal.CREATE.${version.slice(0, 6)}`,
    });
  }
  if (typeof body.commentary !== 'string') {
    return json(422, { status: 422, code: 'UNPROCESSABLE_ENTITY', message: 'commentary is required' }); // invented
  }
  const id = `urn:li:share:7${nextId(ctx.s, account, 'share', 18, DIGITS)}`;
  account.posts.push({ id, text: body.commentary, at: ctx.now });
  return { status: 201, raw: '', headers: { 'x-restli-id': id, 'x-linkedin-id': id } };
};

export const linkedin: NetworkMock = {
  network: 'linkedin',
  hosts: ['www.linkedin.com', 'linkedin.com', 'api.linkedin.com'],
  route: createRouter(
    [
      ['GET www.linkedin.com/oauth/v2/authorization', authorizeRoute('linkedin')],
      [
        'POST www.linkedin.com/oauth/v2/accessToken',
        {
          endpoint: (ctx) => (ctx.params.get('grant_type') === 'refresh_token' ? 'refresh' : 'token'),
          handle: token,
        },
      ],
      ['POST www.linkedin.com/oauth/v2/introspectToken', { endpoint: 'check', handle: introspect }],
      ['GET api.linkedin.com/v2/userinfo', { endpoint: 'profile', handle: userinfo }],
      ['POST api.linkedin.com/rest/posts', { endpoint: 'publish', handle: posts }],
    ],
    { aliases: { 'linkedin.com': 'www.linkedin.com' } },
  ),
  // 5xx bodies unverified; Postiz retries on bodies containing "Service Unavailable" [POSTIZ-LI].
  outage: () => json(503, { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable' }),
  // Weak public-fixture body; no rate-limit headers are documented [LI-RL] (so none are sent).
  rateLimited: () =>
    json(429, {
      status: 429,
      serviceErrorCode: 101,
      code: 'TOO_MANY_REQUESTS',
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    }),
};
