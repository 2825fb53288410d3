// The unsubscribe link end to end, without signing in: a digest goes out through real SMTP with the
// server's signed links; the link from its List-Unsubscribe header verifies with the server's key alone,
// becomes the core's own set-digest action, and the next digest is neither queued nor sent. A changed link
// is refused and shows the "not valid" page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../core/index.ts';
import { unsubscribeKey, unsubscribePage, verifyUnsubscribe } from '../../runtime/email/index.ts';
import { type MailOn, mailConfig } from '../../server/mail/config.ts';
import { createDelivery } from '../../server/mail/delivery.ts';
import { digestEntry, subscriptions, unsubscribeEvent } from '../../server/mail/entries.ts';
import { serverLinks, UNSUBSCRIBE_PATH } from '../../server/mail/links.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { MemoryOutbox } from '../../server/mail/outbox.ts';
import { MEMBERS, T0, TEAM, teamState } from './fixtures.ts';
import { header, startSmtp, type TestSmtp } from './smtp.ts';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

describe('one-click unsubscribe', () => {
  it('S7: the link in a sent digest unsubscribes without signing in; a changed link is refused', async () => {
    const key = await unsubscribeKey(crypto.getRandomValues(new Uint8Array(32)));
    let state = apply(
      teamState(),
      { type: 'set-digest', user: 'bjorn', frequency: 'daily', monthlyReport: true },
      T0,
    ).state;
    const now = Date.parse('2026-12-04T07:00:00Z');
    const store = new MemoryOutbox();
    store.members.set('bjorn', { ...MEMBERS.bjorn!, subscribed: subscriptions(state.users.bjorn) });
    store.add([digestEntry(state, 'bjorn', TEAM, 'daily', 'Europe/Oslo', now)!], now);
    const config = mailConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'alerts@health.example' }) as MailOn;
    const mailer = createMailer(config);
    const links = serverLinks('https://health.example/', key);
    await createDelivery({ store, mailer, links, domain: config.domain, now: () => now }).runOnce();
    mailer.close();

    const [mail] = smtp.received;
    const url = new URL(header(mail!, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    expect(url.origin + url.pathname).toBe(`https://health.example${UNSUBSCRIBE_PATH}`);
    expect(mail!.mail.text).toContain(url.href);
    const token = url.searchParams.get('token')!;

    // The server's route: the key alone says who and what; no session, no member token.
    const verified = await verifyUnsubscribe(key, token, now + 30 * 86_400_000);
    expect(verified).toEqual({
      ok: true,
      claims: { member: 'bjorn', team: TEAM.id, kind: 'digest', expiresAt: now + 365 * 86_400_000 },
    });
    if (!verified.ok) return;
    const event = unsubscribeEvent(state, verified.claims)!;
    expect(event).toEqual({ type: 'set-digest', user: 'bjorn', frequency: 'off', monthlyReport: true });
    state = apply(state, event, now).state;
    expect(subscriptions(state.users.bjorn)).toEqual({ digest: false, report: true });
    expect(digestEntry(state, 'bjorn', TEAM, 'daily', 'Europe/Oslo', now + 86_400_000)).toBeNull();
    expect(
      unsubscribePage('nb-NO', { state: 'done', kind: verified.claims.kind, team: TEAM.name }),
    ).toContain('Ferdig: du får ikke lenger sammendraget for sosiale medier for Nordlys Media.');

    // One character changed in the payload: refused, and the page says so instead of unsubscribing anyone.
    const i = token.indexOf('.') + 5;
    const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect(await verifyUnsubscribe(key, tampered, now)).toEqual({ ok: false, reason: 'forged' });
    expect(unsubscribePage('en', { state: 'invalid' })).toContain('This unsubscribe link is not valid');
  });

  it('S7: unsubscribing from the monthly report keeps the digest', () => {
    const state = apply(
      teamState(),
      { type: 'set-digest', user: 'cas', frequency: 'weekly', monthlyReport: true },
      T0,
    ).state;
    const claims = { member: 'cas', team: TEAM.id, kind: 'report' as const, expiresAt: T0 + 1 };
    expect(unsubscribeEvent(state, claims)).toEqual({
      type: 'set-digest',
      user: 'cas',
      frequency: 'weekly',
      monthlyReport: false,
    });
    expect(unsubscribeEvent(state, { ...claims, member: 'gone' })).toBeNull();
  });
});
