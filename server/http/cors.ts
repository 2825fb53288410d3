// CORS for the API: extension origins only (origins.ts). Hono's `cors` middleware adds `Vary` after the
// route has answered, which makes @hono/node-server turn its light response into a full WHATWG Response
// and copy the body: 800 KB per view of a 1,000-account team, and an object per 304 (issue #20, profiled).
// Here every header is set before the route runs, so it goes out with the response as built.
// https://fetch.spec.whatwg.org/#http-cors-protocol
import type { MiddlewareHandler } from 'hono';
import { isExtensionOrigin } from './origins.ts';

const ALLOW_METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH';
const ALLOW_HEADERS = 'Authorization,Content-Type,If-None-Match';
const EXPOSE_HEADERS = 'ETag';
const MAX_AGE = '600';

export const extensionCors: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('Origin');
  const allowed = origin !== undefined && isExtensionOrigin(origin);
  if (c.req.method === 'OPTIONS') {
    const headers = new Headers({ Vary: 'Origin, Access-Control-Request-Headers' });
    if (allowed) {
      headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
      headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
      headers.set('Access-Control-Max-Age', MAX_AGE);
    }
    return new Response(null, { status: 204, headers });
  }
  // The answer differs by Origin, so caches must key on it.
  c.header('Vary', 'Origin');
  if (allowed) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  }
  await next();
};
