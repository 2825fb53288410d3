// Building a state from plain input, with every default in one place.
import { POLICY } from './policy.ts';
import {
  type Access,
  type Account,
  type DisconnectReason,
  type Network,
  type Plan,
  type Post,
  type PostVisibility,
  type Profile,
  type State,
  StateData,
  stateFromData,
  type User,
} from './schemas.ts';

export interface AccountInput {
  id: string;
  network: Network;
  connectedBy: string;
  connectedAt: number;
  lastActiveAt?: number;
  state?: 'connected' | 'disconnected';
  disconnectedAt?: number;
  reason?: DisconnectReason;
  access?: Access;
  postVisibility?: PostVisibility;
  default?: boolean;
  brand?: string;
  autopublish?: string;
  profile?: Profile;
}

export interface StateInput {
  plan?: Plan;
  brandsAddon?: boolean;
  teams?: string[];
  brands?: string[];
  blogs?: string[];
  users: Array<Pick<User, 'id' | 'permission'> & Partial<User>>;
  accounts: AccountInput[];
  posts?: Array<
    Omit<Post, 'retryAt' | 'at' | 'attempts'> & {
      at?: number | null;
      retryAt?: number | null;
      attempts?: number;
    }
  >;
}

export function accountFrom(a: AccountInput): Account {
  const disconnected = a.state === 'disconnected';
  return {
    id: a.id,
    network: a.network,
    profile: a.profile ?? null,
    connectedBy: a.connectedBy,
    connectedAt: a.connectedAt,
    lastActiveAt: a.lastActiveAt ?? a.connectedAt,
    status: disconnected ? 'disconnected' : 'connected',
    reason: disconnected ? (a.reason ?? 'manual') : null,
    disconnectedAt: disconnected ? (a.disconnectedAt ?? a.connectedAt) : null,
    access: a.access ?? 'everyone',
    // S6: only x chooses; S4 default for x is app-only (scenario.md).
    postVisibility: POLICY[a.network].choosesPostVisibility
      ? (a.postVisibility ?? 'app-only')
      : 'all-sources',
    isDefault: a.default ?? false,
    autopublishBlog: a.autopublish ?? null,
    brand: a.brand ?? null,
    lastCheck: null,
    remindedFor: null,
    lost: 0,
    stats: { interactions: 0, conversations: 0, newFollowers: 0 },
  };
}

/** A validated State from plain input. Throws a ZodError if the result breaks the schema. */
export function createState(input: StateInput): State {
  const accounts: Record<string, Account> = {};
  const posts: Record<string, Post[]> = {};
  for (const a of input.accounts) {
    accounts[a.id] = accountFrom(a);
    posts[a.id] = [];
  }
  for (const p of input.posts ?? []) {
    const list = posts[p.account];
    if (!list) throw new Error(`Post "${p.id}" belongs to unknown account "${p.account}".`);
    list.push({ ...p, at: p.at ?? null, retryAt: p.retryAt ?? null, attempts: p.attempts ?? 0 });
  }
  // R3 holds for the input too: a disconnected account has no scheduled posts, they are cancelled.
  for (const account of Object.values(accounts)) {
    if (account.status === 'connected') continue;
    posts[account.id] = posts[account.id]!.map((p) =>
      p.state === 'scheduled' ? { ...p, state: 'cancelled' } : p,
    );
  }
  return stateFromData(
    StateData.parse({
      settings: {
        plan: input.plan ?? 'professional',
        brandsAddon: input.brandsAddon ?? false,
        teams: input.teams ?? [],
        brands: input.brands ?? [],
        blogs: input.blogs ?? [],
      },
      users: Object.fromEntries(input.users.map((u) => [u.id, u])),
      accounts,
      posts,
      blogPosts: [],
      seq: 0,
    }),
  );
}
