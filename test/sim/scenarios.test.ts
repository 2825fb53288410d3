// Issue #4: every example in scenarios/ runs through the real adapters and mock networks, its report has
// the shape scenario.md specifies, and the outcomes each file is about hold.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { Report } from './report-schema.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILES = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));

async function run(file: string, transport: 'msw' | 'direct' = 'msw'): Promise<Report> {
  const checked = validateScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return Report.parse(await runScenario(checked.scenario, { transport }));
}

/** The snapshot of `id` after the step at `at` (the last one at that instant when `type` is not given). */
function after(r: Report, at: string, id: string, type?: string) {
  const step = r.steps.filter((s) => s.at === at && (!type || s.event.type === type)).at(-1);
  if (!step) throw new Error(`no step at ${at}`);
  return { step, account: step.accounts.find((a) => a.id === id)! };
}
const final = (r: Report, id: string) => r.final.accounts.find((a) => a.id === id)!;
const rejections = (r: Report) =>
  r.steps.filter((s) => s.source === 'scenario').map((s) => s.rejected?.rule ?? null);

describe('scenarios/', () => {
  it('has an example per rule family', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        '90-day-reauth.json',
        'linkedin-lapse.json',
        'revocation-and-restore.json',
        'outage-and-rate-limit.json',
        'permissions.json',
        'settings.json',
        'short-lived-tokens.json',
        'untouched-accounts.json',
        'unexplained-answers.json',
      ]),
    );
  });

  it.each(FILES)('%s: runs and its report has the shape of scenario.md', async (file) => {
    const r = await run(file);
    expect(r.steps.length).toBeGreaterThan(0);
    // Time order, and accounts in file order in every step.
    for (let i = 1; i < r.steps.length; i++) expect(r.steps[i]!.at >= r.steps[i - 1]!.at).toBe(true);
  });

  it.each(FILES)('%s: the report is the same through MSW and through the direct transport', async (file) => {
    expect(JSON.stringify(await run(file, 'direct'))).toBe(JSON.stringify(await run(file, 'msw')));
  });

  it('the same file run twice prints byte-identical stdout', () => {
    const cli = () =>
      spawnSync(process.execPath, ['sim/cli.ts', 'scenarios/revocation-and-restore.json'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const [a, b] = [cli(), cli()];
    expect(a.status).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    // Two child processes through MSW: a couple of seconds idle, more on a busy machine.
  }, 30_000);
});

describe('scenario outcomes', () => {
  it('linkedin-lapse (the scenario.md example): R3 on revocation, R6 alert, R5 lapse at 60 days, R8 refuses the own-accounts connector, fresh reconnect', async () => {
    const r = await run('linkedin-lapse.json');
    const checked = after(r, '2026-01-10T01:00:00Z', 'li-1');
    expect(checked.account).toMatchObject({
      status: 'disconnected',
      reason: 'revoked',
      reconnectDeadline: '2026-03-11T01:00:00Z',
    });
    expect(checked.account.posts).toMatchObject({
      scheduled: 0,
      cancelled: 1,
      published: 1,
      publishedVisible: 0,
      drafts: 1,
    });
    expect(checked.step.notifications).toEqual([
      { at: '2026-01-10T01:00:00Z', kind: 'disconnect-alert', account: 'li-1', recipients: ['ada', 'ben'] },
    ]);
    const lapse = after(r, '2026-03-11T01:00:00Z', 'li-1', 'lapse');
    expect(lapse.step.source).toBe('rule');
    expect(lapse.account).toMatchObject({
      status: 'lapsed',
      posts: expect.objectContaining({ lost: 3, drafts: 0 }),
    });
    // R8 Decision: ben (own-accounts) connected it but may not reconnect it; the refusal names a super admin.
    expect(after(r, '2026-03-15T00:00:00Z', 'li-1', 'reconnect').step.rejected).toEqual({
      rule: 'R8',
      message: expect.stringMatching(
        /^Only users with the "All accounts" permission and access to .+ can reconnect it\. Ask a super admin \(ada\)\.$/,
      ),
    });
    expect(final(r, 'li-1')).toMatchObject({ status: 'connected', reauthDueAt: '2027-03-15T01:00:00Z' });
    expect(final(r, 'li-1').posts).toMatchObject({ scheduled: 0, published: 0, drafts: 0 });
  });

  it('90-day-reauth: R6 reminder a week before, R7 refresh restarts the clock, R1 disconnect when due, x counts activity', async () => {
    const r = await run('90-day-reauth.json');
    const reminder = after(r, '2026-01-06T00:00:00Z', 'fb-page', 'reminder');
    expect(reminder.account.status).toBe('reauth-soon');
    expect(reminder.step.notifications).toEqual([
      {
        at: '2026-01-06T00:00:00Z',
        kind: 'reauth-reminder',
        account: 'fb-page',
        recipients: ['ada', 'ben', 'cy'],
      },
    ]);
    expect(after(r, '2026-01-10T08:00:00Z', 'fb-page').account).toMatchObject({
      status: 'connected',
      reauthDueAt: '2026-04-10T08:00:00Z',
    });
    const due = after(r, '2026-01-18T00:00:00Z', 'ig-shop', 'reauth-due');
    expect(due.account).toMatchObject({
      status: 'disconnected',
      reason: 'reauth-required',
      reconnectDeadline: '2027-01-18T00:00:00Z',
    });
    expect(due.account.posts.cancelled).toBe(1);
    expect(after(r, '2026-01-23T00:00:00Z', 'x-news', 'reminder').account.status).toBe('reauth-soon');
    expect(after(r, '2026-01-25T12:00:00Z', 'x-news', 'post-due').account).toMatchObject({
      status: 'connected',
      reauthDueAt: '2026-04-25T12:00:00Z',
    });
  });

  it('revocation-and-restore: R2 reasons from the networks, R4 restore inside the window, R6 alerts', async () => {
    const r = await run('revocation-and-restore.json');
    const check = after(r, '2026-03-03T00:00:00Z', 'fb-brand');
    expect(check.account).toMatchObject({ status: 'disconnected', reason: 'security' });
    expect(after(r, '2026-03-03T00:00:00Z', 'li-corp').account).toMatchObject({
      status: 'disconnected',
      reason: 'revoked',
    });
    expect(after(r, '2026-03-03T00:00:00Z', 'yt-channel').account).toMatchObject({
      status: 'disconnected',
      reason: 'deleted',
    });
    expect(after(r, '2026-03-03T00:00:00Z', 'ig-shop').account.status).toBe('connected');
    expect(check.step.notifications.map((n) => n.account)).toEqual(['fb-brand', 'li-corp', 'yt-channel']);
    const restored = after(r, '2026-03-20T00:00:00Z', 'li-corp').account;
    expect(restored).toMatchObject({ status: 'connected', lastCheck: null });
    expect(restored.posts).toMatchObject({
      scheduled: 1,
      missed: 1,
      cancelled: 0,
      publishedVisible: 1,
      drafts: 1,
    });
    expect(final(r, 'ig-shop')).toMatchObject({ status: 'disconnected', reason: 'token-expired' });
  });

  it('outage-and-rate-limit: R11 never disconnects, honours the retry instant and backs off publishing', async () => {
    const r = await run('outage-and-rate-limit.json');
    for (const step of r.steps) for (const a of step.accounts) expect(a.status).toBe('connected');
    expect(after(r, '2026-04-01T10:30:00Z', 'x-main', 'check').account.lastCheck?.outcome).toBe(
      'unavailable',
    );
    expect(after(r, '2026-04-01T11:00:00Z', 'li-main', 'check').account.lastCheck).toMatchObject({
      outcome: 'rate-limited',
      retryAt: '2026-04-02T00:00:00Z',
    });
    expect(after(r, '2026-04-01T11:05:00Z', 'fb-main', 'check').account.lastCheck?.outcome).toBe(
      'rate-limited',
    );
    expect(after(r, '2026-04-01T11:10:00Z', 'yt-main', 'check').account.lastCheck?.outcome).toBe(
      'rate-limited',
    );
    const attempts = r.steps.filter((s) => s.event.type === 'post-due').map((s) => s.at.slice(11, 16));
    expect(attempts).toEqual(['12:00', '12:05', '12:15', '12:35', '13:15', '14:35']);
    expect(final(r, 'x-main').posts.published).toBe(1);
  });

  it('permissions: R10 and S3 refuse disconnects; R8 refuses reconnects to an own-accounts connector and to all-accounts users without access, and accepts one with access', async () => {
    const r = await run('permissions.json');
    expect(rejections(r)).toEqual(['R10', 'S3', null, 'R8', 'R8', null, null, null, null, 'R8', null]);
    const messages = r.steps.filter((s) => s.rejected?.rule === 'R8').map((s) => s.rejected!.message);
    expect(messages.map((m) => m.replace(/^.* can reconnect it\. /, ''))).toEqual([
      // ada is a super admin without access to the private account: she may give access first (S2).
      'As a super admin, you can give access to someone with that permission first.',
      // ben (own-accounts) connected it: R8 as written refuses him too, and names the super admin.
      'Ask a super admin (ada).',
      // eve (all-accounts) has no access to the emea account; ben, who connected it, may not reconnect it.
      'Ask a super admin (ada).',
    ]);
    // ada gives everyone access, then reconnects it herself.
    expect(after(r, '2026-05-01T07:00:00Z', 'x-private').account).toMatchObject({
      status: 'connected',
      canReconnect: ['ada', 'dee', 'eve'],
    });
    expect(final(r, 'li-emea').status).toBe('connected');
    expect(final(r, 'x-private').status).toBe('connected');
  });

  it('settings: S1 auto-publishing, S2 access, S3 draft-only, S4 lock, S5 defaults, S7 digest, S8 brands', async () => {
    const r = await run('settings.json');
    expect(rejections(r)).toEqual([
      'S1',
      'S1',
      'S3',
      null,
      null,
      'S1',
      'S2',
      'S5',
      null,
      null,
      null,
      null,
      null,
    ]);
    const shared = after(r, '2026-06-01T10:15:00Z', 'fb-north', 'autopublish');
    expect(shared.account.posts.published).toBe(1);
    expect(final(r, 'fb-north')).toMatchObject({ default: true, autopublish: 'news', brand: 'south' });
    expect(final(r, 'x-2')).toMatchObject({ postVisibility: 'all-sources', sharingLocked: true });
    expect(r.final.digest.find((d) => d.user === 'ben')).toEqual({
      user: 'ben',
      frequency: 'weekly',
      monthlyReport: true,
      accounts: ['fb-north', 'ig-north', 'x-1', 'x-2'],
      counts: { interactions: 0, newFollowers: 0 },
    });
  });

  it('short-lived-tokens: R12 refreshes X and YouTube tokens silently; only a refused refresh disconnects', async () => {
    const r = await run('short-lived-tokens.json');
    const daily = r.steps.filter((s) => s.event.type === 'check' && s.at < '2026-07-09');
    expect(daily).toHaveLength(7);
    for (const s of daily)
      for (const a of s.accounts)
        expect(a).toMatchObject({
          status: 'connected',
          lastCheck: expect.objectContaining({ outcome: 'ok' }),
        });
    expect(final(r, 'x-brand').posts.published).toBe(1);
    const refused = after(r, '2026-07-09T01:00:00Z', 'yt-brand', 'check');
    expect(refused.account).toMatchObject({ status: 'disconnected', reason: 'token-expired' });
    expect(refused.step.notifications).toEqual([
      { at: '2026-07-09T01:00:00Z', kind: 'disconnect-alert', account: 'yt-brand', recipients: ['ada'] },
    ]);
  });
});

describe('--changed-only', () => {
  it('lists an account when its status or check outcome changed, not for a routine check', async () => {
    const checked = validateScenario(
      readFileSync(join(ROOT, 'scenarios/outage-and-rate-limit.json'), 'utf8'),
    );
    if (!checked.ok) throw new Error('invalid');
    const r = Report.parse(await runScenario(checked.scenario, { changedOnly: true }));
    const ids = (at: string) =>
      r.steps
        .filter((s) => s.at === at && s.event.type === 'check')
        .at(-1)!
        .accounts.map((a) => a.id);
    // First check: every account gets its first check outcome.
    expect(ids('2026-04-01T10:30:00Z')).toEqual(['x-main', 'li-main', 'fb-main', 'yt-main']);
    // 15:00: x recovers (unavailable -> ok) and fb's rate limit is over; li and yt are still waiting (R11).
    expect(ids('2026-04-01T15:00:00Z')).toEqual(['x-main', 'fb-main']);
    expect(r.final.accounts).toHaveLength(4);
  });
});
