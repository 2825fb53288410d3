// The one HTTP path every adapter takes: a per-request timeout, bounded retries for transient failures only,
// classification by the network's classifier, a zod check of every success body, and token redaction.
// `send` never throws: every way a call can go wrong ends as a classified Failure (R11).
import { en } from 'zod/locales';
import { z } from 'zod/mini';
import { boundOutcome, type Classifier, unavailable } from './classify.ts';
import type { AdapterContext, Failure, Result } from './types.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 2;
/** First wait between attempts; it doubles each retry (500 ms, 1 s, 2 s, ...). */
export const BACKOFF_BASE_MS = 500;

/**
 * zod/mini configures no message locale (issues would read "Invalid input"); the unexpected-response detail
 * reaches the user (connection log, flow errors), so it is worded in English as classic zod words it.
 */
const ENGLISH = en().localeError;

/** Parameters whose values are credentials: never echoed in a detail. */
const SECRET_PARAMS = [
  'access_token',
  'input_token',
  'token',
  'refresh_token',
  'code',
  'code_verifier',
  'client_secret',
  'fb_exchange_token',
];
const SECRET_PARAM_PATTERN = new RegExp(`\\b(${SECRET_PARAMS.join('|')})(=|"\\s*:\\s*")[^&\\s"]+`, 'gi');
const AUTH_HEADER_PATTERN = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=|-]+/g;
/**
 * An OAuth 1.0 Authorization value: `OAuth realm="…", oauth_consumer_key="…", …` (RFC 5849 §3.5.1), to the end of
 * the line. Only that form: prose such as "without an OAuth error" (classify.ts `tokenEndpoint`) must survive.
 */
const OAUTH1_HEADER_PATTERN = /\bOAuth\s+(?:realm|oauth_)[^\n]*/g;
const REDACTED = '[redacted]';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (YouTube's multipart upload). */
  body?: Blob;
  /** Bearer token for the Authorization header. */
  bearer?: string;
  /**
   * false for calls that must not be repeated: after a 5xx or a timeout a publish may already have
   * happened, and a retry would post twice. The core retries the post later instead (R11).
   */
  retry?: boolean;
  /** A 2xx without a JSON body is fine (LinkedIn's 201 on /rest/posts, revoke endpoints): the schema gets null. */
  bodyless?: boolean;
  /** Overrides ctx.timeoutMs when larger (video uploads). */
  minTimeoutMs?: number;
}

export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

type Attempt = { status: number; headers: Headers; text: string } | { failure: Failure };

/** Waits between attempts: `ctx.sleep` (a no-op in tests and the simulator) or a real timer. */
export const pause = (ctx: AdapterContext, ms: number): Promise<void> =>
  ctx.sleep ? ctx.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));

export function failure<T>(outcome: Failure): Result<T> {
  return { ok: false, failure: outcome };
}

/** Replaces every secret value and every credential-looking fragment in a text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join(REDACTED);
  }
  return clean
    .replace(SECRET_PARAM_PATTERN, `$1$2${REDACTED}`)
    .replace(AUTH_HEADER_PATTERN, `$1 ${REDACTED}`)
    .replace(OAUTH1_HEADER_PATTERN, `OAuth ${REDACTED}`);
}

function secretsOf(ctx: AdapterContext, req: HttpRequest): string[] {
  const secrets: string[] = [];
  for (const params of [req.query, req.form]) {
    for (const [name, value] of Object.entries(params ?? {})) {
      if (value && SECRET_PARAMS.includes(name)) secrets.push(value, encodeURIComponent(value));
    }
  }
  for (const value of [
    req.bearer,
    req.headers?.Authorization?.replace(/^\w+\s+/, ''),
    ctx.config.clientSecret,
  ]) {
    if (value) secrets.push(value);
  }
  return secrets;
}

function buildUrl(req: HttpRequest): URL {
  const url = new URL(req.url);
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

function buildInit(req: HttpRequest): RequestInit {
  const headers = new Headers(req.headers);
  if (req.bearer) headers.set('Authorization', `Bearer ${req.bearer}`);
  let body: BodyInit | undefined;
  if (req.form) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(req.form)) if (value !== undefined) form.set(name, value);
    body = form;
  } else if (req.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(req.json);
  } else if (req.body) {
    body = req.body;
  }
  return { method: req.method, headers, body };
}

/** `METHOD host/path`, for details: never the query (it may carry a token). */
const whereOf = (req: HttpRequest, url: URL) => `${req.method} ${url.host}${url.pathname}`;

/**
 * One fetch, bounded by the timeout; the body is read inside the bound too (a stalled body is a timeout).
 * Whichever comes first settles the attempt: the answer (the timer is cleared) or the timer (the fetch is
 * aborted and its late outcome ignored). One promise and one timer per request, no race between two, and
 * the failure details are worded only when there is a failure.
 */
function attempt(
  ctx: AdapterContext,
  req: HttpRequest,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timedOut = (): Attempt => ({
    failure: { kind: 'network-error', detail: `${whereOf(req, url)}: no answer within ${timeoutMs} ms` },
  });
  return new Promise<Attempt>((resolve) => {
    const timer = setTimeout(() => {
      controller.abort();
      resolve(timedOut());
    }, timeoutMs);
    const settle = (outcome: Attempt) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    exchange(ctx, url, { ...init, signal: controller.signal }).then(settle, (error: unknown) => {
      if (controller.signal.aborted) return settle(timedOut());
      // fetch rejects with a TypeError when offline, on DNS failure or a refused connection.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      const detail = `${whereOf(req, url)}: offline or unreachable (${reason})`;
      settle({ failure: { kind: 'network-error', detail } });
    });
  });
}

async function exchange(ctx: AdapterContext, url: URL, init: RequestInit): Promise<Attempt> {
  const response = await ctx.fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

type Parsed = { json: true; value: unknown } | { json: false };

function parseBody(text: string): Parsed {
  if (text.trim() === '') return { json: true, value: null };
  try {
    return { json: true, value: JSON.parse(text) };
  } catch {
    return { json: false };
  }
}

/**
 * The network's answer, classified; never throws, and every retry instant is bounded where it enters
 * (boundOutcome: at most a day ahead, issue #13), whichever classifier produced it.
 */
function classifySafely(classify: Classifier, status: number, headers: Headers, body: unknown, now: number) {
  try {
    return boundOutcome(classify(status, headers, body, now), now);
  } catch {
    return unavailable(`HTTP ${status}: unreadable answer`);
  }
}

function interpret<S extends z.core.$ZodType>(
  answer: { status: number; headers: Headers; text: string },
  req: HttpRequest,
  schema: S,
  classify: Classifier,
  now: number,
  url: URL,
): Result<HttpAnswer<z.output<S>>> {
  const parsed = parseBody(answer.text);
  const outcome = classifySafely(
    classify,
    answer.status,
    answer.headers,
    parsed.json ? parsed.value : undefined,
    now,
  );
  if (outcome.kind !== 'ok')
    return failure({ ...outcome, detail: `${whereOf(req, url)}: ${outcome.detail ?? answer.status}` });
  if (!parsed.json && !req.bodyless) {
    return failure(unavailable(`${whereOf(req, url)}: HTTP ${answer.status} body is not JSON`));
  }
  const checked = z.safeParse(schema, parsed.json ? parsed.value : null, { error: ENGLISH });
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return failure(unavailable(`${whereOf(req, url)}: unexpected response (${issues})`));
  }
  return { ok: true, value: { status: answer.status, headers: answer.headers, body: checked.data } };
}

/** Transient = offline, timed out, or a 5xx. 4xx (auth errors included) and 429 are answers, not retried. */
function isTransient(result: Result<unknown>, status: number | null): boolean {
  if (result.ok) return false;
  const { kind } = result.failure;
  return kind === 'network-error' || (kind === 'unavailable' && status !== null && status >= 500);
}

/**
 * Sends one request and returns the zod-checked body, or a classified Failure. Retries transient failures
 * with exponential backoff (ctx.retries, ctx.sleep). Details name method, host and path, never the query,
 * and pass through `redact`, so no token reaches a log or the UI.
 */
export async function send<S extends z.core.$ZodType>(
  ctx: AdapterContext,
  req: HttpRequest,
  schema: S,
  classify: Classifier,
): Promise<Result<HttpAnswer<z.output<S>>>> {
  try {
    const url = buildUrl(req);
    const init = buildInit(req);
    const timeoutMs = Math.max(ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS, req.minTimeoutMs ?? 0);
    const attempts = req.retry === false ? 1 : 1 + Math.max(0, ctx.retries ?? DEFAULT_RETRIES);
    let result: Result<HttpAnswer<z.output<S>>> | null = null;
    for (let index = 0; index < attempts; index++) {
      if (index > 0) await pause(ctx, BACKOFF_BASE_MS * 2 ** (index - 1));
      const answer = await attempt(ctx, req, url, init, timeoutMs);
      result =
        'failure' in answer
          ? failure(answer.failure)
          : interpret(answer, req, schema, classify, ctx.now(), url);
      if (!isTransient(result, 'failure' in answer ? null : answer.status)) break;
    }
    result ??= failure({ kind: 'network-error', detail: `${whereOf(req, url)}: not sent` });
    return result.ok
      ? result
      : failure({ ...result.failure, detail: redact(result.failure.detail ?? '', secretsOf(ctx, req)) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    return failure({
      kind: 'network-error',
      detail: redact(`request not sent: ${reason}`, secretsOf(ctx, req)),
    });
  }
}
