// A team for the email tests: four members in three languages and three time zones, one Facebook Page
// with scheduled posts, and what the core says when its reminder comes due or the network locks it.
import {
  type AccountInput,
  apply,
  createState,
  DAY,
  type Effect,
  type Notification,
  runUntil,
  type State,
  type StateInput,
} from '../../core/index.ts';
import { createDelivery, type Delivery } from '../../server/mail/delivery.ts';
import type { Links } from '../../server/mail/links.ts';
import type { Mailer } from '../../server/mail/mailer.ts';
import type { MemberContact, MemoryOutbox, NewOutboxEntry } from '../../server/mail/outbox.ts';

export const TEAM = { id: 'team-1', name: 'Nordlys Media' };
/** 2026-09-01 10:00 UTC; the Page's reauthorization is due 90 days later, 2026-11-30 10:00 UTC (R1). */
export const T0 = Date.parse('2026-09-01T10:00:00Z');
export const DUE = T0 + 90 * DAY;
export const REMINDER = DUE - 7 * DAY;

export const USERS: StateInput['users'] = [
  { id: 'ada', name: 'Ada Lovelace', superAdmin: true, permission: 'all-accounts' },
  { id: 'bjorn', name: 'Bjørn Hansen', permission: 'all-accounts' },
  { id: 'cas', name: 'Cas de Vries', permission: 'all-accounts' },
  { id: 'dee', name: 'Dee Quinn', permission: 'all-accounts' },
];

export const MEMBERS: Record<string, MemberContact> = {
  ada: member('ada', 'Ada Lovelace', 'ada@example.com', 'en-GB', 'Europe/London'),
  bjorn: member('bjorn', 'Bjørn Hansen', 'bjorn@example.no', 'nb-NO', 'Europe/Oslo'),
  cas: member('cas', 'Cas de Vries', 'cas@example.nl', 'nl-NL', 'Europe/Amsterdam'),
  dee: member('dee', 'Dee Quinn', null, 'en-US', 'America/New_York'),
};

function member(
  id: string,
  name: string,
  email: string | null,
  locale: string,
  timeZone: string,
): MemberContact {
  return { id, name, email, locale, timeZone, subscribed: { digest: true, report: true } };
}

export const PAGE: AccountInput = {
  id: 'fb-1',
  network: 'facebook',
  connectedBy: 'bjorn',
  connectedAt: T0,
  // User data with HTML in it: it must arrive as text.
  profile: { networkUserId: '1001', name: 'Fjord & Fjell <Oslo>', handle: null, avatarUrl: null },
};

export function teamState(extra: Partial<StateInput> = {}): State {
  return createState({
    plan: 'enterprise',
    users: USERS,
    accounts: [PAGE],
    posts: [
      // cas: two posts after the due date (a disconnect would cancel them), bjorn one before it, and dee
      // (no email address) one after it.
      { id: 'p1', account: 'fb-1', state: 'scheduled', at: DUE + 2 * DAY, author: 'cas' },
      { id: 'p2', account: 'fb-1', state: 'scheduled', at: DUE + 5 * DAY, author: 'cas' },
      { id: 'p3', account: 'fb-1', state: 'scheduled', at: DUE - 3 * DAY, author: 'bjorn' },
      { id: 'p4', account: 'fb-1', state: 'scheduled', at: DUE + 1 * DAY, author: 'dee' },
    ],
    ...extra,
  });
}

const notifications = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));

/** R6: the rules run up to the reminder; the state right after it and its notification. */
export function reminder(state = teamState()): { state: State; notification: Notification } {
  const run = runUntil(state, T0, REMINDER);
  const found = run.steps.flatMap((s) => notifications(s.effects));
  if (found.length !== 1) throw new Error(`expected one reminder, got ${found.length}`);
  return { state: run.state, notification: found[0]! };
}

/** R6 Decision: a health check finds the Page locked by Facebook (`security`) at `at`. */
export function securityAlert(
  at = T0 + 40 * DAY,
  state = teamState(),
): { state: State; notification: Notification } {
  const result = apply(
    state,
    { type: 'checked', results: [{ account: 'fb-1', outcome: { kind: 'auth-error', reason: 'security' } }] },
    at,
  );
  const found = notifications(result.effects);
  if (found.length !== 1) throw new Error(`expected one alert, got ${found.length}`);
  return { state: result.state, notification: found[0]! };
}

export const TEST_LINKS: Links = {
  action: (team, account) => `https://health.example/reconnect?team=${team}&account=${account}`,
  settings: (team) => `https://health.example/settings/email?team=${team}`,
  unsubscribe: async (team, member, kind) => `https://health.example/unsubscribe?t=${team}.${member}.${kind}`,
};

export function delivery(
  store: MemoryOutbox,
  mailer: Mailer,
  clock: { now: number },
  leaseMs = 5 * 60_000,
): Delivery {
  return createDelivery({
    store,
    mailer,
    links: TEST_LINKS,
    domain: 'health.example',
    now: () => clock.now,
    leaseMs,
  });
}

/** A daily digest for Bjørn, as the digest job would queue it. */
export const DIGEST_ENTRY: NewOutboxEntry = {
  key: `digest:${TEAM.id}:bjorn:${REMINDER - DAY}`,
  team: TEAM.id,
  member: 'bjorn',
  kind: 'digest',
  facts: {
    kind: 'digest',
    team: TEAM,
    frequency: 'daily',
    from: REMINDER - DAY,
    to: REMINDER,
    accounts: [
      {
        id: 'fb-1',
        network: 'facebook',
        name: 'Fjord Page',
        access: 'everyone',
        counts: { interactions: 3, conversations: 1, newFollowers: 0 },
      },
    ],
  },
};
