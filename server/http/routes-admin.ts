// Super admins: members and their tokens, invites, revocation, and a sweep of checks on demand.
// A member may list and revoke their own tokens too.
import { z } from 'zod';
import { Permission } from '../../core/index.ts';
import { createInvite, listInvites, listTokens, revokeToken } from '../members.ts';
import { type Registered, route } from './api.ts';
import type { ServerContext } from './context.ts';
import { notFound } from './errors.ts';
import { whoAmI } from './routes-member.ts';

const Token = z.object({
  id: z.string(),
  user: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const tokenJson = (t: Awaited<ReturnType<typeof listTokens>>[number]) => ({
  ...t,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

export const InviteBody = z
  .strictObject({
    /** An existing user of the team to sign in as, or the id of the new user (made up when absent). */
    user: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, { error: 'letters, digits, dot, dash or underscore' })
      .optional(),
    name: z.string().min(1).max(200).optional(),
    permission: Permission,
    superAdmin: z.boolean().default(false),
    teams: z.array(z.string().min(1)).default([]),
  })
  .meta({ id: 'InviteRequest' });

export function adminRoutes(ctx: ServerContext): Registered[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/members',
        summary: 'The team: users, their permissions and tokens (super admins)',
        auth: 'admin',
        response: z.object({
          members: z.array(
            z.object({
              id: z.string(),
              name: z.string().nullable(),
              superAdmin: z.boolean(),
              permission: z.string(),
              teams: z.array(z.string()),
            }),
          ),
          tokens: z.array(Token),
        }),
      },
      async (c, { member }) => {
        const { team } = await whoAmI(ctx, member);
        const members = Object.values(team.state.users).map((u) => ({
          id: u.id,
          name: u.name ?? null,
          superAdmin: u.superAdmin,
          permission: u.permission,
          teams: u.teams,
        }));
        return c.json({ members, tokens: (await listTokens(ctx.teams.db, member.teamId)).map(tokenJson) });
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/invites',
        summary: 'Invite a member: single-use code, 7 days (super admins)',
        auth: 'admin',
        body: InviteBody,
        status: 201,
        response: z.object({ id: z.string(), code: z.string(), user: z.string(), expiresAt: z.string() }),
      },
      async (c, { body, member }) => {
        const invite = await createInvite(
          ctx.teams.db,
          {
            teamId: member.teamId,
            user: body.user,
            name: body.name,
            permission: body.permission,
            superAdmin: body.superAdmin,
            groups: body.teams,
            createdBy: member.user,
          },
          ctx.teams.now(),
        );
        return c.json({ ...invite, expiresAt: new Date(invite.expiresAt).toISOString() }, 201);
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/invites',
        summary: 'Invites of the team, used or not (codes are never shown again)',
        auth: 'admin',
        response: z.object({ invites: z.array(z.record(z.string(), z.unknown())) }),
      },
      async (c, { member }) => {
        const invites = (await listInvites(ctx.teams.db, member.teamId)).map((i) => ({
          ...i,
          createdAt: new Date(i.createdAt).toISOString(),
          expiresAt: new Date(i.expiresAt).toISOString(),
          usedAt: isoOrNull(i.usedAt),
        }));
        return c.json({ invites });
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/tokens',
        summary: 'Your member tokens, with their last use',
        auth: 'member',
        response: z.object({ tokens: z.array(Token) }),
      },
      async (c, { member }) =>
        c.json({ tokens: (await listTokens(ctx.teams.db, member.teamId, member.user)).map(tokenJson) }),
    ),
    route(
      {
        method: 'delete',
        path: '/api/tokens/:id',
        summary: 'Revoke a member token (your own, or any in the team for super admins)',
        auth: 'member',
        status: 204,
        response: null,
      },
      async (c, { member }) => {
        const { user } = await whoAmI(ctx, member);
        const id = c.req.param('id')!;
        const own = (await listTokens(ctx.teams.db, member.teamId, member.user)).some((t) => t.id === id);
        if (!own && !user.superAdmin) throw notFound(`Token "${id}"`);
        if (!(await revokeToken(ctx.teams.db, member.teamId, id, ctx.teams.now())))
          throw notFound(`Token "${id}"`);
        ctx.members.revoked(id);
        return c.body(null, 204);
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/checks',
        summary:
          "Enqueue today's health checks now (each account at most once a day, skipped if checked in 12 hours)",
        auth: 'admin',
        response: z.object({ enqueued: z.number() }),
      },
      async (c) => c.json({ enqueued: ctx.jobs ? await ctx.jobs.sweep() : 0 }),
    ),
  ];
}
