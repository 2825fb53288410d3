// Instagram API with Instagram Login (networks.md §2, flavour A): code exchange on api.instagram.com (flat
// OAuth error bodies), short-lived 1 h token, ig_exchange_token -> 60 days, ig_refresh_token when >= 24 h old,
// /me as the health check, publishing as container (/media) + /media_publish. Graph errors as Facebook.
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, NetworkMock, Route } from '../http.ts';
import { bearer, createRouter, json, secs } from '../http.ts';
import { HOUR, LIFETIME } from '../lifetimes.ts';
import { DIGITS } from '../random.ts';
import type { TokenRecord } from '../state.ts';
import { checkToken, issue, newGrant, nextId, redeemCode } from '../state.ts';
import { authorizeRoute } from './consent.ts';
import { apiTokenError, graphError, MSG, metaOutage, metaRateLimited, stripGraphVersion } from './meta.ts';

const CLIENT = MOCK_CLIENTS.instagram;
const LIFE = LIFETIME.instagram;
const LONG = LIFE.longLived ?? LIFE.access;

const igToken = (ctx: Ctx): string | null => ctx.params.get('access_token') ?? bearer(ctx.req);

function authed(ctx: Ctx, token: string | null, objectId: string): TokenRecord | MockReply {
  const check = checkToken(ctx.s, token, ctx.now);
  if (check.ok) return check.rec;
  // A deleted account is named by its own id, also when the path said /me.
  const id = objectId === 'me' ? (check.rec?.grant.account.identity.networkUserId ?? objectId) : objectId;
  return apiTokenError(ctx, check.problem, { appId: CLIENT.clientId, since: check.since, objectId: id });
}

/** api.instagram.com speaks the older flat format, e.g. [passport-instagram#9]; not in networks.md. */
const flatError = (message: string): MockReply =>
  json(400, { error_type: 'OAuthException', code: 400, error_message: message });

const exchangeCode: Route['handle'] = async (ctx) => {
  const p = ctx.params;
  if (p.get('grant_type') !== 'authorization_code') return flatError('Unsupported grant_type'); // wording invented
  if (p.get('client_id') === CLIENT.clientId && p.get('client_secret') !== CLIENT.clientSecret) {
    return flatError('Invalid platform app'); // wrong app id/secret [pdir/social-feed-bundle#105]
  }
  const r = await redeemCode(
    ctx.s,
    'instagram',
    { code: p.get('code'), clientId: p.get('client_id'), redirectUri: p.get('redirect_uri'), verifier: null },
    ctx.now,
  );
  if (!r.ok) {
    if (r.problem === 'client') return flatError('Invalid platform app');
    if (r.problem === 'used') return flatError('This authorization code has been used');
    if (r.problem === 'redirect') {
      return flatError(
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      );
    }
    return flatError('Matching code was not found or was already used.');
  }
  const account = r.code.account;
  ctx.accountId = account.identity.id;
  const grant = newGrant(ctx.s, account, { at: ctx.now, scopes: r.code.scopes });
  const rec = issue(ctx.s, grant, 'short', ctx.now, ctx.now + LIFE.access);
  // [IG-OAT] sample: user_id is a bare 17-digit JSON number (beyond 2^53: JSON.parse rounds it), so the body is
  // written by hand. Read the id from /me (a string) instead. Top-level `permissions` as Postiz reads [POSTIZ-IG].
  const raw = `{"access_token":${JSON.stringify(rec.value)},"user_id":${account.identity.networkUserId},"permissions":${JSON.stringify(grant.scopes)}}`;
  return { status: 200, raw, headers: { 'content-type': 'application/json; charset=UTF-8' } };
};

/** Short-lived -> 60-day token [IG-AT]; observed body [BK-IG exchange_sl_access_token_for_ll_access_token_ok]. */
const exchangeLongLived: Route['handle'] = (ctx) => {
  const p = ctx.params;
  if (p.get('grant_type') !== 'ig_exchange_token') {
    return graphError(ctx.s, { message: 'Unsupported grant_type', type: 'OAuthException', code: 100 }); // invented
  }
  if (p.get('client_secret') !== CLIENT.clientSecret) {
    return graphError(ctx.s, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 }); // as Facebook
  }
  const rec = authed(ctx, igToken(ctx), 'me');
  if ('status' in rec) return rec;
  const next = issue(ctx.s, rec.grant, 'access', ctx.now, ctx.now + LONG);
  return json(200, { access_token: next.value, token_type: 'bearer', expires_in: secs(LONG) });
};

/** "at least 24 hours old but has not expired. Refreshed tokens are valid for 60 days" [IG-REFRESH]. */
const refresh: Route['handle'] = (ctx) => {
  if (ctx.params.get('grant_type') !== 'ig_refresh_token') {
    return graphError(ctx.s, { message: 'Unsupported grant_type', type: 'OAuthException', code: 100 }); // invented
  }
  const rec = authed(ctx, igToken(ctx), 'me');
  if ('status' in rec) return rec;
  if (rec.kind !== 'access' || ctx.now - rec.issuedAt < 24 * HOUR) {
    // The refusal's exact body is undocumented; Graph envelope with an explanatory (invented) message.
    return graphError(ctx.s, {
      message: '(#100) Only a long-lived access token at least 24 hours old can be refreshed',
      type: 'IGApiException',
      code: 100,
    });
  }
  const next = issue(ctx.s, rec.grant, 'access', ctx.now, ctx.now + LONG);
  return json(200, { access_token: next.value, token_type: 'bearer', expires_in: secs(LONG) }); // [BK-IG refresh_access_token_ok]
};

const me: Route['handle'] = (ctx) => {
  const rec = authed(ctx, igToken(ctx), 'me');
  if ('status' in rec) return rec;
  const identity = rec.grant.account.identity;
  // `id` (app-scoped) and `user_id` (professional account id) differ at the real API; here they are equal.
  const all: Record<string, unknown> = {
    id: identity.networkUserId,
    user_id: identity.networkUserId,
    username: identity.handle,
    name: identity.name,
    profile_picture_url: identity.avatarUrl,
    account_type: 'BUSINESS', // [BK-IG me_without_media_ok]
  };
  const fields = new Set((ctx.params.get('fields') ?? 'id').split(',').map((f) => f.trim()));
  return json(200, Object.fromEntries(Object.entries(all).filter(([k]) => fields.has(k))));
};

/** The IG user the path names must be the token's own account ('me' allowed). */
function ownPath(ctx: Ctx): TokenRecord | MockReply {
  const id = ctx.path.id ?? '';
  const rec = authed(ctx, igToken(ctx), id);
  if ('status' in rec) return rec;
  const account = rec.grant.account;
  if (id === 'me' || id === account.identity.networkUserId) return rec;
  if (ctx.s.byNetworkId.has(id)) {
    // Observed IG permission error [BK-IG err__1.json].
    return graphError(ctx.s, {
      message: 'Application does not have permission for this action',
      type: 'IGApiException',
      code: 10,
    });
  }
  return graphError(ctx.s, {
    message: MSG.missingObject('post', id),
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

const createContainer: Route['handle'] = (ctx) => {
  const rec = ownPath(ctx);
  if ('status' in rec) return rec;
  const imageUrl = ctx.params.get('image_url');
  if (!imageUrl)
    return graphError(ctx.s, {
      message: '(#100) The parameter image_url is required',
      type: 'OAuthException',
      code: 100,
    });
  const account = rec.grant.account;
  const id = nextId(ctx.s, account, 'container', 17, DIGITS).replace(/^0/, '1');
  account.containers.set(id, { id, caption: ctx.params.get('caption') ?? '', imageUrl, published: false });
  return json(200, { id });
};

const publish: Route['handle'] = (ctx) => {
  const rec = ownPath(ctx);
  if ('status' in rec) return rec;
  const account = rec.grant.account;
  const container = account.containers.get(ctx.params.get('creation_id') ?? '');
  if (!container || container.published) {
    return graphError(ctx.s, { message: 'Invalid parameter', type: 'OAuthException', code: 100 });
  }
  container.published = true;
  const id = `1790${nextId(ctx.s, account, 'media', 13, DIGITS)}`;
  account.posts.push({ id, text: container.caption, at: ctx.now });
  return json(200, { id });
};

const graph = 'graph.instagram.com';
export const instagram: NetworkMock = {
  network: 'instagram',
  hosts: ['www.instagram.com', 'instagram.com', 'api.instagram.com', graph],
  route: createRouter(
    [
      ['GET www.instagram.com/oauth/authorize', authorizeRoute('instagram')],
      ['GET api.instagram.com/oauth/authorize', authorizeRoute('instagram')], // still listed by [IG-OAUTHZ]
      ['POST api.instagram.com/oauth/access_token', { endpoint: 'token', handle: exchangeCode }],
      [`GET ${graph}/access_token`, { endpoint: 'exchange', handle: exchangeLongLived }],
      [`GET ${graph}/refresh_access_token`, { endpoint: 'refresh', handle: refresh }],
      [`GET ${graph}/me`, { endpoint: 'profile', handle: me }],
      [`POST ${graph}/:id/media`, { endpoint: 'media', handle: createContainer }],
      [`POST ${graph}/:id/media_publish`, { endpoint: 'publish', handle: publish }],
    ],
    { normalize: stripGraphVersion, aliases: { 'instagram.com': 'www.instagram.com' } },
  ),
  outage: (ctx) => metaOutage(ctx.s),
  rateLimited: (ctx, _endpoint, until) =>
    metaRateLimited(ctx.s, {
      until,
      now: ctx.now,
      objectId: ctx.token ? ctx.token.grant.account.identity.networkUserId : null,
      kind: 'instagram',
    }),
};
