// Facebook Pages through Facebook Login (Graph API v20.0). The stored token is the PAGE access token fetched
// with the long-lived user token (networks.md §1.2 Decision): it does not expire, so nothing renews it; its
// health comes from debug_token with the app token (`is_valid`, `data_access_expires_at`) [FB-DBG], and R1's
// 90 days decide when the Page must be re-authorized. The account is the first Page the login granted.
import { z } from 'zod/mini';
import { authError, type Classifier, unavailable } from './classify.ts';
import { failure, send } from './http.ts';
import { classifyMeta, dataAccessLapsed, META_OAUTH } from './meta.ts';
import { clientSecret, oauth2 } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, Result, TokenSet } from './types.ts';

const VERSION = 'v20.0';
const GRAPH = `https://graph.facebook.com/${VERSION}`;

export const FACEBOOK = {
  authorize: `https://www.facebook.com/${VERSION}/dialog/oauth`,
  token: `${GRAPH}/oauth/access_token`,
  debugToken: `${GRAPH}/debug_token`,
  me: `${GRAPH}/me`,
  pages: `${GRAPH}/me/accounts`,
  permissions: (userId: string) => `${GRAPH}/${encodeURIComponent(userId)}/permissions`,
  feed: (pageId: string) => `${GRAPH}/${encodeURIComponent(pageId)}/feed`,
} as const;

/** Page publishing scopes, as Postiz asks [POSTIZ-FB]. */
const SCOPES = [
  'pages_show_list',
  'business_management',
  'pages_manage_posts',
  'pages_manage_engagement',
  'pages_read_engagement',
  'read_insights',
] as const;

export const classifyFacebook: Classifier = classifyMeta;

/**
 * Facebook Login as data for the engine (oauth.ts), with Meta's shared choices: the code is exchanged with a
 * GET [FB-LL], and its short-lived user token swapped at once for a long-lived one (fb_exchange_token). The
 * Page token that user token buys is Graph, not OAuth: `exchangeCode` and `refresh` below add that step.
 */
const OAUTH = oauth2({
  ...META_OAUTH,
  id: 'facebook',
  issuer: 'Facebook',
  authorize: FACEBOOK.authorize,
  token: FACEBOOK.token,
  tokenMethod: 'GET',
  scopes: SCOPES,
  longLived: { url: FACEBOOK.token, grant: 'fb_exchange_token', param: 'fb_exchange_token', client: 'post' },
});

const DebugToken = z.object({
  data: z.object({
    is_valid: z.boolean(),
    data_access_expires_at: z.optional(z.number()),
    user_id: z.optional(z.string()),
  }),
});
const Page = z.object({
  id: z.string(),
  // Graph returns only the fields asked for.
  name: z.optional(z.string()),
  username: z.optional(z.string()),
  access_token: z.optional(z.string()),
  picture: z.optional(z.object({ data: z.object({ url: z.string() }) })),
});
type Page = z.infer<typeof Page>;
const Pages = z.object({ data: z.array(Page) });
const Created = z.object({ id: z.string() });
/** Current Graph answers {success:true}; older ones a bare true [FB-PERM]. */
const Revoked = z.union([z.object({ success: z.boolean() }), z.boolean()]);

/** The Page token never expires; a token with an expiry is a long-lived USER token stored by an older version. */
const isUserToken = (tokens: TokenSet) => tokens.expiresAt !== null;

async function firstPage(ctx: AdapterContext, userToken: string, fields: string): Promise<Result<Page>> {
  const query = { fields, limit: '1', access_token: userToken };
  const answer = await send(ctx, { method: 'GET', url: FACEBOOK.pages, query }, Pages, classifyFacebook);
  if (!answer.ok) return answer;
  const page = answer.value.body.data[0];
  if (page) return { ok: true, value: page };
  // The login grants no Page any more (pages_show_list or the Page was de-selected): access was removed.
  return failure(authError('revoked', 'facebook: the login grants no Page; reconnect and select the Page'));
}

/** The Page itself: `/me` with a Page token is the Page [FB-DBG type PAGE]; a user token lists its Pages. */
async function page(ctx: AdapterContext, tokens: TokenSet, fields: string): Promise<Result<Page>> {
  if (isUserToken(tokens)) return firstPage(ctx, tokens.accessToken, `${fields},access_token`);
  const query = { fields, access_token: tokens.accessToken };
  const answer = await send(ctx, { method: 'GET', url: FACEBOOK.me, query }, Page, classifyFacebook);
  return answer.ok ? { ok: true, value: { ...answer.value.body, access_token: tokens.accessToken } } : answer;
}

/** The Page token got with a long-lived user token: it does not expire (networks.md §1.2 Decision). */
async function pageToken(ctx: AdapterContext, userToken: string): Promise<Result<TokenSet>> {
  const found = await firstPage(ctx, userToken, 'id,access_token');
  if (!found.ok) return found;
  if (!found.value.access_token) {
    return failure(unavailable('facebook: /me/accounts gave no Page token'));
  }
  const value = {
    accessToken: found.value.access_token,
    refreshToken: null,
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: [...SCOPES],
  };
  return { ok: true, value };
}

function debugToken(ctx: AdapterContext, tokens: TokenSet, secret: string) {
  const query = { input_token: tokens.accessToken, access_token: `${ctx.config.clientId}|${secret}` };
  return send(ctx, { method: 'GET', url: FACEBOOK.debugToken, query }, DebugToken, classifyFacebook);
}

export const facebook: NetworkAdapter = {
  ...OAUTH,

  // Code -> short-lived user token -> long-lived user token (the engine) -> the Page token.
  async exchangeCode(ctx, request) {
    const user = await OAUTH.exchangeCode(ctx, request);
    return user.ok ? pageToken(ctx, user.value.accessToken) : user;
  },

  // A Page token has nothing to renew. A long-lived user token stored by an older version is still valid
  // until its expiry: it buys the non-expiring Page token, once (the upgrade).
  async refresh(ctx, tokens) {
    if (!isUserToken(tokens)) return { ok: true, value: tokens };
    return pageToken(ctx, tokens.accessToken);
  },

  // debug_token: is_valid, and data access, which lapses 90 days after the last authorization [FB-AUTHDATA].
  async check(ctx, tokens) {
    const secret = clientSecret(ctx, 'facebook');
    if (!secret.ok) return secret.failure;
    const answer = await debugToken(ctx, tokens, secret.value);
    if (!answer.ok) return answer.failure;
    return dataAccessLapsed(answer.value.body.data.data_access_expires_at, ctx.now()) ?? { kind: 'ok' };
  },

  // DELETE /{user-id}/permissions with the app token [FB-PERM]: a Page token cannot act for the user, so
  // debug_token names the user behind it first.
  async revoke(ctx, tokens) {
    const secret = clientSecret(ctx, 'facebook');
    if (!secret.ok) return secret.failure;
    const debug = await debugToken(ctx, tokens, secret.value);
    if (!debug.ok) return debug.failure;
    const userId = debug.value.body.data.user_id;
    // No user behind the token (already invalid): nothing is left to revoke.
    if (!userId) return { kind: 'ok' };
    const request = {
      method: 'DELETE',
      url: FACEBOOK.permissions(userId),
      query: { access_token: `${ctx.config.clientId}|${secret.value}` },
    } as const;
    const answer = await send(ctx, request, Revoked, classifyFacebook);
    if (!answer.ok) return answer.failure;
    const body = answer.value.body;
    const done = typeof body === 'boolean' ? body : body.success;
    return done ? { kind: 'ok' } : unavailable('facebook: revoke answered false');
  },

  async profile(ctx, tokens) {
    const found = await page(ctx, tokens, 'id,name,username,picture');
    if (!found.ok) return found;
    const { id, name, username, picture } = found.value;
    return {
      ok: true,
      value: {
        networkUserId: id,
        name: name ?? id,
        handle: username ?? null,
        avatarUrl: picture?.data.url ?? null,
      },
    };
  },

  // Page posts need the Page's own token [POSTIZ-FB]: the stored one (or, for an older user token, the listed one).
  async publish(ctx, tokens, post): Promise<Result<{ remoteId: string }>> {
    const found = await page(ctx, tokens, 'id');
    if (!found.ok) return found;
    const answer = await send(
      ctx,
      {
        method: 'POST',
        url: FACEBOOK.feed(found.value.id),
        query: { access_token: found.value.access_token ?? tokens.accessToken },
        form: { message: post.text, link: post.link },
        retry: false,
      },
      Created,
      classifyFacebook,
    );
    return answer.ok ? { ok: true, value: { remoteId: answer.value.body.id } } : answer;
  },
};
