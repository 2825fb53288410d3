// The Hono app: CORS for extension origins only, bearer-token authentication on every /api call but
// joining, the route table (validated by zod, described at /openapi.json), one error shape, request logs.
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type Authenticate, type Env, mount, openApi, type Registered } from './api.ts';
import type { ServerContext } from './context.ts';
import { extensionCors } from './cors.ts';
import { ApiError, errorResponse, forbidden } from './errors.ts';
import { adminRoutes } from './routes-admin.ts';
import { mailRoutes } from './routes-mail.ts';
import { meRoutes } from './routes-me.ts';
import { memberRoutes, whoAmI } from './routes-member.ts';
import { publicRoutes, RateLimit } from './routes-public.ts';

const clientOf = (c: unknown) => {
  try {
    return getConnInfo(c as Context).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
};

export function createApp(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const limiter = new RateLimit(10, 15 * 60_000);
  const routes: Registered[] = [
    ...publicRoutes(ctx, limiter, clientOf),
    ...memberRoutes(ctx),
    ...meRoutes(ctx),
    ...mailRoutes(ctx),
    ...adminRoutes(ctx),
    ...(ctx.simulation?.routes ?? []),
  ];

  app.use('*', async (c, next) => {
    if (!ctx.log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    await next();
    ctx.log.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  // Only extensions call the API from a browser; a web page's origin gets no CORS headers.
  app.use('/api/*', extensionCors);
  // Bodies are small JSON; a scenario file may be large. Anything bigger is refused before it is read whole.
  const tooLarge = (max: string) => () => {
    throw new ApiError(413, 'body-too-large', `The request body is larger than ${max}. Send a smaller one.`);
  };
  const scenarioLimit = bodyLimit({ maxSize: 64 * 1024 * 1024, onError: tooLarge('64 MB') });
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge('1 MB') });
  // A GET or HEAD has no body to limit; asking for one would make @hono/node-server build a full Request
  // (a fifth of a 304's time, profiled for issue #20).
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return (c.req.path === '/api/sim/run' ? scenarioLimit : jsonLimit)(c, next);
  });
  const signIn: Authenticate = async (c, need) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token)
      throw new ApiError(
        401,
        'unauthorized',
        'Sign in: send your member token as "Authorization: Bearer <token>" (join with an invite code to get one).',
      );
    const member = await ctx.members.authenticate(ctx.teams.db, token, Date.now());
    if (!member)
      throw new ApiError(
        401,
        'unauthorized',
        'This member token is not valid or was revoked. Join again with a new invite code.',
      );
    if (need === 'admin' && !(await whoAmI(ctx, member)).user.superAdmin)
      throw forbidden('Only super admins may do this. Ask one of them.');
    return member;
  };
  mount(app, routes, signIn);
  ctx.simulation?.pages?.(app);
  const doc = openApi(routes, { title: 'Social account health: team server', version: '1' });
  app.get('/openapi.json', (c) => c.json(doc));
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'not-found',
          message: `No route ${c.req.method} ${c.req.path}. The API is described at /openapi.json.`,
        },
      },
      404,
    ),
  );
  app.onError((error, c) => errorResponse(c, error, ctx.log));
  return app;
}
