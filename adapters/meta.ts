// Meta's Graph error envelope, shared by facebook.ts and instagram.ts (same envelope, same codes [FB-ERR]).
// Order: rate-limit codes, then 1/2 (temporary), then debug_token's lapsed data access (inactive), then
// code 190/102 by subcode, then by message text (real 190 captures carry no error_subcode [BK-FBAPI]).
import { z } from 'zod/mini';
import type { AuthErrorReason, Outcome } from '../core/schemas.ts';
import {
  type AuthError,
  authError,
  boundRetryAt,
  byStatus,
  type Classifier,
  DAY_MS,
  describe,
  HOUR_MS,
  isRecord,
  MINUTE_MS,
  ok,
  retryAfterAt,
  unavailable,
} from './classify.ts';
import type { OAuthData } from './types.ts';

const GraphError = z.object({
  code: z.number(),
  message: z.optional(z.string()),
  type: z.optional(z.string()),
  error_subcode: z.optional(z.number()),
  /** debug_token reports the subcode under this key instead [BK-FBAPI]. */
  subcode: z.optional(z.number()),
  error_user_title: z.optional(z.string()),
  error_user_msg: z.optional(z.string()),
});
type GraphError = z.infer<typeof GraphError>;

const Envelope = z.object({ error: GraphError });

/** debug_token answers HTTP 200 even for a dead token: is_valid:false, error nested in data [FB-DBG][BK-FBAPI]. */
const InvalidDebugToken = z.object({
  data: z.object({
    is_valid: z.literal(false),
    data_access_expires_at: z.optional(z.number()),
    error: z.optional(GraphError),
  }),
});

/** Throttling codes, as Mixpost treats them [MIXPOST-META][FB-RL]. */
const RATE_LIMIT_CODES = new Set([
  4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014,
]);
/** "Temporary issue due to downtime. Wait and retry" [FB-ERR]. */
const TEMPORARY_CODES = new Set([1, 2]);
/** OAuthException codes that speak about the token [FB-ERR]. */
const TOKEN_CODES = new Set([190, 102]);

/** Authentication subcodes [FB-ERR] (466 observed in debug_token [BK-FBAPI]). */
const SUBCODE_REASON: Record<number, AuthErrorReason> = {
  458: 'revoked', // App Not Installed
  466: 'revoked', // invalidated explicitly via an API call
  492: 'revoked', // user lost their role on the Page (official name; message unverified)
  463: 'token-expired', // Expired
  467: 'token-expired', // Invalid Access Token: "expired, been revoked, or is otherwise invalid"
  459: 'security', // User Checkpointed
  460: 'security', // Password Changed
  464: 'security', // Unconfirmed User
};

/** Message fragments, for captures without a subcode [BK-FBAPI]; texts per the §1.4 table. */
const MESSAGE_REASON: ReadonlyArray<readonly [RegExp, AuthErrorReason]> = [
  [/has not authorized application/i, 'revoked'],
  [/invalidated explicitly using an API call/i, 'revoked'],
  [/session has expired/i, 'token-expired'],
  [/changed their password/i, 'security'],
  [/checkpoint/i, 'security'],
  [/not a confirmed user/i, 'security'],
];

/** Usage headers carrying percentages of the rolling one-hour window [FB-RL]. */
const USAGE_HEADERS = ['x-app-usage', 'x-page-usage'];

const BucUsage = z.record(
  z.string(),
  z.array(z.object({ estimated_time_to_regain_access: z.optional(z.number()) })),
);
const Usage = z.record(z.string(), z.unknown());

function headerJson(headers: Headers, name: string): unknown {
  const raw = headers.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * When a throttled call may be retried: Retry-After; else X-Business-Use-Case-Usage's
 * estimated_time_to_regain_access (minutes) [FB-RL]; else, when X-App-Usage / X-Page-Usage shows a counter
 * at 100 %, the end of the one-hour rolling window (an upper bound: the header gives no time); else null.
 * Every hint is bounded to a day ahead (boundRetryAt, issue #13).
 */
export function metaRetryAt(headers: Headers, now: number): number | null {
  const fromHeader = retryAfterAt(headers, now);
  if (fromHeader !== null) return fromHeader;
  const buc = BucUsage.safeParse(headerJson(headers, 'x-business-use-case-usage'));
  if (buc.success) {
    const minutes = Math.max(
      0,
      ...Object.values(buc.data).flatMap((entries) =>
        entries.map((e) => e.estimated_time_to_regain_access ?? 0),
      ),
    );
    if (minutes > 0) return boundRetryAt(now + minutes * MINUTE_MS, now);
  }
  for (const name of USAGE_HEADERS) {
    const usage = Usage.safeParse(headerJson(headers, name));
    if (
      usage.success &&
      Object.values(usage.data).some((value) => typeof value === 'number' && value >= 100)
    ) {
      return now + HOUR_MS;
    }
  }
  return null;
}

function tokenReason(subcode: number | undefined, message: string): AuthErrorReason {
  const bySubcode = subcode === undefined ? undefined : SUBCODE_REASON[subcode];
  if (bySubcode) return bySubcode;
  const byMessage = MESSAGE_REASON.find(([pattern]) => pattern.test(message));
  // A bare 190 "has expired/revoked/invalid" per [FB-ERR]; the product treats it as an expired token.
  return byMessage ? byMessage[1] : 'token-expired';
}

function classifyGraphError(error: GraphError, status: number, headers: Headers, now: number): Outcome {
  const subcode = error.error_subcode ?? error.subcode;
  const detail = `Meta ${error.code}${subcode === undefined ? '' : `/${subcode}`}: ${describe(error.error_user_msg, error.error_user_title, error.message)}`;
  if (RATE_LIMIT_CODES.has(error.code))
    return { kind: 'rate-limited', retryAt: metaRetryAt(headers, now), detail };
  if (TEMPORARY_CODES.has(error.code)) return unavailable(detail, retryAfterAt(headers, now));
  if (TOKEN_CODES.has(error.code)) return authError(tokenReason(subcode, error.message ?? ''), detail);
  // "Object with ID ... does not exist" [POSTIZ-IG]: the Page or IG account is gone.
  if (error.code === 100 && subcode === 33) return authError('deleted', detail);
  // Anything else (permissions 10/200-299, duplicate post 506, app-token misuse 100, ...) is not a verdict on
  // the account's token: report it without disconnecting (R11).
  if (status === 429 || status >= 500) return byStatus(status, headers, now, detail);
  return unavailable(`${detail} (not a verdict on the token)`);
}

/**
 * debug_token's `data_access_expires_at` (unix seconds) once passed: data access lapses 90 days after the user
 * was last active [FB-AUTHDATA], the network judged the account unused (R2 inactive). Null while it holds.
 */
export function dataAccessLapsed(at: number | undefined, now: number): AuthError | null {
  if (at === undefined || at <= 0 || at * 1000 > now) return null;
  return authError('inactive', `debug_token: data access expired at ${new Date(at * 1000).toISOString()}`);
}

/** Classifies any Graph answer: error envelopes, debug_token's is_valid:false, and HTTP status. */
export const classifyMeta: Classifier = (status, headers, body, now) => {
  // A 2xx is healthy unless it carries an error envelope or debug_token's is_valid:false [FB-DBG].
  if (status >= 200 && status < 300 && isRecord(body) && !('error' in body)) {
    if (!isRecord(body.data) || body.data.is_valid !== false) return ok;
  }
  const debug = InvalidDebugToken.safeParse(body);
  if (debug.success) {
    const data = debug.data.data;
    // Checked before the subcode table, as agreed with the mocks.
    const lapsed = dataAccessLapsed(data.data_access_expires_at, now);
    if (lapsed) return lapsed;
    if (data.error) return classifyGraphError(data.error, status, headers, now);
    return authError('token-expired', 'debug_token: is_valid is false');
  }
  const envelope = Envelope.safeParse(body);
  if (envelope.success) return classifyGraphError(envelope.data.error, status, headers, now);
  return status >= 200 && status < 300 ? ok : byStatus(status, headers, now);
};

/**
 * What Facebook Login and Instagram Login share, as OAuth data for the engine (oauth.ts): comma-separated
 * scopes and a state, no PKCE [FB-OIDC][IG-BL]; the app id and secret as parameters; long-lived tokens (60
 * days) that renew themselves only while still valid (fb_exchange_token [FB-LL]; ig_refresh_token once at
 * least 24 h old [IG-REFRESH]), so they are renewed on schedule a week ahead. A Facebook Page token does not
 * expire (`expiresAt: null`), so it is never scheduled. The token endpoints (code exchange and the swaps)
 * answer the Graph error envelope: that is their OAuth error; anything else is not understood (R11, R12).
 */
export const META_OAUTH = {
  scopeSeparator: ',',
  client: { auth: 'post' },
  tokens: { renew: 'self', ahead: 7 * DAY_MS, upkeep: 'scheduled' },
  classify: classifyMeta,
  explained: (_status: number, body: unknown) => isRecord(body) && isRecord(body.error),
} as const satisfies Partial<OAuthData>;
