// A member's API: their view (with an ETag), one account, actions through the Engine (rule refusals come
// back as data), consent URLs, their notifications after a cursor, the team's event log, the settings.
// Routes translate; core and the Engine decide.
import { z } from 'zod';
import { DEFAULT_LIMIT, DigestFrequency, digest, level, type State, type User } from '../../core/index.ts';
import { randomSecret } from '../crypto.ts';
import { createConsent } from '../oauth.ts';
import { eventPage, notificationsAfter } from '../store/steps.ts';
import { ViewCache } from '../view-cache.ts';
import { AccountView, accountView, MemberView } from '../views.ts';
import { ConsentBody, MemberAction, Rejected, toCoreEvent } from './actions.ts';
import { type Registered, route } from './api.ts';
import type { ServerContext } from './context.ts';
import { ApiError, notFound } from './errors.ts';

const ActionResult = z
  .object({ at: z.string(), rejected: Rejected.nullable(), account: AccountView.nullable() })
  .meta({ id: 'ActionResult' });

const Page = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The member's user record; a member removed from the State can no longer act. */
export async function whoAmI(
  ctx: ServerContext,
  member: { teamId: string; user: string; teamVersion?: number },
) {
  const team = await ctx.teams.read(member.teamId, undefined, member.teamVersion);
  const user = team.state.users[member.user];
  if (!user)
    throw new ApiError(
      401,
      'unauthorized',
      'Your membership no longer exists. Ask a super admin for a new invite.',
    );
  return { team, user };
}

/** The account if this member may see it (S3); otherwise the same 404 as an account of another team. */
function visible(state: State, user: User, id: string) {
  const account = state.accounts.get(id);
  if (!account) throw notFound(`Account "${id}"`);
  if (level(user, account) === 'hidden') throw notFound(`Account "${id}"`);
  return account;
}

export function memberRoutes(ctx: ServerContext): Registered[] {
  const views = new ViewCache();
  return [
    route(
      {
        method: 'get',
        path: '/api/view',
        summary: "The member's view: accounts, counts, server time (ETag)",
        auth: 'member',
        response: MemberView,
      },
      async (c, { member }) => {
        const { team, user } = await whoAmI(ctx, member);
        // Built again only when something it shows changed (server/view-cache.ts).
        const view = views.of(team, user, ctx.teams.now());
        c.header('ETag', view.etag);
        c.header('Cache-Control', 'no-cache');
        if (c.req.header('If-None-Match') === view.etag) return c.body(null, 304);
        const parts = view.parts();
        const stream = new ReadableStream<Uint8Array>({
          start(out) {
            for (const part of parts) out.enqueue(part);
            out.close();
          },
        });
        return c.body(stream, 200, {
          'Content-Type': 'application/json',
          'Content-Length': String(parts[0].length + parts[1].length),
        });
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/accounts/:id',
        summary: 'One account as the member sees it',
        auth: 'member',
        response: AccountView,
      },
      async (c, { member }) => {
        const { team, user } = await whoAmI(ctx, member);
        const account = visible(team.state, user, c.req.param('id')!);
        return c.json(accountView(team.state, account, user, ctx.teams.now()));
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/actions',
        summary: 'An action (R3, R10, S1-S8, publish, check); refusals are data',
        auth: 'member',
        body: MemberAction,
        response: ActionResult,
      },
      async (c, { body, member }) => {
        const { team, user } = await whoAmI(ctx, member);
        const action = body as z.infer<typeof MemberAction> & { type: string; account?: string };
        if (action.account !== undefined) visible(team.state, user, action.account);
        const { value: step, state } = await ctx.teams.step(member.teamId, ({ engine, now }) =>
          action.type === 'check'
            ? engine.check(action.account ?? null, now, 'user')
            : engine.act(toCoreEvent(action as never, member.user), now),
        );
        const account = action.account ? state.accounts.get(action.account) : undefined;
        return c.json({
          at: new Date(step.at).toISOString(),
          rejected: step.rejected,
          account: account
            ? accountView(state, account, state.users[member.user] ?? user, ctx.teams.now())
            : null,
        });
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/consent',
        summary:
          'A consent URL for connect, reconnect or refresh-connection (R7, R8; single-use state, 10 minutes)',
        auth: 'member',
        body: ConsentBody,
        response: z.object({
          url: z.string().nullable(),
          expiresAt: z.string().nullable(),
          rejected: Rejected.nullable(),
        }),
      },
      async (c, { body, member }) => {
        const { team, user } = await whoAmI(ctx, member);
        const req = body;
        let network = req.action === 'connect' ? req.network : null;
        const account =
          req.action === 'connect' ? (req.account ?? `${req.network}-${randomSecret(6)}`) : req.account;
        if (req.action !== 'connect') network = visible(team.state, user, account).network;
        if (ctx.network.configured && !ctx.network.configured(network!))
          throw new ApiError(
            409,
            'network-not-configured',
            `This server has no ${network} app registered. Ask the administrator to set ${network!.toUpperCase()}_CLIENT_ID and ${network!.toUpperCase()}_CLIENT_SECRET (README, "Registering each network's app").`,
          );
        const answer = await createConsent(ctx, member, {
          action: req.action,
          account,
          network: network!,
          ...(req.postVisibility ? { postVisibility: req.postVisibility } : {}),
        });
        if (answer.ok)
          return c.json({
            url: answer.url,
            expiresAt: new Date(answer.expiresAt).toISOString(),
            rejected: null,
          });
        if ('rejected' in answer) return c.json({ url: null, expiresAt: null, rejected: answer.rejected });
        throw new ApiError(
          409,
          'no-redirect-url',
          "Register your extension's redirect URL first (PUT /api/me/redirect with identity.getRedirectURL()), so the server can send you back after consent.",
        );
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/notifications',
        summary: "The member's notifications (R6 reminders and alerts) after a cursor",
        auth: 'member',
        query: Page.extend({ after: z.coerce.number().int().min(0).default(0) }),
        response: z.object({
          notifications: z.array(
            z.object({
              id: z.number(),
              at: z.string(),
              kind: z.string(),
              account: z.string(),
              recipients: z.array(z.string()),
            }),
          ),
          cursor: z.number(),
        }),
      },
      async (c, { query, member }) => {
        const rows = await notificationsAfter(ctx.teams.db, member.teamId, member.user, query);
        return c.json({
          notifications: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
          cursor: rows.at(-1)?.id ?? query.after,
        });
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/events',
        summary: "The team's event log, newest first, paged with `before`",
        auth: 'member',
        query: Page.extend({ before: z.coerce.number().int().min(1).optional() }),
        response: z.object({
          events: z.array(z.record(z.string(), z.unknown())),
          next: z.number().nullable(),
        }),
      },
      async (c, { query, member }) => {
        const rows = await eventPage(ctx.teams.db, member.teamId, query);
        return c.json({
          events: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
          next: rows.length === query.limit ? rows.at(-1)!.id : null,
        });
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/settings',
        summary: 'Team settings S1-S8 and your own S7 digest',
        auth: 'member',
        response: z.object({
          plan: z.string(),
          brandsAddon: z.boolean(),
          teams: z.array(z.string()),
          brands: z.array(z.string()),
          blogs: z.array(z.string()),
          defaults: z.object({ count: z.number(), limit: z.number() }),
          digest: z.object({
            frequency: DigestFrequency,
            monthlyReport: z.boolean(),
            accounts: z.array(z.string()),
          }),
        }),
      },
      async (c, { member }) => {
        const { team, user } = await whoAmI(ctx, member);
        const s = team.state;
        const mine = digest(s).find((d) => d.user === user.id)!;
        return c.json({
          ...s.settings,
          defaults: {
            count: s.accounts.list().filter((a) => a.isDefault).length,
            limit: DEFAULT_LIMIT[s.settings.plan],
          },
          digest: { frequency: mine.frequency, monthlyReport: mine.monthlyReport, accounts: mine.accounts },
        });
      },
    ),
  ];
}
