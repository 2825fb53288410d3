// Issue #12, rule fidelity: an account lives exactly as long as its network says, and nothing is concluded
// from an answer that does not say it. Scenario files in scenarios/ through the real runner, adapters and
// mock networks; each test names the rules it proves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { Report } from './report-schema.ts';

const ROOT = join(import.meta.dirname, '../..');
const DAY = 86_400_000;
const T = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (n: number) => iso(T + n * DAY);

async function run(file: string): Promise<Report> {
  const checked = validateScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return Report.parse(await runScenario(checked.scenario));
}

/** The account as the last step at `at` (of `type`, if given) left it. */
function at(r: Report, when: string, id: string, type?: string) {
  const step = r.steps.filter((s) => s.at === when && (!type || s.event.type === type)).at(-1);
  if (!step) throw new Error(`no step at ${when}`);
  const account = step.accounts.find((a) => a.id === id);
  if (!account) throw new Error(`no ${id} at ${when}`);
  return { step, account };
}

describe('untouched-accounts.json: upkeep at its own instant (scenario.md, R1, R6, R12)', async () => {
  const r = await run('untouched-accounts.json');

  it.each(['fb-page', 'ig-shop'])(
    'R1/R6/R7: %s, connected at t and never checked, is connected at t+82 d, reminded once at t+83 d, reauth-soon at t+85 d and disconnected reauth-required at exactly t+90 d',
    (id) => {
      expect(at(r, day(82), id).account).toMatchObject({ status: 'connected', reauthDueAt: day(90) });
      const reminders = r.steps.flatMap((s) =>
        s.notifications.filter((n) => n.account === id && n.kind === 'reauth-reminder'),
      );
      expect(reminders).toEqual([
        { at: day(83), kind: 'reauth-reminder', account: id, recipients: ['ada', 'ben'] },
      ]);
      expect(at(r, day(85), id).account.status).toBe('reauth-soon');
      const due = at(r, day(90), id, 'reauth-due');
      expect(due.step.source).toBe('rule');
      expect(due.account).toMatchObject({
        status: 'disconnected',
        reason: 'reauth-required',
        disconnectedAt: day(90),
        reconnectDeadline: day(90 + 365),
      });
      // Nothing disconnected it before its due date (the old product lost it at day 60 or 78).
      const earlier = r.steps
        .filter((s) => s.at < day(90))
        .flatMap((s) => s.accounts.filter((a) => a.id === id));
      for (const a of earlier) expect(a.status === 'connected' || a.status === 'reauth-soon').toBe(true);
    },
  );

  it('R12: the Instagram token is renewed at its own instant, a week before it expires, as a rule step', () => {
    const renewals = r.steps
      .filter((s) => s.event.type === 'renew')
      .map((s) => [s.at, s.event.account, s.source]);
    // World.grant renews at the scenario's start: 60-day tokens, renewed at day 53.
    expect(renewals).toContainEqual([day(53), 'ig-shop', 'rule']);
    expect(renewals).toContainEqual([day(53), 'ig-checked', 'rule']);
    // The Facebook Page token does not expire: nothing renews it (networks.md §1.2 Decision).
    expect(renewals.filter(([, id]) => id === 'fb-page')).toEqual([]);
  });

  it("R12: an Instagram account checked at day 68 (past the first token's 60 days) is ok", () => {
    expect(at(r, day(68), 'ig-checked', 'check').account).toMatchObject({
      status: 'connected',
      lastCheck: { at: day(68), outcome: 'ok', retryAt: null },
    });
  });

  it('R12/R6: a renewal the network refuses disconnects at the renewal instant, with an alert', () => {
    const refused = at(r, day(53), 'ig-revoked', 'renew');
    expect(refused.step.source).toBe('rule');
    expect(refused.account).toMatchObject({
      status: 'disconnected',
      reason: 'revoked',
      disconnectedAt: day(53),
    });
    expect(refused.step.notifications).toEqual([
      { at: day(53), kind: 'disconnect-alert', account: 'ig-revoked', recipients: ['ada', 'ben'] },
    ]);
  });

  it('R12: an X account checked daily for 30 days stays ok (rotating refresh tokens)', () => {
    const checks = r.steps.filter((s) => s.event.type === 'check' && s.event.account === 'x-daily');
    expect(checks).toHaveLength(30);
    for (const s of checks) {
      expect(s.accounts.find((a) => a.id === 'x-daily')).toMatchObject({
        status: 'connected',
        lastCheck: expect.objectContaining({ outcome: 'ok' }),
      });
    }
  });

  it('R12: a YouTube account untouched for seven months is still connected (its refresh token is kept alive)', () => {
    // Google's refresh token stops working after six months unused [G-OAUTH2]: the upkeep uses it first.
    const keepAlive = r.steps.filter((s) => s.event.type === 'renew' && s.event.account === 'yt-quiet');
    expect(keepAlive.map((s) => s.at)).toEqual(['2026-05-31T00:59:59Z']);
    expect(at(r, day(212), 'yt-quiet', 'check').account).toMatchObject({
      status: 'connected',
      lastCheck: expect.objectContaining({ outcome: 'ok' }),
    });
  });
});

describe('unexplained-answers.json: only an explained answer disconnects (R2, R11, R12)', async () => {
  const r = await run('unexplained-answers.json');

  it("R2: X's locked-account answer (403, code 326) is security, with an alert (networks.md §3.4 Decision)", () => {
    const locked = at(r, '2026-06-01T01:30:00Z', 'x-locked', 'check');
    expect(locked.account).toMatchObject({ status: 'disconnected', reason: 'security' });
    expect(locked.step.notifications.map((n) => n.kind)).toEqual(['disconnect-alert']);
  });

  it("R11/R12: a single unexplained 401 from X's token endpoint leaves the account connected, marks the check unavailable and retries with backoff", () => {
    const first = at(r, '2026-06-01T03:00:00Z', 'x-quiet', 'check');
    expect(first.account).toMatchObject({
      status: 'connected',
      lastCheck: { at: '2026-06-01T03:00:00Z', outcome: 'unavailable', retryAt: '2026-06-01T03:05:00Z' },
    });
    expect(first.step.notifications).toEqual([]);
    expect(at(r, '2026-06-01T03:10:00Z', 'x-quiet', 'check').account.lastCheck?.outcome).toBe('ok');
  });

  it('R12: a 401 from the API with an unexpired token gets one refresh and one retry: ok', () => {
    expect(at(r, '2026-06-01T04:00:00Z', 'x-quiet', 'check').account).toMatchObject({
      status: 'connected',
      lastCheck: expect.objectContaining({ outcome: 'ok' }),
    });
  });

  it("R11: an HTML 401 from Google's token endpoint is not understood: unavailable, never a disconnect", () => {
    expect(at(r, '2026-06-01T05:00:00Z', 'yt-quiet', 'check').account).toMatchObject({
      status: 'connected',
      lastCheck: expect.objectContaining({ outcome: 'unavailable' }),
    });
    expect(at(r, '2026-06-01T05:10:00Z', 'yt-quiet', 'check').account.lastCheck?.outcome).toBe('ok');
  });
});
