// Email from the team server (issue #17) through a real SMTP server started here (the `smtp-server`
// package, with a sign-in), on the embedded database and on PostgreSQL, in simulation mode with the demo
// team: R6 alerts and reminders reach exactly the rule's recipients who have an address, in their
// language; the reconnect link reconnects; S7 digests and the monthly report go out at 08:00 in the
// member's zone; the unsubscribe link works without signing in and a tampered one is refused; 421 is
// retried, 550 is not; and neither the SMTP password nor any token reaches a log, an answer or an email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../core/index.ts';
import { createLogger } from '../../server/log.ts';
import { MAIL_QUEUE } from '../../server/mail/jobs.ts';
import { startServer } from '../../server/server.ts';
import { header, type Received, startSmtp, type TestSmtp } from '../email/smtp.ts';
import {
  BACKENDS,
  databaseFor,
  joinWith,
  leaksOf,
  Recorder,
  startTestServer,
  type TestServer,
  testConfig,
  testServer,
  until,
} from './harness.ts';

export const SMTP = { user: 'smtp-mailer-user', pass: 'Sm7p-Pa55word-9x' };
export const FROM = 'Social health <alerts@health.example>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const to = (r: Received) => r.envelope.to[0]!;

describe.each(BACKENDS)('email through a real SMTP server on %s', (backend) => {
  let smtp: TestSmtp;
  let t: TestServer;
  const people: Record<'admin' | 'editor' | 'admin2' | 'drafts', { id: string; token: string }> = {} as never;
  const address: Record<string, string> = {};
  const db = () => t.server.storage.db;

  /** The addresses R6's recipients of the notification have (the notification outbox says who they are). */
  const recipientsWithAddress = async (kind: string, account: string) => {
    const rows = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', kind)
      .where('account', '=', account)
      .execute();
    expect(rows).toHaveLength(1);
    return {
      all: rows[0]!.recipients,
      mailed: rows[0]!.recipients.flatMap((id) => address[id] ?? []).sort(),
    };
  };
  const mailTo = (who: keyof typeof people) => smtp.received.filter((r) => to(r) === address[people[who].id]);
  const act = (token: string, body: object) => t.call('POST', '/api/actions', { token, body });
  const fault = (body: object) => t.call('POST', '/api/sim/faults', { token: people.admin.token, body });

  beforeAll(async () => {
    smtp = await startSmtp(SMTP);
    t = await startTestServer(backend, 'email', { mail: { SMTP_URL: smtp.url, MAIL_FROM: FROM } });
    t.recorder.secrets.add(SMTP.pass).add(SMTP.user);
    // The demo team's overdue reminders fire at the first start; with nobody's address known yet, their
    // emails are skipped. Settled before anyone gives an address, so each test counts only its own.
    const open = () =>
      db().selectFrom('email_outbox').select('id').where('state', 'in', ['pending', 'sending']).execute();
    expect(await until(open, (rows) => rows.length === 0)).toEqual([]);
    const code = t.server.firstInvite!;
    people.admin = { id: code.user, token: await joinWith(t, code.code) };
    const me = await t.call('PATCH', '/api/me', {
      token: people.admin.token,
      body: { email: 'ada@health.example', locale: 'en-GB', timeZone: 'Europe/London' },
    });
    expect(me.json).toMatchObject({
      email: 'ada@health.example',
      locale: 'en-GB',
      timeZone: 'Europe/London',
    });
    address[code.user] = 'ada@health.example';
    const users = (await t.call('GET', '/api/members', { token: people.admin.token })).json.members;
    const idOf = (role: string) => users.find((u: { id: string }) => u.id.endsWith(`-${role}`)).id as string;
    const contacts = {
      editor: { email: 'bjorn@health.example', locale: 'nb-NO', timeZone: 'Europe/Oslo' },
      admin2: {},
      drafts: { email: 'cas@health.example', locale: 'nl', timeZone: 'Europe/Amsterdam' },
    };
    for (const [role, contact] of Object.entries(contacts) as Array<
      [keyof typeof contacts, { email?: string }]
    >) {
      const id = idOf(role);
      const invite = await t.call('POST', '/api/invites', {
        token: people.admin.token,
        body: { user: id, permission: 'all-accounts' },
      });
      people[role] = { id, token: await joinWith(t, invite.json.code, undefined, contact) };
      if (contact.email) address[id] = contact.email;
    }
  });

  afterAll(async () => {
    expect(
      await leaksOf(
        t,
        smtp.received.map((r) => r.raw),
      ),
    ).toEqual([]);
    await t.close();
    await smtp.close();
  });

  it('members set their own address, language and zone; a bad one is refused naming the field', async () => {
    const patch = (body: object) => t.call('PATCH', '/api/me', { token: people.drafts.token, body });
    expect((await patch({ email: 'not an address' })).json.error).toMatchObject({
      code: 'invalid-body',
      field: 'email',
    });
    expect((await patch({ locale: 'de-DE' })).json.error).toMatchObject({ field: 'locale' });
    expect((await patch({ timeZone: 'Mars/Olympus' })).json.error).toMatchObject({ field: 'timeZone' });
    expect((await patch({ locale: 'no', timeZone: 'europe/oslo' })).json).toMatchObject({
      email: 'cas@health.example',
      locale: 'no',
      timeZone: 'Europe/Oslo',
    });
    expect((await patch({ locale: 'nl', timeZone: 'Europe/Amsterdam' })).status).toBe(200);
  });

  it('R6: a disconnect alert reaches exactly the recipients who have an address, in their language, with a link that reconnects', async () => {
    smtp.reset();
    await fault({ type: 'security', account: 'youtube-1' });
    const r = await act(people.admin.token, { type: 'check', account: 'youtube-1' });
    expect(r.json.account).toMatchObject({ status: 'disconnected', reason: 'security' });
    const { all, mailed } = await recipientsWithAddress('disconnect-alert', 'youtube-1');
    // The super admin without an address is a recipient, and gets nothing; the draft-only user is not one.
    expect(all).toContain(people.admin2.id);
    expect(all).not.toContain(people.drafts.id);
    await until(
      async () => smtp.received,
      (got) => got.length >= mailed.length,
    );
    await sleep(1000);
    expect(smtp.received.map(to).sort()).toEqual(mailed);
    const skipped = await db()
      .selectFrom('email_outbox')
      .select(['state', 'reason'])
      .where('member', '=', people.admin2.id)
      .where('key', 'like', '%:youtube-1:%')
      .execute();
    expect(skipped).toEqual([{ state: 'skipped', reason: 'no-address' }]);

    const name = r.json.account.name as string;
    const [en] = mailTo('admin');
    expect(en!.mail.subject).toMatch(new RegExp(`^${name} on YouTube was disconnected: reconnect it by `));
    expect(en!.mail.text).toContain('YouTube locked the connection for security reasons');
    expect(en!.mail.text).toMatch(/ (GMT|BST)\b/);
    expect(en!.mail.html).toContain('lang="en"');
    const [nb] = mailTo('editor');
    expect(nb!.mail.subject).toMatch(
      new RegExp(`^${name} på YouTube ble koblet fra: koble den til på nytt innen `),
    );
    expect(nb!.mail.text).toContain('Hei ');

    // The button opens the consent for that account as that member (R8 checked at the click), no sign-in.
    const link = /https?:\/\/\S+\/reconnect\?token=[\w.-]+/.exec(en!.mail.text ?? '')![0];
    const bad = link.replace(/token=r1\.(.)/, (_m, c: string) => `token=r1.${c === 'W' ? 'X' : 'W'}`);
    const refused = await t.call('GET', bad.replace(t.url, ''));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('This reconnect link is not valid');
    const start = await t.call('GET', link.replace(t.url, ''));
    expect(start.status).toBe(302);
    const page = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const done = await t.call('GET', page.headers.get('location')!.replace(t.url, ''));
    expect(done.status).toBe(200);
    expect(done.text).toContain(`${name} on YouTube is connected again.`);
    expect((await t.call('GET', '/api/accounts/youtube-1', { token: people.admin.token })).json.status).toBe(
      'connected',
    );
  });

  it('R6: the re-authorization reminder reaches exactly its recipients who have an address, at its instant', async () => {
    smtp.reset();
    const due = Date.parse(
      (await t.call('GET', '/api/accounts/instagram-1', { token: people.admin.token })).json.reauthDueAt,
    );
    const at = due - 7 * DAY;
    await t.call('POST', '/api/sim/clock', {
      token: people.admin.token,
      body: { to: new Date(at + 1000).toISOString() },
    });
    const { mailed } = await recipientsWithAddress('reauth-reminder', 'instagram-1');
    await until(
      async () => smtp.received,
      (got) => got.length >= mailed.length,
    );
    await sleep(1000);
    expect(smtp.received.map(to).sort()).toEqual(mailed);
    const [en] = mailTo('admin');
    expect(en!.mail.subject).toMatch(/^Refresh the connection to .+ on Instagram before /);
    expect(en!.mail.text).toContain('Instagram requires re-authorization every 90 days');
    const rows = await db()
      .selectFrom('email_outbox')
      .select(['created_at', 'sent_at'])
      .where('kind', '=', 'reauth-reminder')
      .where('key', 'like', '%:instagram-1:%')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.created_at)).toBeGreaterThanOrEqual(at);
  });

  it("S7: a daily digest and the monthly report go out at 08:00 in the member's zone; the unsubscribe link needs no sign-in and a tampered one is refused", async () => {
    smtp.reset();
    await act(people.editor.token, { type: 'set-digest', frequency: 'daily', monthlyReport: true });
    const queued = async () =>
      (
        (await db()
          .selectFrom('pgboss.job' as never)
          .select(['data' as never])
          .where('name' as never, '=', MAIL_QUEUE.digest as never)
          .where('state' as never, '=', 'created' as never)
          .execute()) as Array<{ data: { member: string; cadence: string; at: number } }>
      )
        .map((j) => j.data)
        .filter((d) => d.member === people.editor.id);
    const jobs = await queued();
    const oslo = (at: number) => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Oslo',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(at);
      const part = (type: string) => parts.find((p) => p.type === type)!.value;
      return `${part('day')} ${part('hour')}:${part('minute')}`;
    };
    const monthly = jobs.find((j) => j.cadence === 'monthly')!;
    const daily = jobs.find((j) => j.cadence === 'daily')!;
    expect(oslo(daily.at)).toMatch(/ 08:00$/);
    expect(oslo(monthly.at)).toBe('1 08:00');
    // Just before the 1st, 08:00 in Oslo; one step re-times the jobs to the moved clock.
    await t.server.sim!.advance(monthly.at - 1500 - t.server.teams.now());
    await t.server.teams.step('demo', async () => {});
    await until(
      async () => mailTo('editor'),
      (got) => got.length >= 2,
    );
    await sleep(1000);
    const subjects = smtp.received.map((r) => `${to(r)} ${r.mail.subject}`).sort();
    expect(subjects).toEqual([
      expect.stringMatching(
        /^bjorn@health\.example Din månedlige rapport for sosiale medier for Demo team: /,
      ),
      expect.stringMatching(
        /^bjorn@health\.example Ditt daglige sammendrag for sosiale medier for Demo team: /,
      ),
    ]);
    const sent = await db()
      .selectFrom('email_outbox')
      .select(['kind', 'state', 'sent_at'])
      .where('member', '=', people.editor.id)
      .where('kind', 'in', ['digest', 'monthly-report'])
      .execute();
    expect(sent.map((s) => [s.kind, s.state]).sort()).toEqual([
      ['digest', 'sent'],
      ['monthly-report', 'sent'],
    ]);
    for (const s of sent) expect(Number(s.sent_at)).toBeGreaterThanOrEqual(monthly.at);

    const digest = smtp.received.find((r) => /sammendrag/.test(r.mail.subject ?? ''))!;
    const link = new URL(header(digest, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    const path = `${link.pathname}${link.search}`;
    const token = link.searchParams.get('token')!;
    const i = token.indexOf('.') + 5;
    const tampered = `${link.pathname}?token=${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
    const settings = async () =>
      (await t.call('GET', '/api/settings', { token: people.editor.token })).json.digest;
    const ask = await t.call('GET', path);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Meld meg av');
    expect(ask.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await t.call('GET', tampered)).status).toBe(400);
    const forged = await t.call('POST', tampered);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This unsubscribe link is not valid');
    expect(await settings()).toMatchObject({ frequency: 'daily', monthlyReport: true });
    const done = await t.call('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Ferdig');
    expect(await settings()).toMatchObject({ frequency: 'off', monthlyReport: true });
    const logged = (await t.call('GET', '/api/events?limit=5', { token: people.admin.token })).json.events;
    expect(logged.find((e: { type: string }) => e.type === 'set-digest')).toMatchObject({
      actor: people.editor.id,
      rejected: null,
    });
  });

  it('a 421 is retried once and then delivered, once; a 550 is recorded with its reason and never retried', async () => {
    smtp.reset();
    smtp.fail({ at: 'rcpt', code: 421, message: '4.7.0 Try again later' });
    await fault({ type: 'revoke', account: 'x-1' });
    await act(people.admin.token, { type: 'check', account: 'x-1' });
    const { mailed } = await recipientsWithAddress('disconnect-alert', 'x-1');
    const rows = () =>
      db()
        .selectFrom('email_outbox')
        .selectAll()
        .where('kind', '=', 'disconnect-alert')
        .where('key', 'like', '%:x-1:%')
        .where('state', '=', 'pending')
        .where('attempts', '>', 0)
        .execute();
    const [waiting] = await until(rows, (r) => r.some((row) => Number(row.attempts) > 0));
    expect(waiting).toMatchObject({
      state: 'pending',
      attempts: 1,
      reason: expect.stringMatching(/421 4\.7\.0 Try again later/),
    });
    // The backoff's first minute passes on the simulated clock; the step after it starts a delivery.
    await t.call('POST', '/api/sim/clock', { token: people.admin.token, body: { advance: 61_000 } });
    await until(
      async () => smtp.received,
      (got) => got.length >= mailed.length,
    );
    await sleep(1000);
    expect(smtp.received.map(to).sort()).toEqual(mailed);
    expect(smtp.attempts).toBe(mailed.length + 1);
    expect(
      await db()
        .selectFrom('email_outbox')
        .select(['state', 'attempts'])
        .where('id', '=', waiting!.id)
        .executeTakeFirst(),
    ).toEqual({ state: 'sent', attempts: 2 });

    smtp.reset();
    smtp.fail({ at: 'rcpt', code: 550, message: '5.1.1 No such user' });
    await fault({ type: 'revoke', account: 'facebook-1' });
    await act(people.admin.token, { type: 'check', account: 'facebook-1' });
    const failed = () => db().selectFrom('email_outbox').selectAll().where('state', '=', 'failed').execute();
    const [dead] = await until(failed, (r) => r.length > 0);
    expect(dead).toMatchObject({
      attempts: 1,
      reason: expect.stringMatching(/^RCPT TO: 550 5\.1\.1 No such user/),
    });
    const tries = smtp.attempts;
    await t.call('POST', '/api/sim/clock', { token: people.admin.token, body: { advance: 3_600_000 } });
    await sleep(1500);
    expect(smtp.attempts).toBe(tries);
    expect(await failed()).toMatchObject([{ id: dead!.id, attempts: 1 }]);
  });
});

describe('a restart between the outbox write and the send', () => {
  it('R6: neither loses nor duplicates an email: what one process wrote, the next start sends, once', async () => {
    const smtp = await startSmtp();
    const where = await databaseFor('pglite', 'emailrestart');
    const mail = { SMTP_URL: smtp.url, MAIL_FROM: FROM };
    const recorder = new Recorder();
    const log = createLogger('info', recorder.stream());
    // This process writes emails but fetches no job for an hour: nothing it writes is sent by it.
    const first = testServer(
      await startServer(testConfig(where, { mail, jobs: { pollingSeconds: 3600 } as never }), log),
      recorder,
    );
    let pending: string[];
    try {
      const token = await joinWith(first, first.server.firstInvite!.code, undefined, {
        email: 'ada@health.example',
      });
      await first.call('POST', '/api/sim/faults', {
        token,
        body: { type: 'security', account: 'youtube-1' },
      });
      await first.call('POST', '/api/actions', { token, body: { type: 'check', account: 'youtube-1' } });
      await sleep(1500);
      expect(smtp.received).toEqual([]);
      const rows = await first.server.storage.db
        .selectFrom('email_outbox')
        .select(['id', 'member', 'state', 'kind'])
        .execute();
      expect(rows.filter((r) => r.kind === 'disconnect-alert').length).toBeGreaterThan(0);
      expect(rows.every((r) => r.state === 'pending')).toBe(true);
      pending = rows.filter((r) => r.member === first.server.firstInvite!.user).map((r) => r.id);
      expect(pending.length).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    const again = testServer(await startServer(testConfig(where, { mail }), log), recorder);
    try {
      await until(
        async () => smtp.received,
        (got) => got.length >= pending.length,
      );
      await sleep(1500);
      const ids = smtp.received.map((r) => r.mail.messageId);
      expect(ids.sort()).toEqual(pending.map((id) => `<${id}@health.example>`).sort());
      const left = await again.server.storage.db
        .selectFrom('email_outbox')
        .select('state')
        .where('state', 'in', ['pending', 'sending'])
        .execute();
      expect(left).toEqual([]);
      expect(
        await leaksOf(
          again,
          smtp.received.map((r) => r.raw),
        ),
      ).toEqual([]);
    } finally {
      await again.close();
      where.cleanup();
      await smtp.close();
    }
  }, 120_000);
});
