// YouTube through Google OAuth 2.0 (PKCE S256, state, offline access) and the YouTube Data API v3.
// Access tokens last about an hour [BK-G]; a refresh may omit refresh_token, then the old one stays
// [POSTIZ-YT]. Quota is per Cloud project, so quotaExceeded is an app-wide pause, not an account verdict.
import { z } from 'zod/mini';
import type { AuthErrorReason, Outcome } from '../core/schemas.ts';
import {
  authError,
  byStatus,
  type Classifier,
  DAY_MS,
  describe,
  nextMidnightIn,
  oauthError,
  ok,
  retryAfterAt,
  unavailable,
} from './classify.ts';
import { failure, send } from './http.ts';
import { oauth2 } from './oauth.ts';
import type { AdapterContext, NetworkAdapter, PublishRequest, Result, TokenSet } from './types.ts';

export const YOUTUBE = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  tokeninfo: 'https://oauth2.googleapis.com/tokeninfo',
  revoke: 'https://oauth2.googleapis.com/revoke',
  channels: 'https://www.googleapis.com/youtube/v3/channels',
  upload: 'https://www.googleapis.com/upload/youtube/v3/videos',
} as const;

/** Upload + read the own channel [POSTIZ-YT][BK-G]. */
const SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
] as const;
/** Daily quota resets at midnight Pacific time (YouTube quota docs; networks.md only gives the daily budget [YT-QUOTA]). */
const QUOTA_ZONE = 'America/Los_Angeles';
/** Uploads can take minutes; ctx.timeoutMs still wins when larger. */
const UPLOAD_TIMEOUT_MS = 5 * 60 * 1000;

const ApiError = z.object({
  code: z.optional(z.number()),
  message: z.optional(z.string()),
  status: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ reason: z.optional(z.string()), message: z.optional(z.string()) }))),
});
/** Modern bodies wrap the error in `error`; the older envelope is top-level [G-401]. */
const ApiEnvelope = z.union([
  z.pipe(
    z.object({ error: ApiError }),
    z.transform((body) => body.error),
  ),
  ApiError,
]);

type Meaning = AuthErrorReason | 'quota' | 'rate-limited' | 'upload-cap';
/** errors[].reason values [YT-ERR][G-401][G-DRIVE-ERR][YT-UPL][POSTIZ-YT]. */
const REASONS: Record<string, Meaning> = {
  authenticatedUserAccountClosed: 'deleted',
  authenticatedUserAccountSuspended: 'security',
  // A Google account without a channel: nothing to post to (Postiz asks for a reconnect).
  youtubeSignupRequired: 'deleted',
  // Invalid Credentials: expired or revoked access token; the connection refreshes to tell (R12).
  authError: 'token-expired',
  quotaExceeded: 'quota',
  rateLimitExceeded: 'rate-limited',
  userRateLimitExceeded: 'rate-limited',
  uploadLimitExceeded: 'upload-cap',
};
/**
 * Token endpoints: invalid_grant = dead refresh token [G-GRANT]; invalid_token = tokeninfo's "Invalid Value"
 * for an expired or revoked access token (a refresh decides). Client errors are configuration.
 */
const OAUTH_ERRORS: Record<string, AuthErrorReason> = {
  invalid_grant: 'token-expired',
  invalid_token: 'token-expired',
};

function fromMeaning(meaning: Meaning, headers: Headers, now: number, detail: string): Outcome {
  if (meaning === 'quota') return { kind: 'rate-limited', retryAt: nextMidnightIn(QUOTA_ZONE, now), detail };
  if (meaning === 'upload-cap') return { kind: 'rate-limited', retryAt: now + DAY_MS, detail };
  if (meaning === 'rate-limited')
    return { kind: 'rate-limited', retryAt: retryAfterAt(headers, now), detail };
  return authError(meaning, detail);
}

export const classifyYouTube: Classifier = (status, headers, body, now) => {
  // Google reports every failure with a 4xx/5xx status [G-LIB][YT-ERR]: a 2xx is an answer.
  if (status >= 200 && status < 300) return ok;
  const refused = oauthError('Google', OAUTH_ERRORS, status, headers, body, now);
  if (refused) return refused;
  const api = ApiEnvelope.safeParse(body);
  if (api.success && status >= 400) {
    const { errors = [], message, status: state } = api.data;
    const detail = `Google ${status}${state ? ` ${state}` : ''}: ${describe(errors[0]?.reason, message)}`;
    for (const { reason } of errors) {
      const meaning = reason ? REASONS[reason] : undefined;
      if (meaning) return fromMeaning(meaning, headers, now, detail);
    }
    if (state === 'UNAUTHENTICATED') return authError('token-expired', detail);
    if (state === 'RESOURCE_EXHAUSTED') return fromMeaning('rate-limited', headers, now, detail);
  }
  if (status === 401) return authError('token-expired', `Google 401: credentials refused`);
  return status >= 200 && status < 300 ? ok : byStatus(status, headers, now, `Google ${status}`);
};

/**
 * Google's OAuth 2.0 as data for the engine (oauth.ts): state, PKCE S256, and offline access, which gives a
 * refresh token reliably only on a forced consent [G-LIB][G-PROMPT]. Web-server clients send the secret in
 * the form; Chrome-app clients have none and are public [G-WEBSERVER]. Only an OAuth error is a verdict at
 * the token endpoint (R11, R12).
 */
const OAUTH = oauth2({
  id: 'youtube',
  issuer: 'Google',
  authorize: YOUTUBE.authorize,
  authorizeParams: { access_type: 'offline', prompt: 'consent' },
  token: YOUTUBE.token,
  scopes: SCOPES,
  pkce: true,
  client: { auth: 'post', secret: 'optional' },
  classify: classifyYouTube,
  // ~1-hour access tokens [BK-G]: refreshed by the call that needs one, five minutes ahead (the defaults). The
  // refresh token dies after six months unused [G-OAUTH2]: it is used at least every five months, so an
  // account nobody checks or publishes to stays connected.
  tokens: { keepAlive: { idle: 180 * DAY_MS, every: 150 * DAY_MS } },
  noRefreshToken: 'consent without offline access',
});

/** Google's token endpoint: the engine's guard around classifyYouTube. */
export const classifyGoogleToken = OAUTH.classifyToken;

/** tokeninfo's answer for a live token always names the client it was issued to (`aud`) [G-LIB TokenInfo]. */
const TokenInfo = z.object({ aud: z.string(), expires_in: z.optional(z.union([z.string(), z.number()])) });
/**
 * `kind` is required: a channel list without `items` means "no channel" (deleted), so only a real channel-list
 * answer may say so; any other 200 is malformed (unavailable, R11).
 */
const Channels = z.object({
  kind: z.literal('youtube#channelListResponse'),
  items: z.optional(
    z.array(
      z.object({
        id: z.string(),
        // Present when asked for with part=snippet.
        snippet: z.optional(
          z.object({
            title: z.string(),
            customUrl: z.optional(z.string()),
            thumbnails: z.optional(z.record(z.string(), z.object({ url: z.string() }))),
          }),
        ),
      }),
    ),
  ),
});
type Channel = NonNullable<z.infer<typeof Channels>['items']>[number];

/** channels.list mine=true [YT-CH]: the account's own channel, or `deleted` when it has none [POSTIZ-YT]. */
async function ownChannel(
  ctx: AdapterContext,
  tokens: TokenSet,
  part: 'id' | 'snippet',
): Promise<Result<Channel>> {
  const request = {
    method: 'GET',
    url: YOUTUBE.channels,
    query: { part, mine: 'true' },
    bearer: tokens.accessToken,
  } as const;
  const answer = await send(ctx, request, Channels, classifyYouTube);
  if (!answer.ok) return answer;
  const channel = answer.value.body.items?.[0];
  if (!channel) return failure(authError('deleted', 'youtube: this Google account has no YouTube channel'));
  if (part === 'snippet' && !channel.snippet) {
    return failure(unavailable('youtube: channels answered without a snippet'));
  }
  return { ok: true, value: channel };
}
const Video = z.object({ id: z.string() });

/** Title and description may not contain angle brackets (YouTube invalidTitle; not in networks.md). */
const plain = (text: string): string => text.replace(/[<>]/g, '');

/** multipart/related: JSON metadata, then the video bytes (uploadType=multipart). */
function multipart(post: PublishRequest, video: Blob): { body: Blob; type: string } {
  const boundary = `social-health-${crypto.randomUUID()}`;
  const title = plain(post.text.split('\n')[0] ?? '').slice(0, 100) || 'Untitled';
  const description = plain(post.link ? `${post.text}\n\n${post.link}` : post.text);
  const metadata = { snippet: { title, description }, status: { privacyStatus: 'public' } };
  const body = new Blob([
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n`,
    `--${boundary}\r\nContent-Type: ${video.type || 'application/octet-stream'}\r\n\r\n`,
    video,
    `\r\n--${boundary}--\r\n`,
  ]);
  return { body, type: `multipart/related; boundary=${boundary}` };
}

export const youtube: NetworkAdapter = {
  ...OAUTH,

  /**
   * tokeninfo says whether the OAuth token is alive [G-LIB]; it cannot see the YouTube account behind it. A
   * suspended or closed channel keeps a working grant while every YouTube call answers 403
   * authenticatedUserAccountSuspended / authenticatedUserAccountClosed [YT-ERR], so the check also lists the
   * own channel (`part=id`, 1 quota unit, read-only): that is where security and deleted show (R2).
   */
  async check(ctx, tokens) {
    const request = {
      method: 'GET',
      url: YOUTUBE.tokeninfo,
      query: { access_token: tokens.accessToken },
    } as const;
    const answer = await send(ctx, request, TokenInfo, classifyYouTube);
    if (!answer.ok) return answer.failure;
    const channel = await ownChannel(ctx, tokens, 'id');
    return channel.ok ? { kind: 'ok' } : channel.failure;
  },

  // Revoking the refresh token ends the whole grant [G-REVOKE-ZENN].
  async revoke(ctx, tokens) {
    const token = tokens.refreshToken ?? tokens.accessToken;
    const request = { method: 'POST', url: YOUTUBE.revoke, query: { token }, bodyless: true } as const;
    const answer = await send(ctx, request, z.unknown(), classifyYouTube);
    return answer.ok ? { kind: 'ok' } : answer.failure;
  },

  async profile(ctx, tokens) {
    const channel = await ownChannel(ctx, tokens, 'snippet');
    if (!channel.ok) return channel;
    const { id, snippet } = channel.value;
    const avatar = snippet?.thumbnails?.high ?? snippet?.thumbnails?.medium ?? snippet?.thumbnails?.default;
    return {
      ok: true,
      value: {
        networkUserId: id,
        name: snippet?.title ?? id,
        handle: snippet?.customUrl ?? null,
        avatarUrl: avatar?.url ?? null,
      },
    };
  },

  async publish(ctx, tokens, post) {
    if (!post.video) {
      const detail = 'youtube: a post needs a video (PublishRequest.video); the Data API has no text posts';
      return failure({ kind: 'unavailable', retryAt: null, detail });
    }
    const upload = multipart(post, post.video);
    const answer = await send(
      ctx,
      {
        method: 'POST',
        url: YOUTUBE.upload,
        query: { part: 'snippet,status', uploadType: 'multipart' },
        bearer: tokens.accessToken,
        headers: { 'Content-Type': upload.type },
        body: upload.body,
        retry: false,
        minTimeoutMs: UPLOAD_TIMEOUT_MS,
      },
      Video,
      classifyYouTube,
    );
    return answer.ok ? { ok: true, value: { remoteId: answer.value.body.id } } : answer;
  },
};
