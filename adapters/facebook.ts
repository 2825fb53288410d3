// Facebook Pages through Facebook Login (Graph API v20.0). The stored token is the long-lived USER token:
// no refresh token exists, a still-valid one is exchanged for a new one [FB-LL]; its health comes from
// debug_token with the app token [FB-DBG]. The account is the first Page the login granted (/me/accounts).
import { z } from 'zod';
import type { Classifier } from './classify.ts';
import { failure, send } from './http.ts';
import { classifyMeta, META_TOKENS, metaAuthorizeUrl } from './meta.ts';
import { clientSecret, TokenResponse, toTokenSet } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, Result } from './types.ts';

const VERSION = 'v20.0';
const GRAPH = `https://graph.facebook.com/${VERSION}`;

export const FACEBOOK = {
  authorize: `https://www.facebook.com/${VERSION}/dialog/oauth`,
  token: `${GRAPH}/oauth/access_token`,
  debugToken: `${GRAPH}/debug_token`,
  pages: `${GRAPH}/me/accounts`,
  permissions: `${GRAPH}/me/permissions`,
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

const DebugToken = z.object({ data: z.object({ is_valid: z.boolean() }) });
const Pages = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      // Graph returns only the fields asked for: publishing asks for id and access_token alone.
      name: z.string().optional(),
      username: z.string().optional(),
      access_token: z.string().optional(),
      picture: z.object({ data: z.object({ url: z.string() }) }).optional(),
    }),
  ),
});
type Page = z.infer<typeof Pages>['data'][number];
const Created = z.object({ id: z.string() });
/** Current Graph answers {success:true}; older ones a bare true [FB-PERM]. */
const Revoked = z.union([z.object({ success: z.boolean() }), z.boolean()]);

/** The fb_exchange_token call, used both after the code exchange and as the "refresh" [FB-LL]. */
async function longLived(ctx: AdapterContext, token: string, secret: string) {
  const query = {
    grant_type: 'fb_exchange_token',
    client_id: ctx.config.clientId,
    client_secret: secret,
    fb_exchange_token: token,
  };
  return send(ctx, { method: 'GET', url: FACEBOOK.token, query }, TokenResponse, classifyFacebook);
}

async function firstPage(ctx: AdapterContext, accessToken: string, fields: string): Promise<Result<Page>> {
  const answer = await send(
    ctx,
    { method: 'GET', url: FACEBOOK.pages, query: { fields, limit: '1', access_token: accessToken } },
    Pages,
    classifyFacebook,
  );
  if (!answer.ok) return answer;
  const page = answer.value.body.data[0];
  if (page) return { ok: true, value: page };
  // The login grants no Page any more (pages_show_list or the Page was de-selected): access was removed.
  return failure({
    kind: 'auth-error',
    reason: 'revoked',
    detail: 'facebook: the login grants no Page; reconnect and select the Page',
  });
}

export const facebook: NetworkAdapter = {
  id: 'facebook',
  pkce: false,
  scopes: SCOPES,
  tokens: META_TOKENS,
  authorizeUrl: metaAuthorizeUrl(FACEBOOK.authorize, SCOPES),

  async exchangeCode(ctx, { code }) {
    const secret = clientSecret(ctx, 'facebook');
    if (!secret.ok) return secret;
    const query = {
      client_id: ctx.config.clientId,
      redirect_uri: ctx.config.redirectUri,
      client_secret: secret.value,
      code,
    };
    const short = await send(
      ctx,
      { method: 'GET', url: FACEBOOK.token, query },
      TokenResponse,
      classifyFacebook,
    );
    if (!short.ok) return short;
    const long = await longLived(ctx, short.value.body.access_token, secret.value);
    if (!long.ok) return long;
    return { ok: true, value: toTokenSet(long.value.body, ctx.now(), { scopes: SCOPES }) };
  },

  async refresh(ctx, tokens) {
    const secret = clientSecret(ctx, 'facebook');
    if (!secret.ok) return secret;
    const long = await longLived(ctx, tokens.accessToken, secret.value);
    if (!long.ok) return long;
    return { ok: true, value: toTokenSet(long.value.body, ctx.now(), { scopes: SCOPES, previous: tokens }) };
  },

  async check(ctx, tokens) {
    const secret = clientSecret(ctx, 'facebook');
    if (!secret.ok) return secret.failure;
    const query = { input_token: tokens.accessToken, access_token: `${ctx.config.clientId}|${secret.value}` };
    const answer = await send(
      ctx,
      { method: 'GET', url: FACEBOOK.debugToken, query },
      DebugToken,
      classifyFacebook,
    );
    return answer.ok ? { kind: 'ok' } : answer.failure;
  },

  async revoke(ctx, tokens) {
    const request = {
      method: 'DELETE',
      url: FACEBOOK.permissions,
      query: { access_token: tokens.accessToken },
    } as const;
    const answer = await send(ctx, request, Revoked, classifyFacebook);
    if (!answer.ok) return answer.failure;
    const body = answer.value.body;
    const done = typeof body === 'boolean' ? body : body.success;
    return done
      ? { kind: 'ok' }
      : { kind: 'unavailable', retryAt: null, detail: 'facebook: revoke answered false' };
  },

  async profile(ctx, tokens) {
    const page = await firstPage(ctx, tokens.accessToken, 'id,name,username,picture');
    if (!page.ok) return page;
    const { id, name, username, picture } = page.value;
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

  async publish(ctx, tokens, post): Promise<Result<{ remoteId: string }>> {
    // Page posts need the Page's own token, listed with the Page [POSTIZ-FB].
    const page = await firstPage(ctx, tokens.accessToken, 'id,access_token');
    if (!page.ok) return page;
    const pageToken = page.value.access_token ?? tokens.accessToken;
    const answer = await send(
      ctx,
      {
        method: 'POST',
        url: FACEBOOK.feed(page.value.id),
        query: { access_token: pageToken },
        form: { message: post.text, link: post.link },
        retry: false,
      },
      Created,
      classifyFacebook,
    );
    return answer.ok ? { ok: true, value: { remoteId: answer.value.body.id } } : answer;
  },
};
