// Instagram professional accounts through "Instagram API with Instagram Login" (host graph.instagram.com).
// Short-lived token -> long-lived (60 days) -> refreshed by itself, no refresh token [IG-AT][IG-REFRESH].
// Same Graph error envelope as Facebook, so the same classifier [BK-IG]. No revoke endpoint exists (§2.5).
import { z } from 'zod/mini';
import { type Classifier, unavailable } from './classify.ts';
import { failure, send } from './http.ts';
import { classifyMeta, META_OAUTH } from './meta.ts';
import { oauth2 } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, Result } from './types.ts';

const VERSION = 'v21.0';
const GRAPH = 'https://graph.instagram.com';

export const INSTAGRAM = {
  authorize: 'https://www.instagram.com/oauth/authorize',
  token: 'https://api.instagram.com/oauth/access_token',
  exchange: `${GRAPH}/access_token`,
  refresh: `${GRAPH}/refresh_access_token`,
  me: `${GRAPH}/${VERSION}/me`,
  media: (userId: string) => `${GRAPH}/${VERSION}/${encodeURIComponent(userId)}/media`,
  publish: (userId: string) => `${GRAPH}/${VERSION}/${encodeURIComponent(userId)}/media_publish`,
} as const;

/** Business Login scopes for publishing [IG-BL]; the old business_* names were retired in Jan 2025. */
const SCOPES = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

export const classifyInstagram: Classifier = classifyMeta;

/** Ids are strings in Graph answers, but the code exchange sends a number (too big for a double). */
const Id = z.pipe(z.union([z.string(), z.number()]), z.transform(String));
const Permissions = z.optional(z.union([z.string(), z.array(z.string())]));
/**
 * The code's answer: flat per the reference [IG-OAT]; the `data: [...]` wrapper is unverified, so both are
 * accepted. The granted `permissions` (comma string or list) become the token's scopes.
 */
const CodeAnswer = z.pipe(
  z.union([
    z.object({ access_token: z.string().check(z.minLength(1)), permissions: Permissions }),
    z.pipe(
      z.object({
        data: z
          .array(z.object({ access_token: z.string().check(z.minLength(1)), permissions: Permissions }))
          .check(z.minLength(1)),
      }),
      z.transform((wrapped) => wrapped.data[0]!),
    ),
  ]),
  z.transform(({ access_token, permissions }) => ({
    access_token,
    scope: typeof permissions === 'string' ? permissions : permissions?.join(','),
  })),
);
const Me = z.object({
  user_id: z.optional(Id),
  id: z.optional(Id),
  username: z.string(),
  name: z.optional(z.string()),
  profile_picture_url: z.optional(z.string()),
});
const Created = z.object({ id: Id });

/**
 * Instagram Login as data for the engine (oauth.ts), with Meta's shared choices: the code is exchanged at
 * api.instagram.com, its short-lived token swapped at once for a 60-day one (ig_exchange_token, with the app
 * secret alone [IG-AT]), which renews itself with ig_refresh_token (the token alone [IG-REFRESH]).
 */
const OAUTH = oauth2({
  ...META_OAUTH,
  id: 'instagram',
  issuer: 'Instagram',
  authorize: INSTAGRAM.authorize,
  token: INSTAGRAM.token,
  scopes: SCOPES,
  codeAnswer: CodeAnswer,
  longLived: { url: INSTAGRAM.exchange, grant: 'ig_exchange_token', param: 'access_token', client: 'secret' },
  renewal: { url: INSTAGRAM.refresh, grant: 'ig_refresh_token', param: 'access_token', client: 'none' },
});

const ME_FIELDS = 'user_id,username,name,profile_picture_url';

function me(ctx: AdapterContext, accessToken: string) {
  return send(
    ctx,
    { method: 'GET', url: INSTAGRAM.me, query: { fields: ME_FIELDS, access_token: accessToken } },
    Me,
    classifyInstagram,
  );
}

export const instagram: NetworkAdapter = {
  ...OAUTH,

  // Postiz checks with /me after every exchange [POSTIZ-IG]; debug_token for IG Login tokens is unverified.
  async check(ctx, tokens) {
    const answer = await me(ctx, tokens.accessToken);
    return answer.ok ? { kind: 'ok' } : answer.failure;
  },

  revoke: null,

  async profile(ctx, tokens) {
    const answer = await me(ctx, tokens.accessToken);
    if (!answer.ok) return answer;
    const { user_id, id, username, name, profile_picture_url } = answer.value.body;
    const networkUserId = user_id ?? id;
    if (!networkUserId) return failure(unavailable('instagram: /me gave no id'));
    return {
      ok: true,
      value: {
        networkUserId,
        name: name || username,
        handle: username,
        avatarUrl: profile_picture_url ?? null,
      },
    };
  },

  // Container, then publish [IG-CPL]. The link is left out: links are not allowed in Instagram posts (S1).
  async publish(ctx, tokens, post): Promise<Result<{ remoteId: string }>> {
    if (!post.imageUrl) {
      return failure(unavailable('instagram: a post needs an image (imageUrl)'));
    }
    const account = await me(ctx, tokens.accessToken);
    if (!account.ok) return account;
    const userId = account.value.body.user_id ?? account.value.body.id ?? 'me';
    const query = { access_token: tokens.accessToken };
    const container = await send(
      ctx,
      {
        method: 'POST',
        url: INSTAGRAM.media(userId),
        query,
        form: { image_url: post.imageUrl, caption: post.text },
      },
      Created,
      classifyInstagram,
    );
    if (!container.ok) return container;
    // Publishing is not idempotent: never repeated blindly (a 5xx may hide a published post).
    const published = await send(
      ctx,
      {
        method: 'POST',
        url: INSTAGRAM.publish(userId),
        query,
        form: { creation_id: container.value.body.id },
        retry: false,
      },
      Created,
      classifyInstagram,
    );
    return published.ok ? { ok: true, value: { remoteId: published.value.body.id } } : published;
  },
};
