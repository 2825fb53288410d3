// Reminders, alerts, digests and reports sent through a real SMTP server (smtp-server in the test), from
// outbox entries written from the core's own notifications: recipients, subject and body (account,
// reason, dates in the reader's language and zone), the HTML escaped, headers, and what the outbox records.
import { describe, expect, it } from 'vitest';
import { apply } from '../../core/index.ts';
import { digestEntry, noticeEntries } from '../../server/mail/entries.ts';
import { delivery, REMINDER, reminder, securityAlert, T0, TEAM, teamState } from './fixtures.ts';
import { useMailRig } from './rig.ts';
import { header, type Received } from './smtp.ts';

const rig = useMailRig();

const to = (address: string) => rig.smtp.received.find((r) => r.envelope.to.includes(address))!;
const text = (r: Received) => r.mail.text ?? '';
const html = (r: Received) => (r.mail.html || '') as string;

describe('R6 reminder by email', () => {
  it('R6: reaches exactly the rule recipients that have an address, each in their language and time zone', async () => {
    const { state, notification } = reminder();
    expect(notification.recipients).toEqual(['ada', 'bjorn', 'cas', 'dee']);
    const entries = rig.store.add(noticeEntries(state, notification, TEAM), REMINDER);
    const summary = await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce();

    expect(summary).toMatchObject({ sent: 3, skipped: 1, failed: 0, retry: 0 });
    expect(rig.smtp.received.map((r) => r.envelope.to).sort()).toEqual([
      ['ada@example.com'],
      ['bjorn@example.no'],
      ['cas@example.nl'],
    ]);
    const dee = entries.find((e) => e.member === 'dee')!;
    expect(rig.store.get(dee.id)).toMatchObject({ state: 'skipped', reason: 'no-address' });

    // English (en-GB), London: GMT in November. Due 2026-11-30 10:00 UTC; deadline a year later (R4).
    const ada = to('ada@example.com');
    expect(ada.envelope.from).toBe('alerts@health.example');
    expect(ada.mail.subject).toBe(
      'Refresh the connection to Fjord & Fjell <Oslo> on Facebook before 30 November 2026',
    );
    expect(text(ada)).toContain(
      'Facebook requires re-authorization every 90 days. Refresh the connection to Fjord & Fjell <Oslo> by Monday, 30 November 2026 at 10:00 GMT, or it will be disconnected then.',
    );
    // R3/R4: three posts are due after the due date (cas's two and dee's); bjorn's earlier one is not at risk.
    expect(text(ada)).toContain('its 3 posts scheduled after that moment are cancelled when it disconnects');
    expect(text(ada)).toContain('by Tuesday, 30 November 2027 at 10:00 GMT');
    // R8: ada (all-accounts, access) may act; bjorn connected it last and is recommended.
    expect(text(ada)).toContain('You can refresh the connection yourself.');
    expect(text(ada)).toContain('Bjørn Hansen connected it last and is the recommended person to do it.');
    expect(text(ada)).toContain('https://health.example/reconnect?team=team-1&account=fb-1');
    expect(text(ada)).toContain('You receive this email because you are a super admin of Nordlys Media.');

    // Norsk, Oslo: CET, so 11:00.
    const bjorn = to('bjorn@example.no');
    expect(bjorn.mail.subject).toBe(
      'Forny tilkoblingen til Fjord & Fjell <Oslo> på Facebook før 30. november 2026',
    );
    expect(text(bjorn)).toContain('innen mandag 30. november 2026 kl. 11:00 CET');
    expect(text(bjorn)).toContain('Du koblet den til sist, så det anbefales at du gjør det.');
    expect(text(bjorn)).toContain(
      'Du får denne e-posten fordi du koblet til Fjord & Fjell <Oslo> sist og du har 1 innlegg planlagt på den.',
    );

    // Nederlands, Amsterdam: CET.
    const cas = to('cas@example.nl');
    expect(cas.mail.subject).toBe(
      'Vernieuw de koppeling met Fjord & Fjell <Oslo> op Facebook vóór 30 november 2026',
    );
    expect(text(cas)).toContain('vóór maandag 30 november 2026 om 11:00 CET');
    expect(text(cas)).toContain('omdat je 2 berichten op dit account gepland hebt staan.');
  });

  it('R6: the HTML part escapes the account name, styles inline and links into the refresh flow', async () => {
    const { state, notification } = reminder();
    rig.store.add(noticeEntries(state, notification, TEAM), REMINDER);
    await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce();
    const body = html(to('ada@example.com'));
    expect(body).toContain('Fjord &amp; Fjell &lt;Oslo&gt;');
    expect(body).not.toContain('<Oslo>');
    expect(body).not.toMatch(/<style|<link|<script|class=/i);
    expect(body).toContain('href="https://health.example/reconnect?team=team-1&amp;account=fb-1"');
    expect(body).toContain('Refresh the connection to Fjord &amp; Fjell &lt;Oslo&gt;</a>');
  });

  it('R6: the Message-ID is the outbox id, and automatic mail says so (RFC 3834); no unsubscribe header', async () => {
    const { state, notification } = reminder();
    const [entry] = rig.store
      .add(noticeEntries(state, notification, TEAM), REMINDER)
      .filter((e) => e.member === 'ada');
    await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce();
    const ada = to('ada@example.com');
    expect(ada.mail.messageId).toBe(`<${entry!.id}@health.example>`);
    expect(header(ada, 'Auto-Submitted')).toBe('auto-generated');
    expect(header(ada, 'List-Unsubscribe')).toBeUndefined();
    expect(rig.store.get(entry!.id)).toMatchObject({ state: 'sent', sentAt: REMINDER, attempts: 1 });
    expect(rig.store.get(entry!.id)!.response).toMatch(/^250 /);
  });
});

describe('R6 Decision: disconnect alert by email', () => {
  it('R6: a security lockout alerts at once: what happened and when, the cancelled posts, the deadline, who may act', async () => {
    const at = T0 + 40 * 86_400_000; // Sunday 2026-10-11 10:00 UTC: British and Norwegian summer time
    const { state, notification } = securityAlert(at);
    rig.store.add(noticeEntries(state, notification, TEAM), at);
    await delivery(rig.store, rig.mailer, { now: at }).runOnce();

    const ada = to('ada@example.com');
    expect(ada.mail.subject).toBe(
      'Fjord & Fjell <Oslo> on Facebook was disconnected: reconnect it by 11 October 2027',
    );
    expect(text(ada)).toContain(
      'Facebook locked the connection for security reasons (password change or checkpoint). The connection stopped on Sunday, 11 October 2026 at 11:00 BST.',
    );
    expect(text(ada)).toContain(
      'Facebook does this without notice, so no reminder could be sent beforehand.',
    );
    // R3: all four scheduled posts were cancelled; R4: restored by the deadline, missed if their time passed.
    expect(text(ada)).toContain(
      'Its 4 scheduled posts were cancelled. Reconnect the account by Monday, 11 October 2027 at 11:00 BST to restore them',
    );
    expect(text(ada)).toContain('The first of them is due Friday, 27 November 2026 at 10:00 GMT');
    // R5: what a missed deadline costs.
    expect(text(ada)).toContain('its post history, cancelled posts and drafts are deleted');
    expect(text(ada)).toContain('You can reconnect it yourself.');
    expect(text(ada)).toContain(
      'Reconnect Fjord & Fjell <Oslo>:\nhttps://health.example/reconnect?team=team-1&account=fb-1',
    );

    const bjorn = to('bjorn@example.no');
    expect(bjorn.mail.subject).toBe(
      'Fjord & Fjell <Oslo> på Facebook ble koblet fra: koble den til på nytt innen 11. oktober 2027',
    );
    expect(text(bjorn)).toContain(
      'Facebook låste tilkoblingen av sikkerhetsgrunner (endret passord eller sikkerhetskontroll). Tilkoblingen stoppet søndag 11. oktober 2026 kl. 12:00 CEST.',
    );
    expect(text(bjorn)).toContain('De 4 planlagte innleggene ble kansellert.');
    expect(text(bjorn)).toContain('du hadde 1 innlegg planlagt på den');
  });

  it('R8: a recipient without access is told they cannot reconnect, whom to ask, and gets no reconnect button', async () => {
    // The Page is private to its connector (S2): cas keeps a scheduled post on it but has no access.
    const state0 = teamState();
    const restricted = apply(
      state0,
      { type: 'set-access', account: 'fb-1', by: 'ada', access: 'private' },
      T0,
    ).state;
    const at = T0 + 40 * 86_400_000;
    const { state, notification } = securityAlert(at, restricted);
    rig.store.add(noticeEntries(state, notification, TEAM), at);
    await delivery(rig.store, rig.mailer, { now: at }).runOnce();
    const cas = to('cas@example.nl');
    expect(text(cas)).toContain(
      'Je kunt het niet zelf opnieuw koppelen: daarvoor zijn de machtiging Alle accounts en toegang tot het account nodig. Vraag het aan Bjørn Hansen.',
    );
    expect(text(cas)).not.toContain('https://health.example/reconnect');
    expect(html(cas)).not.toContain('href="https://health.example/reconnect');
  });
});

describe('S7 digest and monthly report by email', () => {
  /** The Page gathered numbers at its last check; a private LinkedIn page and an X account beside it. */
  function statsState() {
    let state = teamState({
      accounts: [
        {
          id: 'fb-1',
          network: 'facebook',
          connectedBy: 'bjorn',
          connectedAt: T0,
          profile: { networkUserId: '1', name: 'Fjord Page', handle: null, avatarUrl: null },
        },
        {
          id: 'x-1',
          network: 'x',
          connectedBy: 'bjorn',
          connectedAt: T0,
          profile: { networkUserId: '2', name: '@nordlys', handle: 'nordlys', avatarUrl: null },
        },
        {
          id: 'li-1',
          network: 'linkedin',
          connectedBy: 'ada',
          connectedAt: T0,
          access: 'private',
          profile: { networkUserId: '3', name: 'Secret Board', handle: null, avatarUrl: null },
        },
      ],
      posts: [
        // November in London (GMT) and in Oslo (CET, 00:30 on 1 November) differ: only Oslo counts pub-2.
        {
          id: 'pub-1',
          account: 'fb-1',
          state: 'published',
          at: Date.parse('2026-11-10T12:00:00Z'),
          author: 'bjorn',
        },
        {
          id: 'pub-2',
          account: 'fb-1',
          state: 'published',
          at: Date.parse('2026-10-31T23:30:00Z'),
          author: 'bjorn',
        },
        // On the private page: never in anyone's report.
        {
          id: 'pub-3',
          account: 'li-1',
          state: 'published',
          at: Date.parse('2026-11-15T12:00:00Z'),
          author: 'ada',
        },
      ],
    });
    state = apply(
      state,
      { type: 'set-digest', user: 'bjorn', frequency: 'daily', monthlyReport: true },
      T0,
    ).state;
    state = apply(
      state,
      { type: 'set-digest', user: 'ada', frequency: 'daily', monthlyReport: false },
      T0,
    ).state;
    const stats = (interactions: number, conversations: number, newFollowers: number) => ({
      interactions,
      conversations,
      newFollowers,
    });
    return apply(
      state,
      {
        type: 'checked',
        results: [
          { account: 'fb-1', outcome: { kind: 'ok' }, stats: stats(1234, 5, 40) },
          { account: 'x-1', outcome: { kind: 'ok' }, stats: stats(7, 2, 13) },
          { account: 'li-1', outcome: { kind: 'ok' }, stats: stats(999, 999, 999) },
        ],
      },
      T0,
    ).state;
  }

  it('S7: the daily digest covers yesterday in the reader zone, only accounts shared with everyone, followers only for X', async () => {
    const state = statsState();
    const now = Date.parse('2026-12-04T07:00:00Z'); // 08:00 in Oslo
    const entry = digestEntry(state, 'bjorn', TEAM, 'daily', 'Europe/Oslo', now)!;
    expect(entry.facts).toMatchObject({
      from: Date.parse('2026-12-02T23:00:00Z'),
      to: Date.parse('2026-12-03T23:00:00Z'),
    });
    rig.store.add([entry, digestEntry(state, 'ada', TEAM, 'daily', 'Europe/London', now)!], now);
    await delivery(rig.store, rig.mailer, { now }).runOnce();

    const bjorn = to('bjorn@example.no');
    expect(bjorn.mail.subject).toBe(
      'Ditt daglige sammendrag for sosiale medier for Nordlys Media: 3. desember 2026',
    );
    // Facebook: 1 234 interactions and 5 conversations, its 40 followers not counted; X: 7, 2 and 13 followers.
    expect(text(bjorn)).toContain('Interaksjoner: 1\u00a0241. Samtaler: 7. Nye X-følgere: 13.');
    expect(text(bjorn)).toContain(
      '- Fjord Page (Facebook): Interaksjoner 1\u00a0234 · Samtaler 5 · Nye følgere telles ikke',
    );
    expect(text(bjorn)).toContain('- @nordlys (X): Interaksjoner 7 · Samtaler 2 · Nye følgere 13');
    expect(text(bjorn)).not.toContain('Secret Board');
    expect(html(bjorn)).not.toContain('Secret Board');
    // One click, signed, no sign-in (RFC 8058 headers), and the same link in the body.
    const unsubscribe = 'https://health.example/unsubscribe?t=team-1.bjorn.digest';
    expect(header(bjorn, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(header(bjorn, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(text(bjorn)).toContain(`Meld deg av sammendraget <${unsubscribe}>`);
    expect(text(bjorn)).toContain('fordi sammendraget i innboksen for Nordlys Media er satt til daglig');

    // English, London: 07:00 on 4 December, so the day before is 3 December there too.
    const ada = to('ada@example.com');
    expect(ada.mail.subject).toBe('Your daily social digest for Nordlys Media: 3 December 2026');
    expect(text(ada)).toContain('Interactions: 1,241. Conversations: 7. New X followers: 13.');
    expect(text(ada)).toContain(
      '- Fjord Page (Facebook): Interactions 1,234 · Conversations 5 · New followers not counted',
    );
    expect(text(ada)).not.toContain('Secret Board');
  });

  it('S7: the monthly report goes to users who opted in, with the posts published in their own month', async () => {
    let state = statsState();
    state = apply(
      state,
      { type: 'set-digest', user: 'ada', frequency: 'off', monthlyReport: true },
      T0,
    ).state;
    const now = Date.parse('2026-12-01T08:00:00Z'); // 08:00 in London
    const entries = [
      digestEntry(state, 'ada', TEAM, 'monthly', 'Europe/London', now)!,
      digestEntry(state, 'bjorn', TEAM, 'monthly', 'Europe/Oslo', now)!,
    ];
    rig.store.add(entries, now);
    await delivery(rig.store, rig.mailer, { now }).runOnce();
    const ada = to('ada@example.com');
    expect(ada.mail.subject).toBe('Your monthly social report for Nordlys Media: November 2026');
    expect(text(ada)).toContain(
      'Posts published: 1. Interactions: 1,241. Conversations: 7. New X followers: 13.',
    );
    expect(text(ada)).toContain(
      '- Fjord Page (Facebook): Posts published 1 · Interactions 1,234 · Conversations 5 · New followers not counted',
    );
    const bjorn = to('bjorn@example.no');
    expect(bjorn.mail.subject).toBe(
      'Din månedlige rapport for sosiale medier for Nordlys Media: november 2026',
    );
    expect(text(bjorn)).toContain(
      'Publiserte innlegg: 2. Interaksjoner: 1\u00a0241. Samtaler: 7. Nye X-følgere: 13.',
    );
    expect(text(bjorn)).not.toContain('Secret Board');
    expect(text(ada)).toContain(
      'You receive this report because you asked for a monthly email with your social reports',
    );
    expect(header(ada, 'List-Unsubscribe')).toBe('<https://health.example/unsubscribe?t=team-1.ada.report>');
    // A user whose report is off, or whose digest is off, gets no entry at all (S7).
    expect(digestEntry(state, 'cas', TEAM, 'monthly', 'Europe/Amsterdam', now)).toBeNull();
    expect(digestEntry(state, 'ada', TEAM, 'daily', 'Europe/London', now)).toBeNull();
  });
});
