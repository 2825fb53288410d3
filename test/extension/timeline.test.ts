// The timeline model (extension/lib/timeline.ts) against expectations written by hand from the rules, for
// small runs: a report (scenario.md's LinkedIn example, hand-written and as the simulator prints it), a
// hand-written report with a reminder, a publish, a transient check and a restore, and an event log of the
// extension (the demo team's stream).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REMINDER_LEAD, type RuleId } from '../../core/index.ts';
import {
  type Band,
  clampRange,
  cluster,
  type Marker,
  TAIL,
  type Timeline,
  timelineFromReport,
} from '../../extension/lib/timeline.ts';
import { timelineFromLog } from '../../extension/lib/timeline-log.ts';
import type { LogEntry } from '../../extension/lib/types.ts';
import type { ReportSnapshot, ReportStep } from '../../sim/report.ts';
import { initialAccounts } from '../../sim/report-html.ts';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';

const t = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const POSTS = {
  scheduled: 0,
  cancelled: 0,
  missed: 0,
  drafts: 0,
  published: 0,
  publishedVisible: 0,
  lost: 0,
};

/** A report snapshot with only what the timeline reads set; the rest as scenario.md's defaults. */
type SnapInput = Omit<Partial<ReportSnapshot>, 'posts'> &
  Pick<ReportSnapshot, 'status'> & { posts?: Partial<ReportSnapshot['posts']> };

function snap(id: string, more: SnapInput): ReportSnapshot {
  return {
    id,
    network: 'linkedin',
    reason: null,
    reauthDueAt: null,
    disconnectedAt: null,
    reconnectDeadline: null,
    visibleInSettings: true,
    lastCheck: null,
    canReconnect: [],
    canDisconnect: [],
    recommendedReconnector: null,
    access: 'everyone',
    default: false,
    autopublish: null,
    brand: null,
    postVisibility: 'all-sources',
    sharingLocked: false,
    ...more,
    posts: { ...POSTS, ...more.posts },
  };
}

function step(
  at: string,
  type: string,
  accounts: ReportSnapshot[],
  notifications: ReportStep['notifications'] = [],
) {
  return { at, event: { type }, source: 'scenario', rejected: null, accounts, notifications } as ReportStep;
}

const band = (
  from: string | number,
  to: string | number,
  status: Band['status'],
  more: Partial<Band> = {},
) => ({
  from: typeof from === 'number' ? from : t(from),
  to: typeof to === 'number' ? to : t(to),
  status,
  reason: null,
  rule: { connected: 'R1', 'reauth-soon': 'R7', disconnected: 'R2', lapsed: 'R5' }[status],
  ...more,
});
const mark = (
  at: string | number,
  kind: Marker['kind'],
  rule: RuleId,
  more: Partial<Marker> = {},
): Marker => {
  const when = typeof at === 'number' ? at : t(at);
  return { at: when, until: when, kind, rule, count: 1, ...more };
};
const byTime = (markers: Marker[]) =>
  [...markers].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));

// scenario.md's example: revoked on 10 January, found by the check an hour later (R2: alert to ben, who
// connected it, and ada, super admin; R3: p1 cancelled), lapsed 60 days after the disconnect (R5: p1, p2 and
// p3 lost), reconnected fresh on 15 March. scenarios/linkedin-lapse.json plays it under R8 as written: ben
// (own-accounts) is refused at midnight and ada reconnects an hour later, which is where its run ends.
const START = '2026-01-01T00:00:00Z';
const END = '2026-03-15T00:00:00Z';
const FILE_END = '2026-03-15T01:00:00Z';
const lapseEnd = (end: string) => t(end) + (t(end) - t(START)) * TAIL;
const lapseBands = (end: string) => [
  band(START, '2026-01-10T01:00:00Z', 'connected'),
  band('2026-01-10T01:00:00Z', '2026-03-11T01:00:00Z', 'disconnected', { reason: 'revoked' }),
  band('2026-03-11T01:00:00Z', end, 'lapsed', { reason: 'revoked' }),
  band(end, lapseEnd(end), 'connected'),
];
const LAPSE_MARKERS = [
  mark('2026-01-10T01:00:00Z', 'alert', 'R6', { recipients: ['ada', 'ben'] }),
  mark('2026-01-10T01:00:00Z', 'cancelled', 'R3'),
  mark('2026-01-10T01:00:00Z', 'check', 'R2', { outcome: 'auth-error' }),
  mark('2026-03-11T01:00:00Z', 'lost', 'R5', { count: 3 }),
];

/** The lapse story, reconnected (and ended) at `end`. */
function expectLapse(tl: Timeline, end = END) {
  expect(tl.from).toBe(t(START));
  expect(tl.to).toBe(lapseEnd(end));
  expect(tl.lanes.map((l) => [l.account, l.network])).toEqual([['li-1', 'linkedin']]);
  expect(tl.lanes[0]!.bands).toEqual(lapseBands(end));
  expect(byTime(tl.lanes[0]!.markers)).toEqual(LAPSE_MARKERS);
}

describe('timeline from a report', () => {
  it('R2/R3/R5/R6: the LinkedIn example, written by hand, gives a band per status and a marker per event', () => {
    const due = '2026-12-01T00:00:00Z';
    const posts = { scheduled: 1, drafts: 1, published: 1, publishedVisible: 1 };
    const revoked = { reason: 'revoked' as const, posts: { cancelled: 1, drafts: 1, published: 1 } };
    const tl = timelineFromReport({
      initial: [snap('li-1', { status: 'connected', reauthDueAt: due, posts })],
      steps: [
        step('2026-01-10T00:00:00Z', 'revoke', [
          snap('li-1', { status: 'connected', reauthDueAt: due, posts }),
        ]),
        step(
          '2026-01-10T01:00:00Z',
          'check',
          [
            snap('li-1', {
              status: 'disconnected',
              ...revoked,
              lastCheck: { at: '2026-01-10T01:00:00Z', outcome: 'auth-error', retryAt: null },
            }),
          ],
          [
            {
              at: '2026-01-10T01:00:00Z',
              kind: 'disconnect-alert',
              account: 'li-1',
              recipients: ['ben', 'ada'],
            },
          ],
        ),
        step('2026-03-11T01:00:00Z', 'lapse', [
          snap('li-1', { status: 'lapsed', reason: 'revoked', posts: { lost: 3 } }),
        ]),
        step(END, 'reconnect', [
          snap('li-1', { status: 'connected', reauthDueAt: '2027-03-15T00:00:00Z', posts: { lost: 3 } }),
        ]),
      ],
      start: t(START),
      end: t(END),
    });
    expectLapse(tl);
  });

  it('R2/R3/R5/R6/R8: the same scenario run by the simulator gives the same timeline (the refused reconnect leaves no mark)', async () => {
    const file = readFileSync(new URL('../../scenarios/linkedin-lapse.json', import.meta.url), 'utf8');
    const checked = validateScenario(file);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const report = await runScenario(checked.scenario, { transport: 'direct' });
    const initial = await initialAccounts(checked.scenario);
    expect(report.final.at).toBe(FILE_END);
    expectLapse(
      timelineFromReport({ initial, steps: report.steps, start: t(START), end: t(report.final.at) }),
      FILE_END,
    );
  });

  it('R1/R4/R6/R7/R11: reauth-soon from 7 days before the due date, a reminder, a publish, a transient check, a restore', () => {
    const due = '2026-04-01T00:00:00Z';
    const fb = (more: SnapInput) => snap('fb', { network: 'facebook', reauthDueAt: due, ...more });
    const two = { scheduled: 2 };
    const tl = timelineFromReport({
      initial: [fb({ status: 'connected', posts: two })],
      steps: [
        step('2026-01-05T00:00:00Z', 'check', [
          fb({
            status: 'connected',
            posts: two,
            lastCheck: { at: '2026-01-05T00:00:00Z', outcome: 'rate-limited', retryAt: null },
          }),
        ]),
        step('2026-01-06T00:00:00Z', 'publish', [
          fb({ status: 'connected', posts: { ...two, published: 1 } }),
        ]),
        step(
          '2026-03-25T00:00:00Z',
          'reminder',
          [fb({ status: 'reauth-soon', posts: { ...two, published: 1 } })],
          [
            {
              at: '2026-03-25T00:00:00Z',
              kind: 'reauth-reminder',
              account: 'fb',
              recipients: ['ben', 'ada'],
            },
          ],
        ),
        step('2026-03-26T01:00:00Z', 'check', [
          fb({
            status: 'disconnected',
            reason: 'revoked',
            reauthDueAt: null,
            posts: { cancelled: 2, published: 1 },
          }),
        ]),
        step('2026-03-28T00:00:00Z', 'reconnect', [
          fb({
            status: 'connected',
            reauthDueAt: '2026-06-26T00:00:00Z',
            posts: { scheduled: 1, missed: 1, published: 1 },
          }),
        ]),
      ],
      start: t('2026-01-01T00:00:00Z'),
      end: t('2026-03-28T00:00:00Z'),
    });
    const end = t('2026-03-28T00:00:00Z') + 86 * DAY * TAIL;
    expect(tl.lanes[0]!.bands).toEqual([
      band('2026-01-01T00:00:00Z', '2026-03-25T00:00:00Z', 'connected'),
      band('2026-03-25T00:00:00Z', '2026-03-26T01:00:00Z', 'reauth-soon'),
      band('2026-03-26T01:00:00Z', '2026-03-28T00:00:00Z', 'disconnected', { reason: 'revoked' }),
      band('2026-03-28T00:00:00Z', end, 'connected'),
    ]);
    expect(byTime(tl.lanes[0]!.markers)).toEqual([
      mark('2026-01-05T00:00:00Z', 'check', 'R11', { outcome: 'rate-limited' }),
      mark('2026-01-06T00:00:00Z', 'published', 'R1'),
      mark('2026-03-25T00:00:00Z', 'reminder', 'R6', { recipients: ['ada', 'ben'] }),
      mark('2026-03-26T01:00:00Z', 'cancelled', 'R3', { count: 2 }),
      mark('2026-03-28T00:00:00Z', 'missed', 'R4'),
      mark('2026-03-28T00:00:00Z', 'restored', 'R4'),
    ]);
  });

  it('R1: an account connected mid-run gets its lane from then on', () => {
    const tl = timelineFromReport({
      initial: [],
      steps: [step('2026-01-02T00:00:00Z', 'connect', [snap('new', { status: 'connected' })])],
      start: t('2026-01-01T00:00:00Z'),
      end: t('2026-01-03T00:00:00Z'),
    });
    expect(tl.lanes[0]!.bands).toEqual([band('2026-01-02T00:00:00Z', tl.to, 'connected')]);
  });
});

describe('timeline from the extension event log', () => {
  const NOW = t('2026-11-28T08:00:00Z');
  const ago = (days: number) => NOW - days * DAY;
  const FROM = ago(7);
  const TO = NOW + 7 * DAY * TAIL;
  const account = (id: string, more: Partial<Parameters<typeof timelineFromLog>[0]['accounts'][number]>) => ({
    id,
    name: `Name of ${id}`,
    network: 'facebook' as const,
    status: 'connected' as const,
    reason: null,
    reauthDueAt: NOW + 60 * DAY,
    disconnectedAt: null,
    reconnectDeadline: null,
    ...more,
  });
  const line = (at: number, account: string, key: string, more: Partial<LogEntry> = {}): LogEntry => ({
    at,
    rule: 'R1',
    account,
    message: '',
    key,
    params: {},
    source: 'rule',
    ...more,
  });

  const tl = timelineFromLog({
    now: NOW,
    accounts: [
      account('quiet', {}),
      account('revoked', {
        status: 'disconnected',
        reason: 'revoked',
        reauthDueAt: null,
        disconnectedAt: ago(2),
      }),
      account('soon', { status: 'reauth-soon', reauthDueAt: ago(4) + REMINDER_LEAD }),
      account('back', {}),
    ],
    entries: [
      // Newest first, as the panel reads them.
      line(ago(1), 'back', 'reconnected', { params: { by: 'u1', restored: 1, missed: 0 } }),
      line(ago(2), 'revoked', 'alertSent', { recipients: ['u1', 'u2'] }),
      line(ago(2), 'revoked', 'disconnected', {
        params: { reason: 'revoked', network: 'facebook', cancelled: 2 },
      }),
      line(ago(2), 'revoked', 'check', { params: { outcome: 'auth-error' } }),
      line(ago(4), 'soon', 'reminder', { params: { due: ago(4) + REMINDER_LEAD }, recipients: ['u1'] }),
      line(ago(5), 'back', 'disconnected', {
        params: { reason: 'token-expired', network: 'facebook', cancelled: 1 },
      }),
      line(ago(5), 'back', 'checkTransient', { params: { outcome: 'rate-limited', retryAt: ago(4) } }),
      line(ago(5), 'back', 'check', { params: { outcome: 'rate-limited' } }),
    ],
  });
  const lane = (id: string) => tl.lanes.find((l) => l.account === id)!;

  it('covers the last week up to now (and a sliver past it), one lane per account in view order', () => {
    expect([tl.from, tl.to]).toEqual([FROM, TO]);
    expect(tl.lanes.map((l) => l.name)).toEqual([
      'Name of quiet',
      'Name of revoked',
      'Name of soon',
      'Name of back',
    ]);
  });

  it('R1: an account nothing happened to is connected all along', () => {
    expect(lane('quiet').bands).toEqual([band(FROM, TO, 'connected')]);
    expect(lane('quiet').markers).toEqual([]);
  });

  it('R2/R3/R6: a revocation found by a check: the band turns, the check, the cancelled posts and the alert', () => {
    expect(lane('revoked').bands).toEqual([
      band(FROM, ago(2), 'connected'),
      band(ago(2), TO, 'disconnected', { reason: 'revoked' }),
    ]);
    expect(byTime(lane('revoked').markers)).toEqual([
      mark(ago(2), 'alert', 'R6', { recipients: ['u1', 'u2'] }),
      mark(ago(2), 'cancelled', 'R3', { count: 2 }),
      mark(ago(2), 'check', 'R2', { outcome: 'auth-error' }),
    ]);
  });

  it('R6/R7: reauth-soon from the reminder on, with its recipients', () => {
    expect(lane('soon').bands).toEqual([band(FROM, ago(4), 'connected'), band(ago(4), TO, 'reauth-soon')]);
    expect(lane('soon').markers).toEqual([mark(ago(4), 'reminder', 'R6', { recipients: ['u1'] })]);
  });

  it('R4/R11: a transient check (one marker for its two lines), a disconnect, a reconnect that restores', () => {
    expect(lane('back').bands).toEqual([
      band(FROM, ago(5), 'connected'),
      band(ago(5), ago(1), 'disconnected', { reason: 'token-expired' }),
      band(ago(1), TO, 'connected'),
    ]);
    expect(byTime(lane('back').markers)).toEqual([
      mark(ago(5), 'cancelled', 'R3'),
      mark(ago(5), 'check', 'R11', { outcome: 'rate-limited' }),
      mark(ago(1), 'restored', 'R4'),
    ]);
  });
});

describe('clusters and zoom', () => {
  it('ten ok checks an hour apart become one marker at a day’s resolution; reminders never merge', () => {
    const checks = Array.from({ length: 10 }, (_, i) => mark(i * HOUR, 'check', 'R11', { outcome: 'ok' }));
    const reminders = [
      mark(0, 'reminder', 'R6', { recipients: ['a'] }),
      mark(HOUR, 'reminder', 'R6', { recipients: ['b'] }),
    ];
    expect(cluster([...checks, ...reminders], DAY)).toEqual([
      mark(0, 'check', 'R11', { outcome: 'ok', count: 10, until: 9 * HOUR }),
      reminders[0],
      reminders[1],
    ]);
  });

  it('checks with different outcomes stay apart', () => {
    const ok = mark(0, 'check', 'R11', { outcome: 'ok' });
    const refused = mark(HOUR, 'check', 'R2', { outcome: 'auth-error' });
    expect(cluster([ok, refused], DAY)).toEqual([ok, refused]);
  });

  it('a zoom range stays inside the timeline and keeps a minimum length', () => {
    const tl = { from: 0, to: 10 * DAY, lanes: [] };
    expect(clampRange(tl, -DAY, 2 * DAY)).toEqual([0, 3 * DAY]);
    expect(clampRange(tl, 9 * DAY, 12 * DAY)).toEqual([7 * DAY, 10 * DAY]);
    expect(clampRange(tl, DAY, DAY, HOUR)).toEqual([DAY, DAY + HOUR]);
  });
});
