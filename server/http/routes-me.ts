// A member's own record: who they are, where consent results go (their extension's redirect URL), and
// where and how they read email (issue #17: address, language, time zone; set at join and changed here).
import { z } from 'zod';
import { Contact, contactOf, setContact } from '../contact.ts';
import { memberRedirect, setMemberRedirect } from '../members.ts';
import { type Registered, route } from './api.ts';
import type { ServerContext } from './context.ts';
import { isExtensionRedirect } from './origins.ts';
import { whoAmI } from './routes-member.ts';

const Me = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    team: z.string(),
    superAdmin: z.boolean(),
    permission: z.string(),
    redirectUrl: z.string().nullable(),
    email: z.string().nullable(),
    locale: z.string(),
    timeZone: z.string().nullable(),
  })
  .meta({ id: 'Me' });

export function meRoutes(ctx: ServerContext): Registered[] {
  const me = async (member: { teamId: string; user: string }) => {
    const { user } = await whoAmI(ctx, member);
    return {
      id: user.id,
      name: user.name ?? null,
      team: member.teamId,
      superAdmin: user.superAdmin,
      permission: user.permission,
      redirectUrl: await memberRedirect(ctx.teams.db, member.teamId, member.user),
      ...(await contactOf(ctx.teams.db, member.teamId, member.user)),
    };
  };
  return [
    route(
      { method: 'get', path: '/api/me', summary: 'Who you are in the team', auth: 'member', response: Me },
      async (c, { member }) => c.json(await me(member)),
    ),
    route(
      {
        method: 'patch',
        path: '/api/me',
        summary:
          'Your email address, language and time zone for reminders, alerts and digests (null clears the address or zone)',
        auth: 'member',
        body: Contact.meta({ id: 'ContactRequest' }),
        response: Me,
      },
      async (c, { body, member }) => {
        const { team } = await whoAmI(ctx, member);
        // One transaction: the contact, and the member's digests moved with it (their 08:00 is local).
        await ctx.teams.db.transaction().execute(async (tx) => {
          await setContact(tx, member.teamId, member.user, body);
          await ctx.mail.jobs?.scheduleDigests(tx, member.teamId, team.state);
        });
        return c.json(await me(member));
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/me/redirect',
        summary: "Register your extension's redirect URL (the one place consent results are sent)",
        auth: 'member',
        body: z.strictObject({
          url: z.string().refine(isExtensionRedirect, {
            error: 'expected an extension redirect URL (identity.getRedirectURL())',
          }),
        }),
        response: z.object({ url: z.string() }),
      },
      async (c, { body, member }) => {
        await setMemberRedirect(ctx.teams.db, member.teamId, member.user, body.url);
        return c.json({ url: body.url });
      },
    ),
  ];
}
