// The baseline of the view API's latency (bench/server.ts): the same bytes, headers and ETag as a static
// response from the same HTTP stack (Hono on @hono/node-server, the server's keep-alive settings, the
// server's CORS headers for the extension's Origin), with the same If-None-Match → 304. Run as its own
// process, as the server is: `node bench/static-server.ts FILE ETAG`.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { extensionCors } from '../server/http/cors.ts';

const [file, etag] = process.argv.slice(2);
const body = readFileSync(file!);
const app = new Hono();
app.use('/static', extensionCors);
app.get('/static', (c) => {
  c.header('ETag', etag!);
  c.header('Cache-Control', 'no-cache');
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json' });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
server.once('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
