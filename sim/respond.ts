// The `respond` event's answer (scenario.md "Network-side events"): only what a fetch Response can carry, so
// a canned answer reaches the adapters as written instead of failing inside the mock as a network error.
import { z } from 'zod';

/**
 * A final answer a fetch Response can carry: 1xx are interim (and `new Response` refuses them), so a canned
 * 1xx would silently turn into a network error instead of the answer the file asked for.
 */
export const HttpStatus = z
  .number()
  .int()
  .min(200, { error: 'expected an HTTP status from 200 to 599; 1xx are not final answers' })
  .max(599, { error: 'expected an HTTP status from 200 to 599' });

/** RFC 9110 §5.1 field names (tokens); values as fetch's Headers takes them (§5.5: no CR, LF or NUL; bytes). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\0\r\n\u0100-\uffff]*$/;

export const HttpHeaders = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [name], message, input: value });
    if (!HEADER_NAME.test(name)) {
      issue("not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
    } else if (seen.has(name.toLowerCase())) {
      issue(`the same header as "${seen.get(name.toLowerCase())}" (header names ignore case); keep one`);
    }
    seen.set(name.toLowerCase(), name);
    if (!HEADER_VALUE.test(value)) {
      issue('not a valid HTTP header value (no line breaks, NUL or characters beyond U+00FF)');
    }
  }
});

/**
 * A 3xx answer with a Location: fetch follows a redirect to wherever it points, off the mock networks'
 * endpoints, so the adapters would never see the answer the file wrote (and the mocks could not serve it).
 */
export function noRedirect(
  e: { status: number; headers?: Record<string, string> | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (e.status < 300 || e.status > 399) return;
  for (const name of Object.keys(e.headers ?? {})) {
    if (name.toLowerCase() !== 'location') continue;
    ctx.addIssue({
      code: 'custom',
      path: ['headers', name],
      message: `a ${e.status} answer with a Location is a redirect fetch would follow off the mock networks; replay the answer at its end instead`,
      input: e.headers?.[name],
    });
  }
}
