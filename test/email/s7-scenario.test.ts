// S7 from a scenario: test/email/s7-digest.json runs through the simulator (real core, adapters and mock
// networks), then every member's digests and reports go through the outbox to a real SMTP server. Only
// `everyone` accounts, no Instagram/YouTube interactions, followers only for X, `off` sends nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, digest, type State } from '../../core/index.ts';
import { type MailOn, mailConfig } from '../../server/mail/config.ts';
import { digestEntry } from '../../server/mail/entries.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { MemoryOutbox, type NewOutboxEntry } from '../../server/mail/outbox.ts';
import { ScenarioRun } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { delivery, MEMBERS, TEAM } from './fixtures.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';

/**
 * What each network reported at the last check. Neither the adapters nor the mock networks report these
 * counters yet, so they enter as the core's own `checked` event; every number is distinct so a sum shows
 * which accounts went into it.
 */
const STATS: Record<string, [number, number, number]> = {
  'fb-1': [100, 10, 1000],
  'ig-1': [200, 20, 2000],
  'yt-1': [300, 30, 3000],
  'x-1': [4, 5, 6],
  'li-1': [7000, 700, 70000], // made private by a super admin during the scenario
  'x-2': [8000, 800, 80000], // private from the start
};

const MEMBER_OF: Record<string, (typeof MEMBERS)[string]> = {
  ada: { ...MEMBERS.ada!, id: 'ada' },
  ben: { ...MEMBERS.bjorn!, id: 'ben', name: 'Ben', email: 'ben@example.no' },
  cy: { ...MEMBERS.cas!, id: 'cy', name: 'Cy', email: 'cy@example.nl' },
};

let smtp: TestSmtp;
let state: State;
const name = (id: string) => state.accounts.get(id)!.profile!.name;

beforeAll(async () => {
  const file = readFileSync(new URL('./s7-digest.json', import.meta.url), 'utf8');
  const validation = validateScenario(file);
  if (!validation.ok) throw new Error(validation.errors.join('\n'));
  const run = new ScenarioRun(validation.scenario, { transport: 'direct' });
  const report = await run.play();
  expect(report.steps.every((s) => s.rejected === null)).toBe(true);
  const results = Object.entries(STATS).map(([account, [interactions, conversations, newFollowers]]) => ({
    account,
    outcome: { kind: 'ok' as const },
    stats: { interactions, conversations, newFollowers },
  }));
  state = apply(run.state, { type: 'checked', results }, run.now).state;
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

describe('S7 from a scenario', () => {
  it('S7: daily, weekly and monthly go to exactly the members who chose them; off sends nothing', async () => {
    const now = Date.parse('2026-12-01T08:00:00Z');
    const entries: NewOutboxEntry[] = [];
    for (const member of ['ada', 'ben', 'cy']) {
      for (const cadence of ['daily', 'weekly', 'monthly'] as const) {
        const entry = digestEntry(state, member, TEAM, cadence, MEMBER_OF[member]!.timeZone, now);
        if (entry) entries.push(entry);
      }
    }
    expect(
      entries.map((e) => `${e.member}:${e.kind}:${'frequency' in e.facts ? e.facts.frequency : ''}`).sort(),
    ).toEqual(['ada:digest:weekly', 'ben:digest:daily', 'ben:monthly-report:monthly']);

    const store = new MemoryOutbox();
    for (const m of Object.values(MEMBER_OF)) store.members.set(m.id, m);
    store.add(entries, now);
    const mailer = createMailer(
      mailConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'alerts@health.example' }) as MailOn,
    );
    expect(await delivery(store, mailer, { now }).runOnce()).toMatchObject({ sent: 3 });
    mailer.close();
    expect(smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual([
      'ada@example.com',
      'ben@example.no',
      'ben@example.no',
    ]);
    expect(smtp.received.some((r) => r.envelope.to.includes('cy@example.nl'))).toBe(false);

    const texts = smtp.received.map((r) => `${r.mail.subject}\n${r.mail.text}\n${r.mail.html}`);
    for (const text of texts) {
      // S2/S7: only accounts shared with everyone; Instagram and YouTube have no row at all.
      expect(text).toContain(name('fb-1'));
      expect(text).toContain(name('x-1'));
      for (const left of ['li-1', 'x-2', 'ig-1', 'yt-1']) expect(text).not.toContain(name(left));
    }
    const ada = smtp.received.find((r) => r.envelope.to.includes('ada@example.com'))!.mail.text!;
    // Facebook 100 + X 4 interactions, 10 + 5 conversations; followers only X's 6 (not Facebook's 1000).
    expect(ada).toContain('Interactions: 104. Conversations: 15. New X followers: 6.');
    expect(ada).toContain(
      `- ${name('fb-1')} (Facebook): Interactions 100 · Conversations 10 · New followers not counted`,
    );
    expect(ada).toContain(`- ${name('x-1')} (X): Interactions 4 · Conversations 5 · New followers 6`);
    expect(ada).not.toMatch(/\b(200|300|2000|3000|7000|8000)\b/);
  });

  it('S7: the email counts what the core digest counts (interactions with conversations, X followers)', () => {
    const core = digest(state).find((d) => d.user === 'ben')!;
    expect(core.counts).toEqual({ interactions: 100 + 10 + 4 + 5, newFollowers: 6 });
    expect(digest(state).find((d) => d.user === 'cy')!.accounts).toEqual([]);
  });
});
