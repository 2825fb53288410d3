// YouTube through Google OAuth 2.0 + YouTube Data API v3 (networks.md §5): 1-hour access tokens, a refresh token
// without TTL (dies after 6 months unused), tokeninfo as the validity check, channels.list for the profile,
// videos.insert (multipart) to publish.
//
// Google separates the OAuth grant from the YouTube account: a suspended (security) or closed (delete-account)
// YouTube account keeps working tokens (tokeninfo valid, refresh works) while every YouTube API call answers 403
// authenticatedUserAccountSuspended / authenticatedUserAccountClosed [YT-ERR]. Only revoke / expire-token /
// inactive kill the tokens. So a health check must call the YouTube API, not just tokeninfo (mocks/README.md).
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, NetworkMock, Route } from '../http.ts';
import { basicAuth, bearer, createRouter, json, secs } from '../http.ts';
import { LIFETIME } from '../lifetimes.ts';
import { B64URL } from '../random.ts';
import type { AccountState, Grant, TokenRecord } from '../state.ts';
import { issue, newGrant, nextId, redeemCode } from '../state.ts';
import { authorizeRoute } from './consent.ts';

const CLIENT = MOCK_CLIENTS.youtube;
const LIFE = LIFETIME.youtube;

const oauthError = (status: number, error: string, description: string): MockReply =>
  json(status, { error, error_description: description });
const invalidGrant = () => oauthError(400, 'invalid_grant', 'Token has been expired or revoked.'); // [G-GRANT]
const invalidToken = () => oauthError(400, 'invalid_token', 'Invalid Value'); // tokeninfo, public code (weak)

/** Google API error envelope, as in the 401 body of networks.md §5.4. */
const googleError = (
  status: number,
  message: string,
  reason: string,
  domain: string,
  extra: object = {},
): MockReply =>
  json(status, {
    error: { code: status, message, errors: [{ message, domain, reason, ...extra }], ...statusName(status) },
  });
const statusName = (status: number) =>
  ({
    401: { status: 'UNAUTHENTICATED' },
    403: { status: 'PERMISSION_DENIED' },
    429: { status: 'RESOURCE_EXHAUSTED' },
    503: { status: 'UNAVAILABLE' },
  })[status] ?? {};

/** 401 for a dead access token (weak but verbatim modern body, networks.md §5.4). */
const UNAUTHENTICATED = {
  error: {
    code: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    errors: [
      {
        message: 'Invalid Credentials',
        domain: 'global',
        reason: 'authError',
        location: 'Authorization',
        locationType: 'header',
      },
    ],
    status: 'UNAUTHENTICATED',
  },
};

/** OAuth-level validity: only revoke / expire-token / inactive and natural expiry kill a Google token. */
function oauthToken(ctx: Ctx, value: string | null): TokenRecord | 'unknown' | 'dead' {
  const rec = value ? ctx.s.tokens.get(value) : undefined;
  if (!rec) return 'unknown';
  const fault = rec.grant.fault;
  if (fault === 'revoked' || fault === 'expired' || fault === 'inactive') return 'dead';
  if (rec.expiresAt !== null && ctx.now >= rec.expiresAt) return 'dead';
  return rec;
}

/** Client authentication: client_secret_post or client_secret_basic. */
function clientError(ctx: Ctx): MockReply | null {
  const basic = basicAuth(ctx.req);
  const id = basic?.id ?? ctx.params.get('client_id');
  const secret = basic?.secret ?? ctx.params.get('client_secret');
  if (id !== CLIENT.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.'); // [laravel-google-ads#17]
  if (secret !== CLIENT.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized'); // [AndroidOAuth#2]
  return null;
}

/** A refresh token comes only with access_type=offline, and again only with prompt=consent [G-LIB][G-PROMPT]. */
const hasLiveRefresh = (account: AccountState, except: Grant): boolean =>
  account.grants.some((g) => g !== except && g.fault === null && g.tokens.some((t) => t.kind === 'refresh'));

function accessResponse(ctx: Ctx, grant: Grant, refresh: TokenRecord | null): MockReply {
  const access = issue(ctx.s, grant, 'access', ctx.now, ctx.now + LIFE.access);
  return json(200, {
    access_token: access.value,
    expires_in: secs(LIFE.access),
    ...(refresh ? { refresh_token: refresh.value } : {}),
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
  });
}

// A refresh is answered at once; only a code exchange waits (for the PKCE check), so only it is async.
const token: Route['handle'] = (ctx) => {
  const bad = clientError(ctx);
  if (bad) return bad;
  const p = ctx.params;
  if (p.get('grant_type') === 'refresh_token') {
    const rec = oauthToken(ctx, p.get('refresh_token'));
    // Google answers a token it no longer knows with "Bad Request" (AlphaTiles/AlphaTiles#107).
    if (rec === 'unknown' || (rec !== 'dead' && rec.kind !== 'refresh'))
      return oauthError(400, 'invalid_grant', 'Bad Request');
    if (rec === 'dead') return invalidGrant();
    if (LIFE.refreshIdle !== null && ctx.now - rec.lastUsedAt > LIFE.refreshIdle) return invalidGrant(); // 6 months unused [G-OAUTH2]
    rec.lastUsedAt = ctx.now;
    // Refresh responses carry refresh_token only sometimes: here every second refresh, so clients must keep the old one.
    const grant = rec.grant;
    grant.refreshes++;
    return accessResponse(ctx, grant, grant.refreshes % 2 === 0 ? rec : null);
  }
  if (p.get('grant_type') !== 'authorization_code')
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${p.get('grant_type') ?? ''}`);
  return exchangeCode(ctx);
};

const exchangeCode: Route['handle'] = async (ctx) => {
  const p = ctx.params;
  const r = await redeemCode(
    ctx.s,
    'youtube',
    {
      code: p.get('code'),
      clientId: CLIENT.clientId,
      redirectUri: p.get('redirect_uri'),
      verifier: p.get('code_verifier'),
    },
    ctx.now,
  );
  if (!r.ok) {
    if (r.problem === 'no-verifier') return oauthError(400, 'invalid_grant', 'Missing code verifier.'); // [google-api-php-client#2669]
    if (r.problem === 'bad-verifier') return oauthError(400, 'invalid_grant', 'Invalid code verifier.'); // [google-api-java-client#1479]
    if (r.problem === 'redirect') return oauthError(400, 'redirect_uri_mismatch', 'Bad Request'); // unverified
    return oauthError(400, 'invalid_grant', 'Bad Request'); // used/unknown code [google-api-nodejs-client#2859]
  }
  const account = r.code.account;
  ctx.accountId = account.identity.id;
  const grant = newGrant(ctx.s, account, { at: ctx.now, scopes: r.code.scopes, offline: r.code.offline });
  const wantsRefresh = r.code.offline && (r.code.forceConsent || !hasLiveRefresh(account, grant));
  return accessResponse(ctx, grant, wantsRefresh ? issue(ctx.s, grant, 'refresh', ctx.now, null) : null);
};

/** Values are strings [G-LIB TokenInfo] (weak observed body). */
const tokeninfo: Route['handle'] = (ctx) => {
  const rec = oauthToken(ctx, ctx.params.get('access_token') ?? bearer(ctx.req));
  if (typeof rec === 'string' || rec.kind !== 'access') return invalidToken();
  const { grant } = rec;
  const identity = grant.account.identity;
  const exp = rec.expiresAt ?? ctx.now;
  const email = grant.scopes.some((x) => x.endsWith('userinfo.email') || x === 'email');
  return json(200, {
    azp: CLIENT.clientId,
    aud: CLIENT.clientId,
    sub: identity.googleSub ?? '',
    scope: grant.scopes.join(' '),
    exp: String(secs(exp)),
    expires_in: String(secs(exp - ctx.now)),
    ...(email ? { email: identity.email, email_verified: 'true' } : {}),
    access_type: grant.offline ? 'offline' : 'online',
  });
};

/** Either token revokes the grant; revoking the access token also kills the refresh token [G-REVOKE-ZENN]. */
const revoke: Route['handle'] = (ctx) => {
  const rec = oauthToken(ctx, ctx.params.get('token'));
  if (typeof rec === 'string') return oauthError(400, 'invalid_token', 'Token expired or revoked'); // text unverified
  rec.grant.fault = 'revoked';
  rec.grant.faultAt = ctx.now;
  return json(200, {});
};

/** A YouTube API call: token problems -> 401; account problems -> 403 with the [YT-ERR] reasons. */
function youtubeAuthed(ctx: Ctx): TokenRecord | MockReply {
  const rec = oauthToken(ctx, bearer(ctx.req) ?? ctx.params.get('access_token'));
  if (typeof rec === 'string' || rec.kind !== 'access') return json(401, UNAUTHENTICATED);
  if (rec.grant.account.identity.deleted) {
    return googleError(
      403,
      'The YouTube account of the authenticated user is closed. In case the authenticated user is acting on behalf of another Google Account, then this error refers to that other account.',
      'authenticatedUserAccountClosed',
      'youtube.common',
    );
  }
  if (rec.grant.fault === 'security') {
    return googleError(
      403,
      'The YouTube account of the authenticated user is suspended. In case the authenticated user is acting on behalf of another Google Account, then this error refers to that other account.',
      'authenticatedUserAccountSuspended',
      'youtube.common',
    );
  }
  return rec;
}

const etag = (ctx: Ctx, account: AccountState) => nextId(ctx.s, account, 'etag', 27, B64URL);

/** channels.list?part=snippet&mine=true [YT-CH]. */
const channels: Route['handle'] = (ctx) => {
  const rec = youtubeAuthed(ctx);
  if ('status' in rec) return rec;
  const account = rec.grant.account;
  const id = account.identity;
  const parts = (ctx.params.get('part') ?? '').split(',');
  const thumb = (size: number) => ({
    url: (id.avatarUrl ?? '').replace(/=s\d+/, `=s${size}`),
    width: size,
    height: size,
  });
  // Built only when asked for: the daily check asks for the channel's id alone.
  const snippet = () => ({
    title: id.name,
    description: '',
    customUrl: id.handle,
    publishedAt: '2015-03-01T10:00:00Z',
    thumbnails: { default: thumb(88), medium: thumb(240), high: thumb(800) },
    localized: { title: id.name, description: '' },
  });
  return json(200, {
    kind: 'youtube#channelListResponse',
    etag: etag(ctx, account),
    pageInfo: { totalResults: 1, resultsPerPage: 5 },
    items: [
      {
        kind: 'youtube#channel',
        etag: etag(ctx, account),
        id: id.networkUserId,
        ...(parts.includes('snippet') ? { snippet: snippet() } : {}),
      },
    ],
  });
};

/** The JSON metadata part of a multipart/related upload. */
function uploadMetadata(ctx: Ctx): Record<string, unknown> | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(ctx.req.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return null;
  for (const part of ctx.req.body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0 || !/content-type:\s*application\/json/i.test(part.slice(0, split))) continue;
    try {
      const v: unknown = JSON.parse(part.slice(split + 4).trim());
      if (v && typeof v === 'object') return v as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return null;
}

/** videos.insert?part=snippet,status&uploadType=multipart. */
const upload: Route['handle'] = (ctx) => {
  const rec = youtubeAuthed(ctx);
  if ('status' in rec) return rec;
  if (ctx.params.get('uploadType') !== 'multipart') {
    return googleError(400, 'The mock supports uploadType=multipart only.', 'badRequest', 'global'); // mock limitation
  }
  const meta = uploadMetadata(ctx);
  const snippet = (meta?.snippet ?? null) as Record<string, unknown> | null;
  const title = typeof snippet?.title === 'string' ? snippet.title : '';
  if (title.trim() === '') {
    return googleError(
      400,
      'The request metadata specifies an invalid or empty video title.',
      'invalidTitle',
      'youtube.video',
    ); // [YT-ERR]
  }
  const account = rec.grant.account;
  const id = nextId(ctx.s, account, 'video', 11, B64URL);
  account.posts.push({ id, text: title, at: ctx.now });
  const status = (meta?.status ?? {}) as Record<string, unknown>;
  return json(200, {
    kind: 'youtube#video',
    etag: etag(ctx, account),
    id,
    snippet: {
      publishedAt: new Date(ctx.now).toISOString(),
      channelId: account.identity.networkUserId,
      title,
      description: typeof snippet?.description === 'string' ? snippet.description : '',
      channelTitle: account.identity.name,
      categoryId: typeof snippet?.categoryId === 'string' ? snippet.categoryId : '22',
      liveBroadcastContent: 'none',
    },
    status: {
      uploadStatus: 'uploaded',
      privacyStatus: typeof status.privacyStatus === 'string' ? status.privacyStatus : 'public',
      license: 'youtube',
      embeddable: true,
      publicStatsViewable: true,
    },
  });
};

/** [YT-QE], verbatim. */
const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
const QUOTA_EXCEEDED = {
  error: {
    code: 403,
    message: QUOTA_MESSAGE,
    errors: [{ message: QUOTA_MESSAGE, domain: 'youtube.quota', reason: 'quotaExceeded' }],
  },
};

export const youtube: NetworkMock = {
  network: 'youtube',
  hosts: ['accounts.google.com', 'oauth2.googleapis.com', 'www.googleapis.com'],
  route: createRouter([
    ['GET accounts.google.com/o/oauth2/v2/auth', authorizeRoute('youtube')],
    ['GET accounts.google.com/o/oauth2/auth', authorizeRoute('youtube')],
    [
      'POST oauth2.googleapis.com/token',
      {
        endpoint: (ctx) => (ctx.params.get('grant_type') === 'refresh_token' ? 'refresh' : 'token'),
        handle: token,
      },
    ],
    ['GET oauth2.googleapis.com/tokeninfo', { endpoint: 'check', handle: tokeninfo }],
    ['POST oauth2.googleapis.com/tokeninfo', { endpoint: 'check', handle: tokeninfo }], // as google-auth-library does [G-LIB]
    ['POST oauth2.googleapis.com/revoke', { endpoint: 'revoke', handle: revoke }],
    // GET /revoke is a 404 page [G-REVOKE-POST].
    [
      'GET oauth2.googleapis.com/revoke',
      {
        endpoint: 'revoke',
        handle: () => ({
          status: 404,
          raw: '<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>',
          headers: { 'content-type': 'text/html; charset=UTF-8' },
        }),
      },
    ],
    ['GET www.googleapis.com/youtube/v3/channels', { endpoint: 'profile', handle: channels }],
    ['POST www.googleapis.com/upload/youtube/v3/videos', { endpoint: 'publish', handle: upload }],
  ]),
  // 5xx bodies unverified for YouTube [G-DRIVE-ERR]; Google envelope with the backendError reason.
  outage: () => googleError(503, 'The service is currently unavailable.', 'backendError', 'global'),
  // Per-project quota on the YouTube API (an app-wide signal [§7]); 429 on Google's OAuth endpoints. Retry-After
  // is a mock addition so the product can honour `until` (R11).
  rateLimited(ctx, _endpoint, until) {
    const retryAfter = { 'retry-after': String(Math.max(1, Math.ceil((until - ctx.now) / 1000))) };
    if (ctx.req.url.hostname === 'www.googleapis.com') return json(403, QUOTA_EXCEEDED, retryAfter);
    return {
      ...googleError(429, 'Too many requests', 'rateLimitExceeded', 'usageLimits'),
      headers: retryAfter,
    };
  },
};
