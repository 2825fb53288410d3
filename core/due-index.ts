// The index of due instants (issue #20): for each chunk of the State's accounts table (core/table.ts), the
// earliest rule instant of each priority, per account and over the chunk. Finding the next transition reads
// PRIORITIES numbers per chunk and then, in the one chunk that holds the winner, PRIORITIES numbers per
// account: at 10,000 accounts, 157 chunks instead of 10,000 accounts per event.
//
// Kept up to date cheaply: chunks are immutable and shared between the States derived from one another, so
// a State is indexed by comparing its chunks with those of the State indexed before it (usually the one it
// came from): an unchanged chunk is reused as is, and in a changed one only the accounts that are not the
// very same objects (with the very same posts) are looked at again. An event changes one or two accounts.
//
// Why the minimum per priority and not one per chunk: rule instants already behind `from` all fire at
// `from`, and among those the priority decides (a lapse before a reminder before a post). With the minimum
// of each priority, a chunk's first transition is min over p of (max(min_p, from), p), exactly: the only
// instants that do not fire are R6 reminders whose due date is behind `from` (naturals.ts `stale`), and
// the account of such a reminder has its reauth-due at that due date, at or before `from`, which fires at
// `from` before any reminder. So the chunk and then the account that hold the first transition are known
// without looking at any account's rule instants but the winner's, and ties go to the earliest chunk and
// account (file order).
import { firstOf, type Naturals, naturalsOf, PRIORITIES, PRIORITY, sameInstants } from './naturals.ts';
import type { Account, Post, State } from './schemas.ts';
import type { Table } from './table.ts';

const NONE = Number.POSITIVE_INFINITY;

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

interface StateIndex {
  posts: Table<Post[]>;
  chunks: ChunkIndex[];
  /** Every chunk's `min`, one after another. */
  mins: number[];
  /** Per chunk: its earliest rule instant of any priority, and the first priority at that instant. */
  first: number[];
  firstPriority: number[];
}

/** Per accounts table: its index (with the posts table it was built with). */
const BY_STATE = new WeakMap<Table<Account>, StateIndex>();
/** The index built last: the next State to index usually differs from its State in a chunk or two. */
let last: StateIndex | null = null;

function chunkIndex(
  accounts: readonly Account[],
  posts: readonly Post[][] | undefined,
  before: ChunkIndex | undefined,
): ChunkIndex {
  const naturals: Naturals[] = [];
  const at: number[] = [];
  const min: number[] = [NONE, NONE, NONE, NONE, NONE];
  for (let i = 0; i < accounts.length; i++) {
    const o = i * PRIORITIES;
    const was = before?.accounts[i];
    // The same account (or one whose rule instants cannot have moved) with the same posts: reuse.
    if (
      before &&
      was !== undefined &&
      before.posts?.[i] === posts?.[i] &&
      (was === accounts[i] || sameInstants(was, accounts[i]!))
    ) {
      naturals.push(before.naturals[i]!);
      for (let p = 0; p < PRIORITIES; p++) at.push(before.at[o + p]!);
    } else {
      const n = naturalsOf(accounts[i]!, posts?.[i]);
      naturals.push(n);
      at.push(NONE, NONE, NONE, NONE, NONE);
      for (const x of n.list) {
        const p = o + PRIORITY[x.type];
        if (x.at < at[p]!) at[p] = x.at;
      }
    }
    for (let p = 0; p < PRIORITIES; p++) if (at[o + p]! < min[p]!) min[p] = at[o + p]!;
  }
  return { accounts, posts, naturals, at, min };
}

function place(index: StateIndex, c: number, chunk: ChunkIndex): void {
  index.chunks[c] = chunk;
  let first = NONE;
  let firstPriority = PRIORITIES;
  for (let p = 0; p < PRIORITIES; p++) {
    const m = chunk.min[p]!;
    index.mins[c * PRIORITIES + p] = m;
    if (m < first) [first, firstPriority] = [m, p];
  }
  index.first[c] = first;
  index.firstPriority[c] = firstPriority;
}

/** The index of `state`, or null when its posts are not kept in the accounts' order. */
function indexOf(state: State): StateIndex | null {
  const { accounts, posts } = state;
  const hit = BY_STATE.get(accounts);
  if (hit && hit.posts === posts) return hit;
  // A State built from plain data whose posts record lists the accounts in another order: chunk i of the
  // posts is then not about chunk i of the accounts (the caller scans instead; no shell builds such data).
  if (!accounts.alignedWith(posts)) return null;
  const base = hit ?? last;
  const count = accounts.chunkCount;
  // Start from a copy of the base's index when it has as many chunks, and replace the chunks that changed.
  const same = base?.chunks.length === count;
  const made: StateIndex = {
    posts,
    chunks: same ? base.chunks.slice() : [],
    mins: same ? base.mins.slice() : [],
    first: same ? base.first.slice() : [],
    firstPriority: same ? base.firstPriority.slice() : [],
  };
  for (let c = 0; c < count; c++) {
    const a = accounts.chunk(c)!;
    const p = posts.chunk(c);
    const before = base?.chunks[c];
    if (before && before.accounts === a && before.posts === p) {
      if (!same) place(made, c, before);
    } else place(made, c, chunkIndex(a, p, before));
  }
  BY_STATE.set(accounts, made);
  last = made;
  return made;
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
  const { mins, first, firstPriority } = index;
  let at = NONE;
  let priority = PRIORITIES;
  let chunk = -1;
  for (let c = 0; c < first.length; c++) {
    const f = first[c]!;
    if (f === NONE || f > at) continue;
    if (f > from) {
      // Everything in the chunk is ahead of `from`: its first instant, at its first priority, is its best.
      // Strictly better only: among equals the earlier chunk (file order) keeps it.
      if (f < at || firstPriority[c]! < priority) [at, priority, chunk] = [f, firstPriority[c]!, c];
      continue;
    }
    // Some instants are behind `from`: they all fire at `from`, the lowest priority first.
    for (let p = 0; p < PRIORITIES; p++) {
      const m = mins[c * PRIORITIES + p]!;
      if (m === NONE) continue;
      const t = m > from ? m : from;
      if (t < at || (t === at && p < priority)) [at, priority, chunk] = [t, p, c];
    }
  }
  if (chunk < 0) return null;
  const { at: accountAt, accounts, naturals } = index.chunks[chunk]!;
  for (let i = 0; i < accounts.length; i++) {
    const m = accountAt[i * PRIORITIES + priority]!;
    if (m === NONE || (m > from ? m : from) !== at) continue;
    // The first account with a rule instant of the winning time and priority: its own first transition
    // is that one (firstOf also picks among its equal instants by its own order).
    const n = firstOf(naturals[i]!, from);
    if (n && Math.max(n.at, from) === at && PRIORITY[n.type] === priority)
      return { at, type: n.type, due: n.due, account: accounts[i]!.id, post: n.post };
    break;
  }
  // Unreachable by the argument above (test/core/due-index.test.ts checks it against the scan).
  throw new Error(`The index of due instants disagrees with chunk ${chunk} of the accounts.`);
}
