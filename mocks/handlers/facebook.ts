// Facebook Pages via Meta Graph (networks.md §1): Facebook Login with a client secret, short-lived token from
// the code exchange, ~60-day token from fb_exchange_token, Page tokens from /me/accounts, debug_token as the
// side-effect-free health check, publishing with the Page token to /{page-id}/feed.
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, NetworkMock, Route } from '../http.ts';
import { bearer, createRouter, json, secs } from '../http.ts';
import { LIFETIME } from '../lifetimes.ts';
import { DIGITS } from '../random.ts';
import type { TokenRecord } from '../state.ts';
import { checkToken, issue, newGrant, nextId, redeemCode } from '../state.ts';
import { authorizeRoute } from './consent.ts';
import {
  apiTokenError,
  graphError,
  MSG,
  metaOutage,
  metaRateLimited,
  stripGraphVersion,
  tokenError,
} from './meta.ts';

const CLIENT = MOCK_CLIENTS.facebook;
const APP_NAME = 'Social Health (mock)';
/** The app access token `{app-id}|{app-secret}` [FB-DBG]. */
const APP_TOKEN = `${CLIENT.clientId}|${CLIENT.clientSecret}`;
const LIFE = LIFETIME.facebook;

/** Graph reads the token from `access_token` or the Authorization header. */
const graphToken = (ctx: Ctx): string | null => ctx.params.get('access_token') ?? bearer(ctx.req);

/** Resolves the caller's token or answers the Graph error for it. */
function authed(ctx: Ctx, objectId: string): TokenRecord | MockReply {
  const check = checkToken(ctx.s, graphToken(ctx), ctx.now);
  if (check.ok) return check.rec;
  // A deleted account is named by its own id, also when the path said /me.
  const id = objectId === 'me' ? (check.rec?.grant.account.identity.networkUserId ?? objectId) : objectId;
  return apiTokenError(ctx, check.problem, { appId: CLIENT.clientId, since: check.since, objectId: id });
}

/** `fields=id,name,picture.type(large)` -> ['id','name','picture'] (sub-selections ignored). */
function fieldNames(ctx: Ctx, fallback: string): Set<string> {
  const raw = (ctx.params.get('fields') ?? fallback).replace(/\{[^}]*\}|\([^)]*\)/g, '');
  return new Set(raw.split(',').map((f) => f.trim().split('.')[0] ?? ''));
}

function pick(all: Record<string, unknown>, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (fields.has(k)) out[k] = v;
  return out;
}

const picture = (url: string | null, size: number) => ({
  data: { height: size, is_silhouette: url === null, url: url ?? '', width: size },
});

const exchangeCode: Route['handle'] = async (ctx) => {
  const p = ctx.params;
  if (p.get('client_id') === CLIENT.clientId && p.get('client_secret') !== CLIENT.clientSecret) {
    // [php-graph-sdk#538]: {"message":"Error validating client secret.","type":"OAuthException","code":1}
    return graphError(ctx.s, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
  }
  const r = await redeemCode(
    ctx.s,
    'facebook',
    { code: p.get('code'), clientId: p.get('client_id'), redirectUri: p.get('redirect_uri'), verifier: null },
    ctx.now,
  );
  if (!r.ok) {
    // Texts as seen in the wild (laravel/socialite#385, SammyK/LaravelFacebookSdk#141); not in networks.md.
    const message = {
      client: 'Error validating application. Invalid application ID.',
      unknown: 'Invalid verification code format.',
      used: 'This authorization code has been used.',
      expired: 'This authorization code has expired.',
      redirect:
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      'no-verifier': 'Invalid verification code format.',
      'bad-verifier': 'Invalid verification code format.',
    }[r.problem];
    return graphError(ctx.s, { message, type: 'OAuthException', code: r.problem === 'client' ? 101 : 100 });
  }
  ctx.accountId = r.code.account.identity.id;
  const grant = newGrant(ctx.s, r.code.account, { at: ctx.now, scopes: r.code.scopes });
  const rec = issue(ctx.s, grant, 'short', ctx.now, ctx.now + LIFE.access);
  return json(200, { access_token: rec.value, token_type: 'bearer', expires_in: secs(LIFE.access) }); // [FB-LL]
};

/** fb_exchange_token: a still-valid token buys a ~60-day one; data access is NOT extended [FB-LL][FB-AUTHDATA]. */
const exchangeLongLived: Route['handle'] = (ctx) => {
  const p = ctx.params;
  if (p.get('client_id') !== CLIENT.clientId) {
    return graphError(ctx.s, {
      message: 'Error validating application. Invalid application ID.',
      type: 'OAuthException',
      code: 101,
    });
  }
  if (p.get('client_secret') !== CLIENT.clientSecret) {
    return graphError(ctx.s, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
  }
  const check = checkToken(ctx.s, p.get('fb_exchange_token'), ctx.now);
  if (!check.ok) {
    const objectId = check.rec?.grant.account.identity.networkUserId ?? 'me';
    return apiTokenError(ctx, check.problem, { appId: CLIENT.clientId, since: check.since, objectId });
  }
  const expiresAt = ctx.now + (LIFE.longLived ?? LIFE.access);
  const rec = issue(ctx.s, check.rec.grant, 'access', ctx.now, expiresAt);
  return json(200, { access_token: rec.value, token_type: 'bearer', expires_in: secs(expiresAt - ctx.now) });
};

/** HTTP 200 with `data.is_valid`; problems nested in `data.error` with `subcode` [FB-DBG][BK-FBAPI]. */
const debugToken: Route['handle'] = (ctx) => {
  const { s, now, params } = ctx;
  if (params.get('access_token') !== APP_TOKEN) {
    // [BK-FBAPI] debug_token__400__must_provide_...json
    return graphError(s, {
      message:
        '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
      type: 'OAuthException',
      code: 100,
    });
  }
  const input = params.get('input_token');
  if (!input)
    return graphError(s, {
      message: '(#100) The parameter input_token is required',
      type: 'OAuthException',
      code: 100,
    });
  const check = checkToken(s, input, now);
  const rec = check.rec;
  // Verbatim shape of the [BK-FBAPI] "Cannot parse access token" fixture.
  if (!rec)
    return json(200, {
      data: { error: { code: 190, message: MSG.cannotParse }, is_valid: false, scopes: [] },
    });
  const { grant } = rec;
  const identity = grant.account.identity;
  // inactive: data access lapsed when the network judged the user inactive [FB-AUTHDATA].
  const dataAccess = grant.fault === 'inactive' ? grant.faultAt : (grant.dataAccessExpiresAt ?? now);
  const error = check.ok
    ? null
    : tokenError(check.problem, {
        appId: CLIENT.clientId,
        since: check.since,
        now,
        objectId: identity.networkUserId,
        verb: 'get',
      });
  const pageScopes = grant.scopes.filter((x) => x.startsWith('pages_') || x === 'business_management');
  return json(200, {
    data: {
      app_id: CLIENT.clientId,
      type: rec.kind === 'page' ? 'PAGE' : 'USER',
      application: APP_NAME,
      data_access_expires_at: secs(dataAccess),
      ...(error
        ? {
            error: {
              code: error.code,
              message: error.message,
              ...(error.subcode ? { subcode: error.subcode } : {}),
            },
          }
        : {}),
      expires_at: rec.expiresAt === null ? 0 : secs(rec.expiresAt),
      is_valid: check.ok,
      ...(rec.kind === 'short' ? {} : { issued_at: secs(rec.issuedAt) }),
      ...(rec.kind === 'page' ? { profile_id: identity.networkUserId } : {}),
      scopes: grant.scopes,
      granular_scopes: pageScopes.map((scope) => ({ scope, target_ids: [identity.networkUserId] })),
      user_id: identity.fbUser?.id ?? identity.networkUserId,
    },
  });
};

const me: Route['handle'] = (ctx) => {
  const rec = authed(ctx, 'me');
  if ('status' in rec) return rec;
  const identity = rec.grant.account.identity;
  if (rec.kind === 'page') {
    const page = {
      id: identity.networkUserId,
      name: identity.name,
      username: identity.handle,
      picture: picture(identity.avatarUrl, 50),
    };
    return json(200, pick(page, fieldNames(ctx, 'id,name')));
  }
  const user = {
    id: identity.fbUser?.id,
    name: identity.fbUser?.name,
    email: identity.email,
    picture: picture(
      `https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=${identity.fbUser?.id}&height=50&width=50`,
      50,
    ),
  };
  return json(200, pick(user, fieldNames(ctx, 'id,name')));
};

/** The Pages this user manages, each with a Page token (never expiring when got with a long-lived token). */
const accounts: Route['handle'] = (ctx) => {
  const rec = authed(ctx, 'me');
  if ('status' in rec) return rec;
  if (rec.kind === 'page') return notOnPage(ctx, 'accounts');
  rec.pageToken ??= issue(ctx.s, rec.grant, 'page', ctx.now, rec.kind === 'short' ? rec.expiresAt : null);
  const identity = rec.grant.account.identity;
  const page = {
    access_token: rec.pageToken.value,
    category: 'Brand',
    category_list: [{ id: '1605186416478696', name: 'Brand' }],
    name: identity.name,
    id: identity.networkUserId,
    username: identity.handle,
    picture: picture(identity.avatarUrl, 200),
    tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
  };
  const fields = fieldNames(ctx, 'access_token,category,category_list,name,id,tasks');
  return json(200, {
    data: [pick(page, fields)],
    paging: { cursors: { before: 'QVFIUmxtb2Nr', after: 'QVFIUmxtb2Nr' } },
  });
};

/** A Page token cannot read or change the user's permissions: /me is the Page then. */
const notOnPage = (ctx: Ctx, edge: string): MockReply =>
  graphError(ctx.s, {
    message: `(#100) Tried accessing nonexisting field (${edge}) on node type (Page)`,
    type: 'OAuthException',
    code: 100,
  });

const permissions: Route['handle'] = (ctx) => {
  const rec = authed(ctx, 'me');
  if ('status' in rec) return rec;
  if (rec.kind === 'page') return notOnPage(ctx, 'permissions');
  return json(200, { data: rec.grant.scopes.map((permission) => ({ permission, status: 'granted' })) }); // [POSTIZ-FB]
};

/**
 * The app removes its own grant [FB-PERM] ("a response of true"): DELETE /{user-id}/permissions with the
 * app token (what an app holding only Page tokens does), or /me/permissions with the user's own token.
 */
const revokePermissions: Route['handle'] = (ctx) => {
  const id = ctx.path.id ?? 'me';
  if (graphToken(ctx) === APP_TOKEN && id !== 'me') {
    const account = ctx.s.byNetworkId.get(id);
    if (account?.identity.fbUser?.id !== id) {
      return graphError(ctx.s, {
        message: MSG.missingObject('delete', id),
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
    }
    ctx.accountId = account.identity.id;
    for (const grant of account.grants) {
      grant.fault = 'revoked';
      grant.faultAt = ctx.now;
    }
    return json(200, { success: true });
  }
  const rec = authed(ctx, id);
  if ('status' in rec) return rec;
  if (rec.kind === 'page') return notOnPage(ctx, 'permissions');
  rec.grant.fault = 'revoked';
  rec.grant.faultAt = ctx.now;
  return json(200, { success: true });
};

const publish: Route['handle'] = (ctx) => {
  const pageId = ctx.path.id ?? '';
  const rec = authed(ctx, pageId);
  if ('status' in rec) return rec;
  const account = rec.grant.account;
  if (ctx.s.byNetworkId.get(pageId) !== account) {
    return graphError(ctx.s, {
      message: MSG.missingObject('post', pageId),
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
  }
  if (rec.kind !== 'page' || account.identity.networkUserId !== pageId) {
    // Publishing as a Page needs the Page token (from /me/accounts). Meta's permission text; status unverified.
    return graphError(
      ctx.s,
      {
        message:
          '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
        type: 'OAuthException',
        code: 200,
      },
      403,
    );
  }
  const text = ctx.params.get('message') ?? ctx.params.get('link');
  if (!text)
    return graphError(ctx.s, {
      message: '(#100) Missing message or attachment',
      type: 'OAuthException',
      code: 100,
    });
  const id = `${pageId}_${nextId(ctx.s, account, 'post', 16, DIGITS)}`;
  account.posts.push({ id, text, at: ctx.now });
  return json(200, { id });
};

const graph = 'graph.facebook.com';
export const facebook: NetworkMock = {
  network: 'facebook',
  hosts: ['www.facebook.com', 'facebook.com', graph],
  route: createRouter(
    [
      // normalize strips the version, so /v20.0/dialog/oauth and /dialog/oauth both land here.
      ['GET www.facebook.com/dialog/oauth', authorizeRoute('facebook')],
      [
        `GET ${graph}/oauth/access_token`,
        {
          endpoint: (ctx) => (ctx.params.get('grant_type') === 'fb_exchange_token' ? 'exchange' : 'token'),
          handle: (ctx) =>
            ctx.params.get('grant_type') === 'fb_exchange_token' ? exchangeLongLived(ctx) : exchangeCode(ctx),
        },
      ],
      [`GET ${graph}/debug_token`, { endpoint: 'check', handle: debugToken }],
      [`GET ${graph}/me`, { endpoint: 'profile', handle: me }],
      [`GET ${graph}/me/accounts`, { endpoint: 'pages', handle: accounts }],
      [`GET ${graph}/me/permissions`, { endpoint: 'permissions', handle: permissions }],
      [`DELETE ${graph}/me/permissions`, { endpoint: 'revoke', handle: revokePermissions }],
      [`DELETE ${graph}/:id/permissions`, { endpoint: 'revoke', handle: revokePermissions }],
      [`POST ${graph}/:id/feed`, { endpoint: 'publish', handle: publish }],
    ],
    { normalize: stripGraphVersion, aliases: { 'facebook.com': 'www.facebook.com' } },
  ),
  outage: (ctx) => metaOutage(ctx.s),
  rateLimited(ctx, _endpoint, until) {
    const rec = ctx.token;
    return metaRateLimited(ctx.s, {
      until,
      now: ctx.now,
      objectId: rec ? rec.grant.account.identity.networkUserId : null,
      kind: rec?.kind === 'page' ? 'page-token' : 'user-token',
    });
  },
};
