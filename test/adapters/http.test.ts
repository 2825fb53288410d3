// The shared HTTP layer: timeouts, transient-only retries, zod-checked bodies, no throws, no leaked tokens.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byStatus, retryAfterAt } from '../../adapters/classify.ts';
import { BACKOFF_BASE_MS, redact, send } from '../../adapters/http.ts';
import { classifyX } from '../../adapters/x.ts';
import { context, headers, NOW, useServer } from './support.ts';

const URL_ = 'https://api.example.com/v1/thing';
const Thing = z.object({ id: z.string() });
const plain = (status: number, h: Headers, _body: unknown, now: number) => byStatus(status, h, now);
const server = useServer();

function counting(resolver: () => Response) {
  const calls = { count: 0 };
  server.use(
    http.all(URL_, () => {
      calls.count++;
      return resolver();
    }),
  );
  return calls;
}

describe('send: timeouts and offline', () => {
  it('R11: a request with no answer within ctx.timeoutMs is a network-error', async () => {
    const ctx = context({
      timeoutMs: 20,
      retries: 0,
      // Honours the abort signal, as fetch does.
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    const result = await send(ctx, { method: 'GET', url: URL_ }, Thing, plain);
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'network-error', detail: 'GET api.example.com/v1/thing: no answer within 20 ms' },
    });
  });

  it('R11: a fetch that ignores the abort signal still times out', async () => {
    const ctx = context({ timeoutMs: 20, retries: 0, fetch: () => new Promise<Response>(() => undefined) });
    const result = await send(ctx, { method: 'GET', url: URL_ }, Thing, plain);
    expect(result.ok === false && result.failure.kind).toBe('network-error');
  });

  it('R11: timeouts are retried ctx.retries times with exponential backoff', async () => {
    let calls = 0;
    const ctx = context({
      timeoutMs: 10,
      retries: 2,
      fetch: () => {
        calls++;
        return new Promise<Response>(() => undefined);
      },
    });
    await send(ctx, { method: 'GET', url: URL_ }, Thing, plain);
    expect(calls).toBe(3);
    expect(ctx.sleeps).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS]);
  });

  it('R11: offline (fetch TypeError) is a network-error, retried, never thrown', async () => {
    const calls = counting(() => HttpResponse.error());
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
    expect(result.ok === false && result.failure.kind).toBe('network-error');
    expect(result.ok === false && result.failure.detail).toContain('offline or unreachable');
    expect(calls.count).toBe(3);
  });

  it('R11: a fetch that throws synchronously is a network-error, not an exception', async () => {
    const ctx = context({
      retries: 0,
      fetch: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const result = await send(ctx, { method: 'GET', url: URL_ }, Thing, plain);
    expect(result.ok === false && result.failure.kind).toBe('network-error');
  });
});

describe('send: retries only transient failures', () => {
  it('R11: a 503 is retried, then unavailable with the Retry-After hint', async () => {
    const calls = counting(() => new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '30' } }));
    const ctx = context();
    const result = await send(ctx, { method: 'GET', url: URL_ }, Thing, plain);
    expect(calls.count).toBe(3);
    expect(ctx.sleeps).toEqual([500, 1000]);
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: 'unavailable',
        retryAt: NOW + 30_000,
        detail: 'GET api.example.com/v1/thing: HTTP 503',
      },
    });
  });

  it('R11: a 503 followed by a 200 succeeds', async () => {
    let n = 0;
    server.use(
      http.get(URL_, () =>
        n++ === 0 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id: 'a' }),
      ),
    );
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
    expect(result.ok && result.value.body).toEqual({ id: 'a' });
  });

  it('R2: an auth error (401) is not retried', async () => {
    const calls = counting(() =>
      HttpResponse.json({ title: 'Unauthorized', type: 'about:blank', status: 401 }, { status: 401 }),
    );
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, classifyX);
    expect(calls.count).toBe(1);
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R11: a 429 is not retried: rate-limited with the retry instant', async () => {
    const reset = String(Math.floor(NOW / 1000) + 60);
    const calls = counting(() =>
      HttpResponse.json(
        { title: 'Too Many Requests', status: 429 },
        { status: 429, headers: { 'x-rate-limit-reset': reset } },
      ),
    );
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, classifyX);
    expect(calls.count).toBe(1);
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'rate-limited',
      retryAt: NOW + 60_000,
    });
  });

  it('R11: other 4xx are not retried', async () => {
    const calls = counting(() => new HttpResponse(null, { status: 404 }));
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
    expect(calls.count).toBe(1);
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
  });

  it('R11: a non-idempotent request (retry: false) is sent once even on a 503', async () => {
    const calls = counting(() => new HttpResponse(null, { status: 503 }));
    await send(context(), { method: 'POST', url: URL_, json: {}, retry: false }, Thing, plain);
    expect(calls.count).toBe(1);
  });
});

describe('send: bodies are zod-checked and never throw', () => {
  it('R11: a 200 with a non-JSON body is unavailable with a detail', async () => {
    counting(
      () => new HttpResponse('<html>oops</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: 'unavailable',
        retryAt: null,
        detail: 'GET api.example.com/v1/thing: HTTP 200 body is not JSON',
      },
    });
  });

  it('R11: a 200 JSON body of the wrong shape is unavailable, naming the field', async () => {
    counting(() => HttpResponse.json({ id: 42 }));
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
    expect(result.ok === false && result.failure.detail).toMatch(/unexpected response \(id: /);
  });

  it('R11: the wrong-shape detail is in English without a configured zod locale (the extension bundles none)', async () => {
    // Classic zod, which this file imports, configures English globally; zod/mini, all the extension has,
    // does not: without a locale the detail a user reads would say only "Invalid input".
    const before = z.config().localeError;
    z.config({ localeError: undefined });
    try {
      counting(() => HttpResponse.json({ id: 42 }));
      const result = await send(context(), { method: 'GET', url: URL_ }, Thing, plain);
      expect(result.ok === false && result.failure.detail).toBe(
        'GET api.example.com/v1/thing: unexpected response (id: Invalid input: expected string, received number)',
      );
    } finally {
      z.config({ localeError: before });
    }
  });

  it('R11: an error status with an HTML body is classified (unavailable), not thrown', async () => {
    counting(() => new HttpResponse('<html>Bad Gateway</html>', { status: 502 }));
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, classifyX);
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
  });

  it('a bodyless request accepts an empty 201 and exposes the headers', async () => {
    counting(() => new HttpResponse(null, { status: 201, headers: { 'x-restli-id': 'urn:li:share:1' } }));
    const result = await send(
      context(),
      { method: 'POST', url: URL_, json: {}, bodyless: true },
      z.unknown(),
      plain,
    );
    expect(result.ok && result.value.headers.get('x-restli-id')).toBe('urn:li:share:1');
  });

  it('a classifier that throws becomes unavailable', async () => {
    counting(() => HttpResponse.json({ id: 'a' }));
    const result = await send(context(), { method: 'GET', url: URL_ }, Thing, () => {
      throw new Error('bug');
    });
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
  });

  it('query, form and bearer are sent as given', async () => {
    server.use(
      http.post(URL_, async ({ request }) => {
        const url = new URL(request.url);
        const form = new URLSearchParams(await request.text());
        const okay =
          url.searchParams.get('a') === '1' &&
          form.get('b') === '2' &&
          request.headers.get('authorization') === 'Bearer tok-1' &&
          request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded');
        return okay ? HttpResponse.json({ id: 'sent' }) : new HttpResponse(null, { status: 400 });
      }),
    );
    const result = await send(
      context(),
      { method: 'POST', url: URL_, query: { a: '1' }, form: { b: '2' }, bearer: 'tok-1' },
      Thing,
      plain,
    );
    expect(result.ok && result.value.body.id).toBe('sent');
  });
});

describe('send: tokens never reach a detail', () => {
  const SECRET = 'EAAB-super-secret-token-value';

  it('a body echoing the token in its message is redacted', async () => {
    counting(() =>
      HttpResponse.json(
        { error: { message: `Bad token ${SECRET}`, code: 999, type: 'OAuthException' } },
        { status: 400 },
      ),
    );
    const { classifyFacebook } = await import('../../adapters/facebook.ts');
    const result = await send(
      context(),
      { method: 'GET', url: URL_, query: { access_token: SECRET, input_token: SECRET } },
      Thing,
      classifyFacebook,
    );
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.ok === false && result.failure.detail).toContain('[redacted]');
  });

  it('a network error whose message carries the URL and Authorization header is redacted', async () => {
    const ctx = context({
      retries: 0,
      fetch: (input) =>
        Promise.reject(new TypeError(`fetch failed: ${String(input)} Authorization: Bearer ${SECRET}`)),
    });
    const result = await send(
      ctx,
      { method: 'GET', url: URL_, query: { access_token: SECRET, code: 'auth-code-123' }, bearer: SECRET },
      Thing,
      plain,
    );
    const text = JSON.stringify(result);
    expect(result.ok === false && result.failure.kind).toBe('network-error');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('auth-code-123');
  });

  it('details name method, host and path, never the query string', async () => {
    counting(() => new HttpResponse(null, { status: 500 }));
    const result = await send(
      context(),
      { method: 'GET', url: URL_, query: { refresh_token: 'rt-zz' } },
      Thing,
      plain,
    );
    expect(result.ok === false && result.failure.detail).toBe('GET api.example.com/v1/thing: HTTP 500');
  });

  it('redact() strips credential parameters, Authorization values and known secrets', () => {
    expect(redact('x?access_token=abc123&refresh_token=r1&code=c9&keep=1')).toBe(
      'x?access_token=[redacted]&refresh_token=[redacted]&code=[redacted]&keep=1',
    );
    expect(redact('{"token":"abcd1234"}')).toBe('{"token":"[redacted]"}');
    expect(redact('Authorization: Bearer a.b.c and Basic Y2xpZW50OnNlY3JldA==')).toBe(
      'Authorization: Bearer [redacted] and Basic [redacted]',
    );
    expect(redact('the app token is 123|s3cret-value', ['s3cret-value'])).toBe(
      'the app token is 123|[redacted]',
    );
    expect(redact('Authorization: OAuth oauth_consumer_key="ck-1", oauth_signature="sig-2"')).toBe(
      'Authorization: OAuth [redacted]',
    );
  });

  it("redact() keeps prose that merely names OAuth: the token endpoint's 'without an OAuth error' stays readable", () => {
    const detail = 'X token endpoint: HTTP 401 without an OAuth error, not understood';
    expect(redact(detail)).toBe(detail);
  });
});

describe('retryAfterAt', () => {
  it('R11: reads seconds and HTTP dates; null when absent or unreadable', () => {
    expect(retryAfterAt(headers({ 'Retry-After': '120' }), NOW)).toBe(NOW + 120_000);
    expect(retryAfterAt(headers({ 'Retry-After': new Date(NOW + 90_000).toUTCString() }), NOW)).toBe(
      NOW + 90_000,
    );
    expect(retryAfterAt(headers({ 'Retry-After': 'soon' }), NOW)).toBeNull();
    expect(retryAfterAt(headers(), NOW)).toBeNull();
  });
});
