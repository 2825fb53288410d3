// Pieces every network classifier shares: the HTTP-status fallback and the "when may we try again" hints.
// A classifier only concludes an auth-error from an answer it recognises; anything else is transient or
// unavailable, because R11 forbids disconnecting an account on a rate limit, a 5xx or an unknown reply.
import { type AuthErrorReason, MAX_RETRY_AHEAD, type Outcome } from '../core/schemas.ts';
import { wallClock, zonedInstant } from '../core/zone.ts';

/** Turns a network's answer into core's Outcome. Pure: tests feed it captured bodies. */
export type Classifier = (status: number, headers: Headers, body: unknown, now: number) => Outcome;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const ok: Outcome = { kind: 'ok' };

export type AuthError = Extract<Outcome, { kind: 'auth-error' }>;

export function authError(reason: AuthErrorReason, detail: string): AuthError {
  return { kind: 'auth-error', reason, detail };
}

/** A failure that says nothing about the token: the status stays, the check is retried later (R11). */
export function unavailable(
  detail: string,
  retryAt: number | null = null,
): Outcome & { kind: 'unavailable' } {
  return { kind: 'unavailable', retryAt, detail };
}

/**
 * A retry instant a network hinted, bounded where it enters (issue #13): never before `now`, never more than
 * MAX_RETRY_AHEAD (24 h) after it, a whole millisecond; null when there is no usable number, so the core
 * backs off on its own (R11). A hint is the network's word, not a licence to stop checking an account.
 */
export function boundRetryAt(at: number | null | undefined, now: number): number | null {
  if (typeof at !== 'number' || Number.isNaN(at) || !Number.isFinite(now)) return null;
  return Math.ceil(Math.min(Math.max(at, now), now + MAX_RETRY_AHEAD));
}

/** The same bound on a classified outcome: what http.ts applies to every classifier's answer. */
export function boundOutcome(outcome: Outcome, now: number): Outcome {
  if (outcome.kind !== 'rate-limited' && outcome.kind !== 'unavailable') return outcome;
  const retryAt = boundRetryAt(outcome.retryAt, now);
  return retryAt === outcome.retryAt ? outcome : { ...outcome, retryAt };
}

/** delay-seconds: digits only (RFC 9110 §10.2.3); "1.5", "-3", "0x10" and "1e9" are not delays. */
const DELAY_SECONDS = /^\d+$/;
/** The three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate, obsolete RFC 850 and asctime. */
const HTTP_DATE = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), bounded by boundRetryAt; null when absent
 * or unreadable. Only the RFC's forms are read: Date.parse alone would take "1.5" or "12" for a year.
 */
export function retryAfterAt(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (DELAY_SECONDS.test(value)) return boundRetryAt(now + Number(value) * 1000, now);
  const form = HTTP_DATE.findIndex((pattern) => pattern.test(value));
  if (form < 0) return null;
  // asctime carries no zone and means GMT; Date.parse would read it in the machine's own zone.
  const at = Date.parse(form === 2 ? `${value} GMT` : value);
  return Number.isNaN(at) ? null : boundRetryAt(at, now);
}

/** The next 00:00 UTC after `now`: LinkedIn's daily limits reset then [LI-RL]. */
export function nextMidnightUtc(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}

/** The next local midnight in `timeZone` after `now`, as a UTC instant (YouTube quota resets at midnight Pacific). */
export function nextMidnightIn(timeZone: string, now: number): number {
  const { year, month, day } = wallClock(now, timeZone);
  return zonedInstant(timeZone, year, month, day + 1);
}

/**
 * What the HTTP status alone says, for answers a network classifier did not recognise:
 * 2xx ok, 429 rate-limited, 5xx unavailable (both honour Retry-After, R11), any other status unavailable:
 * an unknown 4xx is not an authoritative statement about the token, so it must not disconnect (R11).
 */
export function byStatus(status: number, headers: Headers, now: number, detail?: string): Outcome {
  const text = detail ?? `HTTP ${status}`;
  if (status >= 200 && status < 400) return ok;
  if (status === 429) return { kind: 'rate-limited', retryAt: retryAfterAt(headers, now), detail: text };
  if (status >= 500) return unavailable(text, retryAfterAt(headers, now));
  return unavailable(`${text} (not a verdict on the token)`);
}

/** The first string among a body's likely message fields, for details. */
export function describe(...candidates: Array<string | undefined>): string {
  return candidates.find((candidate) => candidate !== undefined && candidate !== '') ?? 'no message';
}

/** A JSON object (not an array), for cheap shape checks before a full zod parse. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An RFC 6749 §5.2 error answer: a JSON object whose `error` is a string naming what the server refused. */
export const hasOAuthError = (body: unknown): body is { error: string; error_description?: unknown } =>
  isRecord(body) && typeof body.error === 'string';

/**
 * What an RFC 6749 §5.2 error answer means, by the network's table: a listed error is the network's verdict
 * on the grant (R12); `client` names the app's own credentials, which no reconnect fixes; anything else is
 * read by its status (R11). Null when the answer is not an OAuth error.
 */
export function oauthError(
  issuer: string,
  table: Readonly<Record<string, AuthErrorReason | 'client'>>,
  status: number,
  headers: Headers,
  body: unknown,
  now: number,
): Outcome | null {
  if (status < 400 || !hasOAuthError(body)) return null;
  const said = typeof body.error_description === 'string' ? body.error_description : undefined;
  const detail = `${issuer} token endpoint: ${body.error} (${describe(said)})`;
  const meaning = table[body.error];
  if (meaning && meaning !== 'client') return authError(meaning, detail);
  return byStatus(status, headers, now, meaning ? `${detail}; check the client id/secret` : detail);
}

/**
 * Token endpoints (R11, R12): only an answer the network explains (an OAuth `error`, or the network's own
 * error format where it has one) is a verdict on the grant. A bare 401/403 problem body, an HTML page or an
 * empty body says nothing about the account: most often the app's own client credentials are wrong, which
 * no reconnect would fix. Such an answer leaves the status alone and the check retries with backoff.
 */
export function tokenEndpoint(
  label: string,
  classify: Classifier,
  explained: (status: number, body: unknown) => boolean,
): Classifier {
  return (status, headers, body, now) => {
    if (status < 400 || status === 429 || status >= 500 || explained(status, body)) {
      return classify(status, headers, body, now);
    }
    return unavailable(
      `${label} token endpoint: HTTP ${status} without an OAuth error, not understood; the app's client credentials (client id, and the team server's secret) are the likely cause. Status unchanged, retried later`,
    );
  };
}
