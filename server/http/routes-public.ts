// What needs no member token: health, the OpenAPI document, joining with an invite code (rate-limited),
// and the OAuth callback the networks redirect to (its `state` is the credential).
import { z } from 'zod';
import { Contact } from '../contact.ts';
import { join } from '../members.ts';
import { handleCallback } from '../oauth.ts';
import { type Registered, route } from './api.ts';
import type { ServerContext } from './context.ts';
import { ApiError } from './errors.ts';
import { isExtensionRedirect } from './origins.ts';
import { consentPage } from './routes-mail.ts';

export const JoinBody = Contact.extend({
  code: z.string().min(10).max(200),
  name: z.string().min(1).max(200).optional(),
  /** Where this device's token is used, shown in the token list ("Chrome at work"). */
  label: z.string().min(1).max(100).optional(),
  redirectUrl: z
    .string()
    .refine(isExtensionRedirect, {
      error: 'expected an extension redirect URL (identity.getRedirectURL())',
    })
    .optional(),
}).meta({ id: 'JoinRequest' });

/** A fixed window per client address: joining guesses codes, so it is slowed down (issue #15). */
export class RateLimit {
  private readonly hits = new Map<string, { start: number; count: number }>();
  private readonly max: number;
  private readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Seconds to wait, or 0 when the call may go ahead. */
  take(key: string, now: number): number {
    const h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { start: now, count: 1 });
      return 0;
    }
    h.count++;
    return h.count > this.max ? Math.ceil((h.start + this.windowMs - now) / 1000) : 0;
  }
}

export function publicRoutes(
  ctx: ServerContext,
  limiter: RateLimit,
  clientOf: (c: unknown) => string,
): Registered[] {
  return [
    route(
      {
        method: 'get',
        path: '/healthz',
        summary: 'The process is up',
        auth: 'none',
        response: z.object({ ok: z.boolean() }),
      },
      (c) => c.json({ ok: true }),
    ),
    route(
      {
        method: 'get',
        path: '/readyz',
        summary: 'The database answers and its migrations are current; details say whether email is on',
        auth: 'none',
        response: z.object({
          ready: z.boolean(),
          details: z.object({ email: z.object({ enabled: z.boolean(), message: z.string() }) }),
        }),
      },
      async (c) => {
        const ready = await ctx.ready().catch(() => false);
        // Email off does not make the server unready (issue #17): it says so and works otherwise. On, only
        // that it is: where mail goes is for the start-up log, not for anyone who can reach this address.
        const { enabled, message } = ctx.mail.status;
        const email = enabled ? { enabled, message: 'Email is on.' } : { enabled, message };
        return c.json({ ready, details: { email } }, ready ? 200 : 503);
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/join',
        summary: 'Join a team with an invite code; answers the member token (shown once)',
        auth: 'none',
        body: JoinBody,
        status: 201,
        response: z.object({ token: z.string(), tokenId: z.string(), team: z.string(), user: z.string() }),
      },
      async (c, { body }) => {
        const wait = limiter.take(clientOf(c), Date.now());
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw new ApiError(
            429,
            'rate-limited',
            `Too many join attempts from this address. Try again in ${wait} seconds.`,
          );
        }
        const joined = await join(ctx.teams, body);
        return c.json(
          { token: joined.token, tokenId: joined.tokenId, team: joined.teamId, user: joined.user },
          201,
        );
      },
    ),
    route(
      {
        method: 'get',
        path: '/oauth/callback',
        summary: "The networks' OAuth redirect: checks state, exchanges the code, redirects to the extension",
        auth: 'none',
        response: null,
        raw: 'A redirect to the member’s extension with result=ok, or result=error and a reason',
      },
      async (c) => {
        const answer = await handleCallback(ctx, new URL(c.req.url).searchParams);
        if (answer.kind === 'redirect') return c.redirect(answer.location, 302);
        if (answer.kind === 'page') return consentPage(ctx, c, answer);
        throw new ApiError(400, answer.code, answer.message);
      },
    ),
  ];
}
