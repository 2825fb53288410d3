// The index of due instants (issue #20): the earliest rule instant of each priority per account, per chunk
// of the State's accounts table (core/table.ts) and per group of chunks. Finding the next transition reads
// those of the groups, then of the chunks of the one group and of the accounts of the one chunk that hold
// the winner: at 10,000 accounts, 10 groups, 32 chunks and 32 accounts instead of 10,000 accounts per event.
//
// Kept up to date cheaply: groups and chunks are immutable and shared between the States derived from one
// another, so a State is indexed by comparing them with those of the State indexed before it (usually the
// one it came from): an unchanged group or chunk is reused as is, and in a changed chunk only the accounts
// that are not the very same objects (with the very same posts) are looked at again. An event changes one
// or two accounts. Each level keeps its children's minimums side by side in one array of numbers, so a
// change is a copy of short arrays and a search reads consecutive numbers (at 10,000 accounts, following
// references from object to object cost more than the comparisons, measured).
//
// Why the minimum per priority and not one per chunk: rule instants already behind `from` all fire at
// `from`, and among those the priority decides (a lapse before a reminder before a post). With the minimum
// of each priority, a chunk's first transition is min over p of (max(min_p, from), p), exactly: the only
// instants that do not fire are R6 reminders whose due date is behind `from` (naturals.ts `stale`), and
// the account of such a reminder has its reauth-due at that due date, at or before `from`, which fires at
// `from` before any reminder. The same holds for an account and for a group (the minimums of its chunks).
// So the group, then the chunk, then the account that hold the first transition are known without looking
// at any account's rule instants but the winner's; ties go to the earliest group, chunk and account (file
// order).
import { computeNaturals, firstOf, type Naturals, PRIORITIES, PRIORITY, sameInstants } from './naturals.ts';
import type { Account, Post, State } from './schemas.ts';
import type { Table } from './table.ts';

const NONE = Number.POSITIVE_INFINITY;
const NO_INSTANTS: readonly number[] = [NONE, NONE, NONE, NONE, NONE];

// Plain number arrays rather than Float64Arrays: a State's index is rebuilt after every event, and V8 keeps
// typed arrays of more than 64 bytes off its heap, which made garbage collection the largest cost.

interface ChunkIndex {
  accounts: readonly Account[];
  posts: readonly Post[][] | undefined;
  /** Per account of the chunk, its rule instants. */
  naturals: Naturals[];
  /** Per account, then per priority: the earliest rule instant (NONE when it has none). */
  at: number[];
  /** Per priority: the earliest over the chunk. */
  min: number[];
}

interface GroupIndex {
  /** The accounts table's group (its chunks) and the posts table's, as indexed. */
  accounts: readonly (readonly Account[])[];
  posts: readonly (readonly Post[][])[] | undefined;
  chunks: ChunkIndex[];
  /** Per chunk, then per priority: the chunk's `min`. */
  at: number[];
  /** Per priority: the earliest over the group. */
  min: number[];
}

interface StateIndex {
  accounts: Table<Account>;
  posts: Table<Post[]>;
  groups: GroupIndex[];
  /** Per group, then per priority: the group's `min`. */
  at: number[];
}

/**
 * The index built last, the only one kept: the next State asked about is usually this one again or the one
 * derived from it, which differs in a chunk or two. Keeping an index per State (with the State, or in a
 * WeakMap keyed by it) kept every step's index alive as long as its State (runUntil's steps, the simulator's
 * report): three times the garbage collection at 10,000 accounts, and a WeakMap slows every collection
 * (measured).
 */
let last: StateIndex | null = null;

/** Copies `PRIORITIES` numbers from `from` (at `f`) to `to` (at `t`). */
function put(to: number[], t: number, from: readonly number[], f: number): void {
  for (let p = 0; p < PRIORITIES; p++) to[t + p] = from[f + p]!;
}

/** Per priority, the earliest of the entries of `at` (PRIORITIES numbers per entry). */
function minimums(at: readonly number[]): number[] {
  const min = [NONE, NONE, NONE, NONE, NONE];
  for (let i = 0; i < at.length; i += PRIORITIES)
    for (let p = 0; p < PRIORITIES; p++) if (at[i + p]! < min[p]!) min[p] = at[i + p]!;
  return min;
}

/** An account's earliest rule instant per priority, written at `at[o]` to `at[o + PRIORITIES - 1]`. */
function write(at: number[], o: number, n: Naturals): void {
  put(at, o, NO_INSTANTS, 0);
  for (const x of n.list) {
    const p = o + PRIORITY[x.type];
    if (x.at < at[p]!) at[p] = x.at;
  }
}

/**
 * The index of one chunk, from the index of the chunk at the same place before (when there is one): its
 * accounts that are the very same objects with the very same posts (or whose rule instants cannot have moved)
 * keep their entries, the others are looked at again.
 */
function chunkIndex(
  accounts: readonly Account[],
  posts: readonly Post[][] | undefined,
  before: ChunkIndex | undefined,
): ChunkIndex {
  const n = accounts.length;
  const reuse = before !== undefined && before.accounts.length === n;
  const naturals = reuse ? before.naturals.slice() : new Array<Naturals>(n);
  const at = reuse ? before.at.slice() : new Array<number>(n * PRIORITIES).fill(NONE);
  for (let i = 0; i < n; i++) {
    const account = accounts[i]!;
    const was = reuse ? before.accounts[i]! : undefined;
    const same = was !== undefined && before!.posts?.[i] === posts?.[i];
    if (same && (was === account || sameInstants(was, account))) continue;
    const natural = computeNaturals(account, posts?.[i]);
    naturals[i] = natural;
    write(at, i * PRIORITIES, natural);
  }
  return { accounts, posts, naturals, at, min: minimums(at) };
}

/** The index of one group of chunks, from the group at the same place before (see chunkIndex). */
function groupIndex(
  accounts: readonly (readonly Account[])[],
  posts: readonly (readonly Post[][])[] | undefined,
  before: GroupIndex | undefined,
): GroupIndex {
  const chunks = before ? before.chunks.slice(0, accounts.length) : [];
  const at = before ? before.at.slice(0, accounts.length * PRIORITIES) : [];
  for (let k = 0; k < accounts.length; k++) {
    // Compares references only: the chunks themselves are read when they changed.
    if (k < chunks.length && accounts[k] === before!.accounts[k] && posts?.[k] === before!.posts?.[k])
      continue;
    const chunk = chunkIndex(accounts[k]!, posts?.[k], before?.chunks[k]);
    chunks[k] = chunk;
    put(at, k * PRIORITIES, chunk.min, 0);
  }
  return { accounts, posts, chunks, at, min: minimums(at) };
}

/** The index of `state`, or null when its posts are not kept in the accounts' order. */
function indexOf(state: State): StateIndex | null {
  const { accounts, posts } = state;
  if (last && last.accounts === accounts && last.posts === posts) return last;
  // A State built from plain data whose posts record lists the accounts in another order: chunk i of the
  // posts is then not about chunk i of the accounts (the caller scans instead; no shell builds such data).
  if (!accounts.alignedWith(posts)) return null;
  const base = last;
  const count = accounts.groupCount;
  const groups = base ? base.groups.slice(0, count) : [];
  const at = base ? base.at.slice(0, count * PRIORITIES) : [];
  for (let g = 0; g < count; g++) {
    const [a, p] = [accounts.group(g)!, posts.group(g)];
    const was = base?.groups[g];
    if (g < groups.length && was!.accounts === a && was!.posts === p) continue;
    const group = groupIndex(a, p, was);
    groups[g] = group;
    put(at, g * PRIORITIES, group.min, 0);
  }
  const made: StateIndex = { accounts, posts, groups, at };
  last = made;
  return made;
}

/**
 * The first entry of `at` (PRIORITIES numbers per entry: groups, chunks or accounts, in file order) whose
 * own first transition from `from` is the earliest (time, then priority), with that transition's time and
 * priority; entry -1 when there is none.
 */
function earliest(at: readonly number[], from: number): { entry: number; at: number; priority: number } {
  let [first, priority, entry] = [NONE, PRIORITIES, -1];
  for (let i = 0; i < at.length; i += PRIORITIES) {
    for (let p = 0; p < PRIORITIES; p++) {
      const m = at[i + p]!;
      if (m === NONE) continue;
      // Behind `from`, it fires at `from`. Strictly better only: among equals the earlier entry keeps it.
      const t = m > from ? m : from;
      if (t < first || (t === first && p < priority)) [first, priority, entry] = [t, p, i / PRIORITIES];
    }
  }
  return { entry, at: first, priority };
}

export interface FirstDue {
  /** When it fires: its own instant, or `from` when that was already behind. */
  at: number;
  type: keyof typeof PRIORITY;
  due: number;
  account: string;
  post: string;
}

/**
 * The account transition that fires first from `from` on (time, then priority, then file order), or null
 * when no account has one; undefined when the State cannot be indexed (see `indexOf`).
 */
export function firstDue(state: State, from: number): FirstDue | null | undefined {
  const index = indexOf(state);
  if (!index) return undefined;
  const winner = earliest(index.at, from);
  if (winner.entry < 0) return null;
  // The group's first transition is the overall first: the first of its chunks to have it holds it, and
  // the first of that chunk's accounts to have it.
  const group = index.groups[winner.entry]!;
  const chunk = group.chunks[earliest(group.at, from).entry]!;
  const account = earliest(chunk.at, from).entry;
  const n = firstOf(chunk.naturals[account]!, from);
  if (n && Math.max(n.at, from) === winner.at && PRIORITY[n.type] === winner.priority)
    return { at: winner.at, type: n.type, due: n.due, account: chunk.accounts[account]!.id, post: n.post };
  // Unreachable by the argument above (test/core/due-index.test.ts checks it against the scan).
  throw new Error('The index of due instants disagrees with the accounts it was built from.');
}
