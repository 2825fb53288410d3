// The pages an email's links open, with no sign-in: the signed token in the link is the authority, and it
// can only do what it names (server/mail/links.ts). RFC 8058: GET /unsubscribe asks, POST unsubscribes (mail
// scanners fetch every link); the unsubscribe is core's own set-digest, applied through the Engine, so it is
// in the event log. /reconnect starts the network's consent for the account, as the member the link was made
// for, with R7/R8 decided at the click; its outcome is a page here. Pages are in the member's language.
import type { Context } from 'hono';
import { z } from 'zod';
import type { Network } from '../../core/index.ts';
import {
  type LinkPage,
  languageOf,
  linkPage,
  unsubscribePage,
  verifyUnsubscribe,
} from '../../runtime/email/index.ts';
import { contactOf } from '../contact.ts';
import { unsubscribeEvent } from '../mail/entries.ts';
import { RECONNECT_PATH, SETTINGS_PATH, UNSUBSCRIBE_PATH } from '../mail/links.ts';
import { createConsent } from '../oauth.ts';
import type { TeamRecord } from '../store/team-rows.ts';
import { TeamNotFound } from '../teams.ts';
import { type Env, type Registered, route } from './api.ts';
import type { ServerContext } from './context.ts';

// Inline styles and a form posting to this server; nothing else (the pages have no script).
const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};
const Query = z.object({ token: z.string().max(4000).optional() });
type Page = Context<Env>;

const html = (c: Page, body: string, status: 200 | 400 | 410 = 200) => c.html(body, status, HEADERS);
/** With no member known (a link that does not verify), the browser's language. */
const browserLocale = (c: Page) => languageOf(c.req.header('Accept-Language') ?? 'en');

export function mailRoutes(ctx: ServerContext): Registered[] {
  const team = (id: string): Promise<TeamRecord | null> =>
    ctx.teams.read(id).catch((e) => (e instanceof TeamNotFound ? null : Promise.reject(e)));
  const unsubscribe = async (c: Page, token: string | undefined, act: boolean) => {
    const v = await verifyUnsubscribe(ctx.mail.unsubscribeKey, token ?? '', ctx.teams.now());
    const found = v.ok ? await team(v.claims.team) : null;
    if (!v.ok || !found)
      return v.ok || v.reason !== 'expired'
        ? html(c, unsubscribePage(browserLocale(c), { state: 'invalid' }), 400)
        : html(c, unsubscribePage(browserLocale(c), { state: 'expired' }), 410);
    const { claims } = v;
    const { locale } = await contactOf(ctx.teams.db, claims.team, claims.member);
    if (!act) {
      // The button posts to the very link that was opened (RFC 8058's one-click address).
      const action = c.req.url;
      return html(
        c,
        unsubscribePage(locale, { state: 'confirm', kind: claims.kind, team: found.name, action }),
      );
    }
    await ctx.teams.step(claims.team, async ({ engine, now }) => {
      const event = unsubscribeEvent(engine.state, claims);
      if (event) await engine.act(event, now);
    });
    return html(c, unsubscribePage(locale, { state: 'done', kind: claims.kind, team: found.name }));
  };
  const page = (summary: string, path: string, method: 'get' | 'post' = 'get') => ({
    method,
    path,
    summary,
    auth: 'none' as const,
    query: Query,
    response: null,
    raw: 'An HTML page',
  });
  return [
    route(
      page('Asks to unsubscribe (signed link from a digest; no sign-in)', UNSUBSCRIBE_PATH),
      (c, { query }) => unsubscribe(c, query.token, false),
    ),
    route(
      page('One-click unsubscribe (RFC 8058): turns the digest or report off', UNSUBSCRIBE_PATH, 'post'),
      (c, { query }) => unsubscribe(c, query.token, true),
    ),
    route(page('Where the email settings are', SETTINGS_PATH), (c) =>
      html(c, linkPage(browserLocale(c), { state: 'settings' })),
    ),
    route(
      page(
        "Starts the network's consent for an account (signed link from a reminder or alert)",
        RECONNECT_PATH,
      ),
      async (c, { query }) => {
        const v = ctx.mail.reconnect.verify(query.token ?? '', ctx.teams.now());
        const found = v.ok ? await team(v.claims.team) : null;
        const account = v.ok ? found?.state.accounts.get(v.claims.account) : undefined;
        if (!v.ok || !account) {
          const expired = !v.ok && v.reason === 'expired';
          const state = expired ? 'reconnect-expired' : 'reconnect-invalid';
          return html(c, linkPage(browserLocale(c), { state }), expired ? 410 : 400);
        }
        const { claims } = v;
        const { locale } = await contactOf(ctx.teams.db, claims.team, claims.member);
        const name = account.profile?.name ?? account.id;
        const refused = (reason: string) =>
          html(c, linkPage(locale, { state: 'not-reconnected', account: name, reason }));
        if (ctx.network.configured && !ctx.network.configured(account.network))
          return refused(`this server has no ${account.network} app registered; tell your administrator.`);
        // R7: a connected account (in its reminder window) is refreshed; a disconnected one reconnected.
        const answer = await createConsent(
          ctx,
          { teamId: claims.team, user: claims.member },
          {
            action: account.status === 'connected' ? 'refresh-connection' : 'reconnect',
            account: account.id,
            network: account.network,
            returnTo: 'page',
          },
        );
        if (answer.ok) return c.redirect(answer.url, 302);
        return refused('rejected' in answer ? answer.rejected.message : 'the consent could not be started.');
      },
    ),
  ];
}

/** The outcome of a consent started from an email's link, as /oauth/callback shows it. */
export async function consentPage(
  ctx: ServerContext,
  c: Page,
  answer: { team: string; user: string; account: string; network: Network; reason: string | null },
) {
  const { locale } = await contactOf(ctx.teams.db, answer.team, answer.user);
  const record = await ctx.teams.read(answer.team);
  const a = record.state.accounts.get(answer.account);
  const account = a?.profile?.name ?? answer.account;
  const result: LinkPage =
    answer.reason === null
      ? { state: 'reconnected', account, network: answer.network }
      : { state: 'not-reconnected', account, reason: answer.reason };
  return html(c, linkPage(locale, result));
}
