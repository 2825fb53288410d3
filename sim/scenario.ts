// The scenario file contract of ../shared/spec/scenario.md as a strict zod schema: unknown fields are
// rejected, references are checked, and every problem is reported with the path of the bad field.
import { z } from 'zod';
import {
  DigestFrequency,
  DisconnectReason,
  Network,
  Permission,
  Plan,
  PostVisibility,
} from '../core/schemas.ts';
import { Id } from './id.ts';
import { IsoInstant } from './instant.ts';
import { describeIssue, formatPath } from './issues.ts';
import { readScenarioText } from './json-text.ts';
import { NetworkEvent } from './world/fault-events.ts';

export { NetworkEvent, NetworkFault } from './world/fault-events.ts';

const ScenarioUser = z.strictObject({
  id: Id,
  superAdmin: z.boolean().optional(),
  permission: Permission,
  teams: z.array(Id).optional(),
});

const ScenarioAccess = z.union(
  [
    z.literal('everyone'),
    z.literal('private'),
    z.strictObject({ users: z.array(Id).optional(), teams: z.array(Id).optional() }),
  ],
  { error: 'expected "everyone", "private" or { "users": [...], "teams": [...] }' },
);

const ScenarioAccount = z.strictObject({
  id: Id,
  network: Network,
  connectedBy: Id,
  connectedAt: IsoInstant,
  lastActiveAt: IsoInstant.optional(),
  state: z.enum(['connected', 'disconnected']).optional(),
  disconnectedAt: IsoInstant.optional(),
  reason: DisconnectReason.optional(),
  access: ScenarioAccess.optional(),
  postVisibility: PostVisibility.optional(),
  default: z.boolean().optional(),
  brand: Id.optional(),
});

const ScenarioPost = z.strictObject({
  id: Id,
  account: Id,
  state: z.enum(['scheduled', 'draft', 'published']),
  at: IsoInstant.optional(),
  author: Id,
});

const at = IsoInstant;
const account = Id;
const by = Id;
const network = Network;

const AppEvent = [
  z.strictObject({ at, type: z.literal('check'), account: account.optional() }),
  z.strictObject({ at, type: z.literal('publish'), account, post: Id.optional() }),
  z.strictObject({
    at,
    type: z.literal('connect'),
    account,
    network,
    by,
    postVisibility: PostVisibility.optional(),
  }),
  z.strictObject({
    at,
    type: z.literal('reconnect'),
    account,
    by,
    postVisibility: PostVisibility.optional(),
  }),
  z.strictObject({ at, type: z.literal('refresh-connection'), account, by }),
  z.strictObject({ at, type: z.literal('disconnect'), account, by }),
  z.strictObject({ at, type: z.literal('set-access'), account, by, access: ScenarioAccess }),
  z.strictObject({ at, type: z.literal('set-default'), account, by, value: z.boolean() }),
  z.strictObject({ at, type: z.literal('set-autopublish'), account, by, blog: Id.nullable() }),
  z.strictObject({ at, type: z.literal('blog-post'), blog: Id, title: z.string(), url: z.string() }),
  z.strictObject({ at, type: z.literal('assign-brand'), account, by, brand: Id }),
  z.strictObject({
    at,
    type: z.literal('set-digest'),
    user: Id,
    frequency: DigestFrequency,
    monthlyReport: z.boolean(),
  }),
] as const;

const ScenarioEvent = z.discriminatedUnion('type', [...NetworkEvent, ...AppEvent], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `unknown event type; expected one of ${EVENT_TYPES.join(', ')}`
      : undefined,
});

export const ScenarioShape = z.strictObject({
  name: z.string(),
  start: IsoInstant,
  plan: Plan.optional(),
  brandsAddon: z.boolean().optional(),
  users: z.array(ScenarioUser).min(1, { error: 'a scenario needs at least one user' }),
  teams: z.array(Id).optional(),
  brands: z.array(Id).optional(),
  accounts: z.array(ScenarioAccount),
  posts: z.array(ScenarioPost).optional(),
  blogs: z.array(z.strictObject({ id: Id })).optional(),
  events: z.array(ScenarioEvent),
});
export type Scenario = z.infer<typeof ScenarioShape>;
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

const EVENT_TYPES = [...NetworkEvent, ...AppEvent].map((s) => s.shape.type.value);

type Issue = { path: (string | number)[]; message: string };

/** Checks that need the whole file: references, order, and combinations the rules forbid at set-up. */
function crossCheck(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const users = new Set(s.users.map((u) => u.id));
  const accounts = new Map(s.accounts.map((a) => [a.id, a]));
  const posts = new Map((s.posts ?? []).map((p) => [p.id, p]));
  const blogs = new Set((s.blogs ?? []).map((b) => b.id));
  const brands = new Set(s.brands ?? []);
  const teams = s.teams ? new Set(s.teams) : null;
  const enterprise = (s.plan ?? 'professional') === 'enterprise';
  const add = (path: Issue['path'], message: string) => issues.push({ path, message });
  const user = (path: Issue['path'], id: string) => {
    if (!users.has(id)) add(path, `unknown user "${id}"`);
  };
  const team = (path: Issue['path'], id: string) => {
    if (teams && !teams.has(id)) add(path, `unknown team "${id}"`);
  };

  const unique = (list: { id: string }[], name: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) add([name, i, 'id'], `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
  };
  unique(s.users, 'users');
  unique(s.accounts, 'accounts');
  unique(s.posts ?? [], 'posts');

  s.users.forEach((u, i) => {
    if (u.permission === 'draft-only' && !enterprise) {
      add(['users', i, 'permission'], '"draft-only" is only available on the enterprise plan (S3)');
    }
    u.teams?.forEach((t, j) => {
      team(['users', i, 'teams', j], t);
    });
  });

  const access = (path: Issue['path'], a: Scenario['accounts'][number]['access']) => {
    if (typeof a !== 'object') return;
    if (!enterprise) add(path, 'access for selected users and teams needs the enterprise plan (S2)');
    a.users?.forEach((u, j) => {
      user([...path, 'users', j], u);
    });
    a.teams?.forEach((t, j) => {
      team([...path, 'teams', j], t);
    });
  };

  const start = Date.parse(s.start);
  s.accounts.forEach((a, i) => {
    const p = ['accounts', i];
    user([...p, 'connectedBy'], a.connectedBy);
    if (Date.parse(a.connectedAt) > start) add([...p, 'connectedAt'], 'must not be after the scenario start');
    if (a.state === 'disconnected') {
      if (!a.disconnectedAt) add([...p, 'disconnectedAt'], 'required when state is "disconnected"');
      if (!a.reason) add([...p, 'reason'], 'required when state is "disconnected"');
      if (a.disconnectedAt && Date.parse(a.disconnectedAt) < Date.parse(a.connectedAt)) {
        add([...p, 'disconnectedAt'], 'must not be before connectedAt');
      }
    } else {
      if (a.disconnectedAt) add([...p, 'disconnectedAt'], 'only allowed when state is "disconnected"');
      if (a.reason) add([...p, 'reason'], 'only allowed when state is "disconnected"');
    }
    if (a.postVisibility && a.network !== 'x')
      add([...p, 'postVisibility'], 'only x accounts choose post visibility (S6)');
    if (a.brand !== undefined) {
      if (!enterprise || !s.brandsAddon)
        add([...p, 'brand'], 'brands need the enterprise plan with brandsAddon (S8)');
      else if (!brands.has(a.brand)) add([...p, 'brand'], `unknown brand "${a.brand}"`);
    }
    access([...p, 'access'], a.access);
  });

  (s.posts ?? []).forEach((post, i) => {
    const p = ['posts', i];
    if (!accounts.has(post.account)) add([...p, 'account'], `unknown account "${post.account}"`);
    user([...p, 'author'], post.author);
    if (post.state !== 'draft' && !post.at) add([...p, 'at'], `required for a ${post.state} post`);
  });

  let previous = start;
  const known = new Set(accounts.keys());
  s.events.forEach((e, i) => {
    const p = ['events', i];
    const t = Date.parse(e.at);
    if (t < start) add([...p, 'at'], 'must not be before the scenario start');
    else if (t < previous)
      add([...p, 'at'], `events must be in time order; this one is before events[${i - 1}]`);
    previous = Math.max(previous, t);
    if ('until' in e && Date.parse(e.until) <= t) add([...p, 'until'], 'must be after the event\'s "at"');
    if (e.type === 'connect') {
      if (known.has(e.account))
        add([...p, 'account'], `account "${e.account}" already exists; use "reconnect"`);
      known.add(e.account);
    } else if ('account' in e && e.account !== undefined && !known.has(e.account)) {
      add([...p, 'account'], `unknown account "${e.account}"`);
    }
    if ('by' in e) user([...p, 'by'], e.by);
    if (e.type === 'set-digest') user([...p, 'user'], e.user);
    if (e.type === 'publish' && e.post !== undefined) {
      const post = posts.get(e.post);
      if (!post) add([...p, 'post'], `unknown post "${e.post}"`);
      else if (post.account !== e.account)
        add([...p, 'post'], `post "${e.post}" belongs to account "${post.account}"`);
    }
    if (
      (e.type === 'blog-post' || (e.type === 'set-autopublish' && e.blog !== null)) &&
      !blogs.has(e.blog!)
    ) {
      add([...p, 'blog'], `unknown blog "${e.blog}"`);
    }
    if (e.type === 'assign-brand' && !brands.has(e.brand)) add([...p, 'brand'], `unknown brand "${e.brand}"`);
    if (e.type === 'set-access') {
      const a = e.access;
      if (typeof a === 'object') {
        a.users?.forEach((u, j) => {
          user([...p, 'access', 'users', j], u);
        });
        a.teams?.forEach((tm, j) => {
          team([...p, 'access', 'teams', j], tm);
        });
      }
    }
  });
  return issues;
}

export type Validation = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Parse and validate a scenario file's text. Never throws; every problem comes back as a line. */
export function validateScenario(text: string): Validation {
  const read = readScenarioText(text);
  if (!read.ok) return read;
  // reportInput: zod 4 leaves the offending value out of its issues otherwise, and "got a string" needs it.
  const parsed = ScenarioShape.safeParse(read.json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(describeIssue) };
  const issues = crossCheck(parsed.data);
  if (issues.length > 0)
    return { ok: false, errors: issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  return { ok: true, scenario: parsed.data };
}
