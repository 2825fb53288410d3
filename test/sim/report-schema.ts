// The report of ../shared/spec/scenario.md ("Report (stdout, JSON)") as a strict zod schema, written from the
// spec (not from the code): a field the spec does not name, or a missing one, fails the test.
import { z } from 'zod';

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
const Ids = z.array(z.string()).refine((a) => a.every((x, i) => i === 0 || a[i - 1]! <= x), 'sorted');
const Network = z.enum(['facebook', 'instagram', 'x', 'linkedin', 'youtube']);

export const AccountSnapshot = z.strictObject({
  id: z.string(),
  network: Network,
  status: z.enum(['connected', 'reauth-soon', 'disconnected', 'lapsed']),
  reason: z
    .enum(['reauth-required', 'revoked', 'token-expired', 'security', 'inactive', 'deleted', 'manual'])
    .nullable(),
  reauthDueAt: Iso.nullable(),
  disconnectedAt: Iso.nullable(),
  reconnectDeadline: Iso.nullable(),
  visibleInSettings: z.boolean(),
  lastCheck: z
    .strictObject({
      at: Iso,
      outcome: z.enum(['ok', 'auth-error', 'rate-limited', 'unavailable', 'network-error']),
      retryAt: Iso.nullable(),
    })
    .nullable(),
  posts: z.strictObject({
    scheduled: z.number().int(),
    cancelled: z.number().int(),
    missed: z.number().int(),
    drafts: z.number().int(),
    published: z.number().int(),
    publishedVisible: z.number().int(),
    lost: z.number().int(),
  }),
  canReconnect: Ids,
  canDisconnect: Ids,
  recommendedReconnector: z.string().nullable(),
  access: z.union([
    z.literal('everyone'),
    z.literal('private'),
    z.strictObject({ users: z.array(z.string()), teams: z.array(z.string()) }),
  ]),
  default: z.boolean(),
  autopublish: z.string().nullable(),
  brand: z.string().nullable(),
  postVisibility: z.enum(['all-sources', 'app-only']),
  sharingLocked: z.boolean(),
});

export const Notification = z.strictObject({
  at: Iso,
  kind: z.enum(['reauth-reminder', 'disconnect-alert']),
  account: z.string(),
  recipients: Ids,
});

const Step = z.strictObject({
  at: Iso,
  event: z.looseObject({ type: z.string() }),
  source: z.enum(['scenario', 'rule']),
  rejected: z.strictObject({ rule: z.string().regex(/^[RS]\d+$/), message: z.string().min(1) }).nullable(),
  accounts: z.array(AccountSnapshot),
  notifications: z.array(Notification),
});

export const Report = z.strictObject({
  name: z.string(),
  steps: z.array(
    Step.refine(
      (s) =>
        s.source === 'scenario' ||
        ['reauth-due', 'reminder', 'lapse', 'post-due', 'autopublish', 'renew'].includes(s.event.type),
      'a rule step is one of reauth-due, reminder, lapse, post-due, autopublish, renew',
    ),
  ),
  final: z.strictObject({
    at: Iso,
    accounts: z.array(AccountSnapshot),
    digest: z.array(
      z.strictObject({
        user: z.string(),
        frequency: z.enum(['off', 'daily', 'weekly']),
        monthlyReport: z.boolean(),
        accounts: Ids,
        counts: z.strictObject({ interactions: z.number().int(), newFollowers: z.number().int() }),
      }),
    ),
  }),
});
export type Report = z.infer<typeof Report>;
