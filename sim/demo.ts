// The demo team of the extension's simulation build and of the team server's simulation mode: deterministic (faker with a fixed seed; times relative to the first
// run), every network, every status (connected, reauth-soon, disconnected, lapsed) and scheduled, published
// and draft posts. The mock world gets the same accounts (same ids, so the same network identities) and
// the tokens the product stores.
import { base, en, Faker } from '@faker-js/faker';
import type { TokenSet } from '../adapters/types.ts';
import {
  type AccountInput,
  createState,
  DAY,
  type DisconnectReason,
  type Network,
  type State,
  type StateInput,
} from '../core/index.ts';
import type { MockWorld } from '../mocks/world.ts';

export const DEMO_SEED = 2026;

type Role = 'admin' | 'editor' | 'own' | 'drafts' | 'admin2';

/** Who is on the team (S3 permissions). The current user starts as `admin`. */
const USERS: Record<Role, Pick<StateInput['users'][number], 'permission' | 'superAdmin'>> = {
  admin: { permission: 'all-accounts', superAdmin: true },
  editor: { permission: 'all-accounts', superAdmin: false },
  own: { permission: 'own-accounts', superAdmin: false },
  drafts: { permission: 'draft-only', superAdmin: false },
  admin2: { permission: 'all-accounts', superAdmin: true },
};

interface DemoAccount {
  network: Network;
  /** Last (re)authorization, days before the first run. */
  connected: number;
  /** x: last activity (R1 counts from it), days before the first run. */
  active?: number;
  /** Disconnected this many days before the first run, for this reason. */
  disconnected?: [days: number, reason: DisconnectReason];
  by: Role;
  /** S2: only the connector has access (R8: then not everyone may reconnect it). */
  private?: boolean;
}

/**
 * The statuses follow from the rules, not from a flag: R1 due dates put the 85-day-old Facebook connection
 * in its reminder window (R7), and accounts past their R4 window lapse at the first start (R5).
 */
const ACCOUNTS: DemoAccount[] = [
  // Connected.
  { network: 'facebook', connected: 12, by: 'admin' },
  { network: 'instagram', connected: 30, by: 'editor' },
  { network: 'x', connected: 40, active: 1, by: 'own' },
  { network: 'linkedin', connected: 100, by: 'admin' },
  { network: 'youtube', connected: 200, by: 'editor' },
  // Reauthorize soon: inside the 7-day reminder window before the R1 due date.
  { network: 'facebook', connected: 85, by: 'editor' },
  { network: 'instagram', connected: 87, by: 'admin' },
  { network: 'x', connected: 120, active: 86, by: 'admin2' },
  { network: 'linkedin', connected: 361, by: 'own' },
  // Disconnected, inside the R4 reconnect window.
  { network: 'linkedin', connected: 220, disconnected: [18, 'revoked'], by: 'admin' },
  { network: 'x', connected: 50, disconnected: [3, 'security'], by: 'editor' },
  { network: 'facebook', connected: 60, disconnected: [20, 'token-expired'], by: 'own' },
  { network: 'youtube', connected: 90, disconnected: [9, 'inactive'], by: 'own', private: true },
  // Past the R4 window at the first start: they lapse (R5).
  { network: 'linkedin', connected: 300, disconnected: [75, 'revoked'], by: 'editor' },
  { network: 'instagram', connected: 500, disconnected: [400, 'security'], by: 'admin2' },
];

export interface DemoTeam {
  state: State;
  me: string;
  tokens: Record<string, TokenSet>;
}

export function demoTeam(world: MockWorld, now: number): DemoTeam {
  const f = new Faker({ locale: [en, base] });
  f.seed(DEMO_SEED);
  const ids: Record<Role, string> = { admin: '', editor: '', own: '', drafts: '', admin2: '' };
  const users: StateInput['users'] = [];
  for (const [role, user] of Object.entries(USERS) as Array<[Role, (typeof USERS)[Role]]>) {
    const first = f.person.firstName();
    const name = `${first} ${f.person.lastName()}`;
    ids[role] = `${first.toLowerCase().replace(/[^a-z]/g, '')}-${role}`;
    users.push({ id: ids[role], name, ...user });
  }
  const brands = [f.company.name(), f.company.name()];
  const days = (n: number) => now - n * DAY;

  const perNetwork: Partial<Record<Network, number>> = {};
  const accounts: AccountInput[] = ACCOUNTS.map((spec, i) => {
    const n = (perNetwork[spec.network] ?? 0) + 1;
    perNetwork[spec.network] = n;
    const id = `${spec.network}-${n}`;
    const identity = world.addAccount({ id, network: spec.network });
    const input: AccountInput = {
      id,
      network: spec.network,
      connectedBy: ids[spec.by],
      connectedAt: days(spec.connected),
      lastActiveAt: days(spec.active ?? spec.connected),
      profile: {
        networkUserId: identity.networkUserId,
        name: identity.name,
        handle: identity.handle,
        avatarUrl: identity.avatarUrl,
      },
      ...(i % 2 === 0 ? { brand: brands[i % 4 === 0 ? 0 : 1]! } : {}),
      ...(spec.private ? { access: 'private' as const } : {}),
    };
    if (spec.disconnected) {
      const [ago, reason] = spec.disconnected;
      return { ...input, state: 'disconnected', disconnectedAt: days(ago), reason };
    }
    return input;
  });

  const authors = [ids.admin, ids.editor, ids.own, ids.admin2];
  const posts: NonNullable<StateInput['posts']> = [];
  for (const a of accounts) {
    const count = (kind: string, max: number) => f.number.int({ min: kind === 'scheduled' ? 1 : 0, max });
    const add = (state: 'scheduled' | 'published' | 'draft', at: number | null) =>
      posts.push({
        id: `${a.id}-post-${posts.length + 1}`,
        account: a.id,
        state,
        at,
        author: f.helpers.arrayElement(authors),
        title: f.company.catchPhrase(),
      });
    // Scheduled posts start two days out, so none comes due while someone explores the demo.
    for (let k = count('scheduled', 4); k > 0; k--)
      add('scheduled', now + f.number.int({ min: 2, max: 40 }) * DAY);
    for (let k = count('published', 5); k > 0; k--)
      add('published', a.connectedAt + f.number.int({ min: 0, max: 9 }) * DAY);
    for (let k = count('draft', 2); k > 0; k--) add('draft', null);
  }

  // S1 needs blog feeds and S2's explicit lists need teams to choose from.
  const state = createState({
    plan: 'enterprise',
    brandsAddon: true,
    brands,
    blogs: ['company-blog', 'product-news'],
    teams: ['emea', 'americas'],
    users,
    accounts,
    posts,
  });
  const tokens: Record<string, TokenSet> = {};
  for (const a of accounts) if (a.state !== 'disconnected') tokens[a.id] = world.grant(a.id);
  return { state, me: ids.admin, tokens };
}

/**
 * The mock world lives in the service worker's memory, which the browser stops and restarts at will. On
 * every start it is rebuilt from the stored state: the same account ids give the same identities, and each
 * connected account gets a fresh grant whose tokens replace the stored ones (so they always match).
 */
export function rebuildWorld(world: MockWorld, state: State): Record<string, TokenSet> {
  const tokens: Record<string, TokenSet> = {};
  for (const a of state.accounts.list()) {
    world.addAccount({ id: a.id, network: a.network });
    if (a.status === 'connected') tokens[a.id] = world.grant(a.id);
  }
  return tokens;
}
