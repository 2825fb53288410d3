// Durable delivery against a real SMTP server: temporary failures are retried with backoff and arrive
// once, permanent ones are recorded with the server's reason and never retried, restarts and crashes
// neither lose nor double an email (within the guarantee server/mail/delivery.ts states), and a
// member with no address, who unsubscribed or left is skipped with the reason.
import { describe, expect, it } from 'vitest';
import { backoff, createDelivery, RETRY } from '../../server/mail/delivery.ts';
import { noticeEntries } from '../../server/mail/entries.ts';
import type { MemoryOutbox, NewOutboxEntry } from '../../server/mail/outbox.ts';
import { DIGEST_ENTRY, delivery, MEMBERS, REMINDER, reminder, TEAM, TEST_LINKS } from './fixtures.ts';
import { useMailRig } from './rig.ts';
import { header, startSmtp } from './smtp.ts';

const rig = useMailRig();

function reminderEntries(only?: string): NewOutboxEntry[] {
  const { state, notification } = reminder();
  return noticeEntries(state, notification, TEAM).filter((e) => !only || e.member === only);
}

const arrivedAt = (address: string) => rig.smtp.received.filter((r) => r.envelope.to.includes(address));

describe('temporary and permanent SMTP failures', () => {
  it('a 421 is retried after the backoff and the email arrives once', async () => {
    const [entry] = rig.store.add(reminderEntries('ada'), REMINDER);
    rig.smtp.fail({ at: 'rcpt', code: 421, message: '4.7.0 Try again later, closing connection' });
    const clock = { now: REMINDER };
    const d = delivery(rig.store, rig.mailer, clock);

    expect(await d.runOnce()).toMatchObject({ retry: 1, sent: 0 });
    expect(rig.store.get(entry!.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: REMINDER + 60_000,
    });
    expect(rig.store.get(entry!.id)!.reason).toContain('421 4.7.0 Try again later');
    // Not before the backoff: nothing is claimed, nothing reaches the server.
    clock.now = REMINDER + 59_999;
    expect(await d.runOnce()).toMatchObject({ retry: 0, sent: 0 });
    expect(rig.smtp.attempts).toBe(1);

    clock.now = REMINDER + 60_000;
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(rig.store.get(entry!.id)).toMatchObject({ state: 'sent', attempts: 2, sentAt: REMINDER + 60_000 });
    expect(arrivedAt('ada@example.com')).toHaveLength(1);
  });

  it('a 451 after the message body is temporary too; the backoff doubles per attempt up to 6 hours', async () => {
    rig.store.add(reminderEntries('ada'), REMINDER);
    rig.smtp.fail({ at: 'data', code: 451, message: '4.3.0 Temporary local problem' });
    expect(await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce()).toMatchObject({ retry: 1 });
    expect(arrivedAt('ada@example.com')).toHaveLength(0);
    expect([1, 2, 3, 9, 10, 12].map(backoff)).toEqual([
      60_000, 120_000, 240_000, 15_360_000, 21_600_000, 21_600_000,
    ]);
  });

  it('a 550 is recorded as failed with the server reason and never tried again', async () => {
    const [entry] = rig.store.add(reminderEntries('ada'), REMINDER);
    rig.smtp.fail({
      at: 'rcpt',
      code: 550,
      message: '5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    });
    const clock = { now: REMINDER };
    const d = delivery(rig.store, rig.mailer, clock);
    expect(await d.runOnce()).toMatchObject({ failed: 1 });
    expect(rig.store.get(entry!.id)).toMatchObject({
      state: 'failed',
      reason: 'RCPT TO: 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown',
    });
    clock.now = REMINDER + 7 * 86_400_000;
    expect(await d.runOnce()).toMatchObject({ failed: 0, sent: 0, retry: 0 });
    expect(rig.smtp.attempts).toBe(1);
    expect(rig.smtp.received).toHaveLength(0);
  });

  it('a 554 after the message body is permanent', async () => {
    const [entry] = rig.store.add(reminderEntries('ada'), REMINDER);
    rig.smtp.fail({ at: 'data', code: 554, message: '5.7.1 Message rejected as spam' });
    await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce();
    expect(rig.store.get(entry!.id)!.state).toBe('failed');
    expect(rig.store.get(entry!.id)!.reason).toContain('554 5.7.1 Message rejected as spam');
  });

  it(`gives up after ${RETRY.attempts} temporary failures and says so`, async () => {
    const [entry] = rig.store.add(reminderEntries('ada'), REMINDER);
    rig.smtp.fail(
      ...Array.from({ length: RETRY.attempts }, () => ({ at: 'rcpt' as const, code: 421, message: 'Busy' })),
    );
    const clock = { now: REMINDER };
    const d = delivery(rig.store, rig.mailer, clock);
    for (let i = 0; i < RETRY.attempts; i++) {
      await d.runOnce();
      clock.now = rig.store.get(entry!.id)!.nextAttemptAt;
    }
    expect(rig.store.get(entry!.id)).toMatchObject({ state: 'failed', attempts: RETRY.attempts });
    expect(rig.store.get(entry!.id)!.reason).toBe(`Gave up after ${RETRY.attempts} attempts: 421 Busy`);
    expect(rig.smtp.received).toHaveLength(0);
  });

  it('a refused connection (no SMTP server listening) is temporary', async () => {
    const closed = await startSmtp();
    await closed.close();
    const down = rig.mailerFor(closed.url);
    const [entry] = rig.store.add(reminderEntries('ada'), REMINDER);
    expect(await delivery(rig.store, down, { now: REMINDER }).runOnce()).toMatchObject({ retry: 1 });
    expect(rig.store.get(entry!.id)!.reason).toMatch(/ECONNREFUSED/);
  });
});

describe('a defect in one entry', () => {
  it('fails that entry with the reason and does not hold up the rest of the batch', async () => {
    const entries = rig.store.add(reminderEntries(), REMINDER);
    const links = {
      ...TEST_LINKS,
      action: (team: string, account: string, member: string) =>
        member === 'ada' ? 'javascript:alert(1)' : TEST_LINKS.action(team, account, member),
    };
    const d = createDelivery({
      store: rig.store,
      mailer: rig.mailer,
      links,
      domain: 'health.example',
      now: () => REMINDER,
    });
    expect(await d.runOnce()).toMatchObject({ failed: 1, sent: 2, skipped: 1 });
    expect(rig.store.get(entries.find((e) => e.member === 'ada')!.id)!.reason).toBe(
      'Could not render the email: An email link must be an http(s) address, not javascript:',
    );
  });
});

describe('restarts and crashes', () => {
  it('a restart between writing the outbox and sending: a new delivery sends each email exactly once', async () => {
    const entries = rig.store.add(reminderEntries(), REMINDER);
    // The process that wrote the entries stops; a new one (new mailer, new delivery) starts on the same outbox.
    const mailer2 = rig.mailerFor();
    const d2 = delivery(rig.store, mailer2, { now: REMINDER + 1_000 });
    expect(await d2.runOnce()).toMatchObject({ sent: 3, skipped: 1 });
    expect(await d2.runOnce()).toMatchObject({ sent: 0, skipped: 0 });
    const ids = rig.smtp.received.map((r) => header(r, 'Message-ID')).sort();
    const sent = entries
      .filter((e) => e.member !== 'dee')
      .map((e) => `<${e.id}@health.example>`)
      .sort();
    expect(ids).toEqual(sent);
  });

  it('a process that died holding its claim: nothing is sent while the lease holds, then each email once', async () => {
    rig.store.add(reminderEntries(), REMINDER);
    const lease = 5 * 60_000;
    await rig.store.claim(REMINDER, lease, 50); // the dead process's claim, never handed off
    const clock = { now: REMINDER + 1_000 };
    const d = delivery(rig.store, rig.mailer, clock, lease);
    expect(await d.runOnce()).toMatchObject({ sent: 0 });
    clock.now = REMINDER + lease;
    expect(await d.runOnce()).toMatchObject({ sent: 3, skipped: 1 });
    expect(rig.smtp.received).toHaveLength(3);
  });

  it('two deliveries running at once on one outbox send each email once', async () => {
    rig.store.add(reminderEntries(), REMINDER);
    const mailer2 = rig.mailerFor();
    const [a, b] = await Promise.all([
      delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce(),
      delivery(rig.store, mailer2, { now: REMINDER }).runOnce(),
    ]);
    expect(a.sent + b.sent).toBe(3);
    expect(rig.smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual([
      'ada@example.com',
      'bjorn@example.no',
      'cas@example.nl',
    ]);
  });

  /** The process dies after the SMTP server accepted the first message and before `sent` was recorded. */
  async function crashAfterFirstSend(entries: NewOutboxEntry[]) {
    const added = rig.store.add(entries, REMINDER);
    const dying = Object.create(rig.store) as MemoryOutbox;
    dying.complete = async () => {
      throw new Error('process killed');
    };
    await expect(delivery(dying, rig.mailer, { now: REMINDER }).runOnce()).rejects.toThrow('process killed');
    expect(rig.smtp.received).toHaveLength(1);
    return added;
  }

  it('R6: a crash between acceptance and record resends a reminder with the same Message-ID; the rest once', async () => {
    const added = await crashAfterFirstSend(reminderEntries());
    const clock = { now: REMINDER + 5 * 60_000 };
    expect(await delivery(rig.store, rig.mailer, clock).runOnce()).toMatchObject({ sent: 3, skipped: 1 });
    const ada = arrivedAt('ada@example.com');
    expect(ada).toHaveLength(2);
    expect(header(ada[0]!, 'Message-ID')).toBe(header(ada[1]!, 'Message-ID'));
    expect(header(ada[0]!, 'Message-ID')).toBe(`<${added[0]!.id}@health.example>`);
    expect(arrivedAt('bjorn@example.no')).toHaveLength(1);
    expect(arrivedAt('cas@example.nl')).toHaveLength(1);
  });

  it('S7: a crash between acceptance and record never sends a digest twice; it is recorded as in doubt', async () => {
    const [entry] = await crashAfterFirstSend([DIGEST_ENTRY]);
    expect(await delivery(rig.store, rig.mailer, { now: REMINDER + 5 * 60_000 }).runOnce()).toMatchObject({
      failed: 1,
    });
    expect(rig.smtp.received).toHaveLength(1);
    expect(rig.store.get(entry!.id)!.reason).toMatch(/^in-doubt: /);
  });
});

describe('skipped with a reason', () => {
  it('S7: a member who unsubscribed after the digest was queued gets nothing', async () => {
    const [entry] = rig.store.add([DIGEST_ENTRY], REMINDER);
    rig.store.members.set('bjorn', { ...MEMBERS.bjorn!, subscribed: { digest: false, report: true } });
    expect(await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce()).toMatchObject({ skipped: 1 });
    expect(rig.store.get(entry!.id)).toMatchObject({ state: 'skipped', reason: 'unsubscribed' });
    expect(rig.smtp.received).toHaveLength(0);
  });

  it('R6: reminders ignore digest unsubscribes, and a member who left the team is skipped', async () => {
    const entries = rig.store.add(reminderEntries(), REMINDER);
    rig.store.members.set('ada', { ...MEMBERS.ada!, subscribed: { digest: false, report: false } });
    rig.store.members.delete('cas');
    expect(await delivery(rig.store, rig.mailer, { now: REMINDER }).runOnce()).toMatchObject({
      sent: 2,
      skipped: 2,
    });
    expect(rig.store.get(entries.find((e) => e.member === 'cas')!.id)!.reason).toBe('member-gone');
    expect(arrivedAt('ada@example.com')).toHaveLength(1);
  });

  it('the same cause written twice is stored once (the outbox key)', () => {
    expect(rig.store.add(reminderEntries(), REMINDER)).toHaveLength(4);
    expect(rig.store.add(reminderEntries(), REMINDER + 1)).toHaveLength(0);
  });
});
