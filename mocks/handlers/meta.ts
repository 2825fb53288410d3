// What Facebook and Instagram (both Meta Graph) share: the error envelope, the token-problem bodies, the
// "Session has expired on …" clock text, and the outage / rate-limit answers. Bodies are the networks.md
// fixtures with fresh fbtrace_ids and times.
import type { Ctx, MockReply } from '../http.ts';
import { json } from '../http.ts';
import type { TokenProblem, WorldState } from '../state.ts';
import { traceId } from '../state.ts';

export interface GraphError {
  message: string;
  type: 'OAuthException' | 'GraphMethodException' | 'IGApiException';
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** `{"error":{message,type,code,[error_subcode],fbtrace_id}}` [FB-ERR]; HTTP 400 like the captures [BK-FBAPI]. */
export function graphError(
  s: WorldState,
  e: GraphError,
  status = 400,
  headers?: Record<string, string>,
): MockReply {
  return json(status, { error: { ...e, fbtrace_id: traceId(s) } }, headers);
}

/** Pacific offset (minutes) per UTC hour: DST switches on the hour, so one Intl lookup per hour is exact. */
const OFFSETS = new Map<number, number>();
const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  timeZoneName: 'shortOffset',
});
function pacificOffset(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = OFFSETS.get(hour);
  if (offset === undefined) {
    const name = PACIFIC.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-8'; // "GMT-7"
    offset = Number(name.replace('GMT', '') || '0') * 60;
    OFFSETS.set(hour, offset);
  }
  return offset;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "Wednesday, 16-Nov-22 07:45:51 PST", the format of Meta's expiry messages [BK-FBAPI]. */
export function metaTime(ms: number): string {
  const offset = pacificOffset(ms);
  const d = new Date(ms + offset * 60_000); // read with UTC getters = Pacific wall clock
  const zone = offset === -420 ? 'PDT' : 'PST';
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${zone}`;
}

export const MSG = {
  // [BK-FBAPI] debug_token fixture (unknown / unparsable token).
  cannotParse: 'Invalid OAuth access token - Cannot parse access token',
  // 458 "App Not Installed" [FB-ERR]; text from public code (weak), the decided revoke answer.
  notAuthorized: (appId: string) =>
    `Error validating access token: The user has not authorized application ${appId}.`,
  // 460 [BK-FBAPI] err__access_token_session_has_been_invalidated.json.
  passwordChanged:
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  // 463 [BK-FBAPI] err__access_token_session_has_expired.json.
  expired: (since: number, now: number) =>
    `Error validating access token: Session has expired on ${metaTime(since)}. The current time is ${metaTime(now)}.`,
  // code 100 / subcode 33 (the decided delete-account answer; Postiz keys on "error_subcode":33 [POSTIZ-IG]).
  missingObject: (verb: string, id: string) =>
    `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
} as const;

/** code/subcode/message per token problem; `api` bodies omit the subcode where the real captures do. */
export function tokenError(
  problem: TokenProblem,
  o: { appId: string; since: number; now: number; objectId: string; verb: string },
): { code: number; subcode: number | null; apiSubcode: boolean; message: string; type: GraphError['type'] } {
  switch (problem) {
    case 'unknown':
      return {
        code: 190,
        subcode: null,
        apiSubcode: false,
        message: MSG.cannotParse,
        type: 'OAuthException',
      };
    case 'revoked':
      return {
        code: 190,
        subcode: 458,
        apiSubcode: true,
        message: MSG.notAuthorized(o.appId),
        type: 'OAuthException',
      };
    case 'security':
      return {
        code: 190,
        subcode: 460,
        apiSubcode: false,
        message: MSG.passwordChanged,
        type: 'OAuthException',
      };
    case 'expired':
    case 'inactive':
      // inactive = data access lapsed [FB-AUTHDATA]; API calls then read like an expired session.
      return {
        code: 190,
        subcode: 463,
        apiSubcode: false,
        message: MSG.expired(o.since, o.now),
        type: 'OAuthException',
      };
    case 'deleted':
      return {
        code: 100,
        subcode: 33,
        apiSubcode: true,
        message: MSG.missingObject(o.verb, o.objectId),
        type: 'GraphMethodException',
      };
  }
}

/** The Graph API answer (HTTP 400) for a token that does not work. */
export function apiTokenError(
  ctx: Ctx,
  problem: TokenProblem,
  o: { appId: string; since: number; objectId: string },
): MockReply {
  const e = tokenError(problem, { ...o, now: ctx.now, verb: ctx.req.method.toLowerCase() });
  return graphError(ctx.s, {
    message: e.message,
    type: e.type,
    code: e.code,
    ...(e.apiSubcode && e.subcode !== null ? { error_subcode: e.subcode } : {}),
  });
}

/** Codes 1/2 are Meta's "temporary issue due to downtime" [FB-ERR]; the text is from a weak public list. */
export function metaOutage(s: WorldState): MockReply {
  return graphError(
    s,
    {
      message: 'An unexpected error has occurred. Please retry your request later.',
      type: 'OAuthException',
      is_transient: true,
      code: 2,
    },
    503,
  );
}

/**
 * Throttled [FB-RL]: with a business object (Page / IG user) known, the BUC error (32 for Page calls with a
 * user token, 80001 with a Page token, 80002 Instagram) plus `X-Business-Use-Case-Usage` whose
 * `estimated_time_to_regain_access` (minutes) reaches `until`; otherwise the app-level code 4, HTTP 403
 * [FB-403-4][FB-4-BODY]. Both carry `X-App-Usage` at 100.
 */
export function metaRateLimited(
  s: WorldState,
  o: { until: number; now: number; objectId: string | null; kind: 'page-token' | 'user-token' | 'instagram' },
): MockReply {
  const appUsage = JSON.stringify({ call_count: 100, total_time: 100, total_cputime: 100 });
  if (o.objectId === null) {
    return graphError(
      s,
      {
        message: '(#4) Application request limit reached',
        type: 'OAuthException',
        is_transient: true,
        code: 4,
      },
      403,
      { 'x-app-usage': appUsage },
    );
  }
  const minutes = Math.max(1, Math.ceil((o.until - o.now) / 60_000));
  const type = o.kind === 'instagram' ? 'instagram' : 'pages';
  const buc = JSON.stringify({
    [o.objectId]: [
      {
        type,
        call_count: 100,
        total_cputime: 100,
        total_time: 100,
        estimated_time_to_regain_access: minutes,
      },
    ],
  });
  const headers = { 'x-app-usage': appUsage, 'x-business-use-case-usage': buc };
  const body: GraphError =
    o.kind === 'instagram'
      ? {
          message: '(#80002) There have been too many calls to this Instagram account.',
          type: 'OAuthException',
          code: 80002,
        }
      : o.kind === 'page-token'
        ? {
            message:
              '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
            type: 'OAuthException',
            code: 80001,
          }
        : { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32 };
  return graphError(s, body, 400, headers);
}

/** Graph paths are versioned (`/v20.0/me`) or not (`/me`); both reach the same route. */
export const stripGraphVersion = (path: string): string => path.replace(/^\/v\d+(?:\.\d+)?(?=\/|$)/, '');
