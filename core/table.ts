// An immutable id → value table in insertion order, for the State's accounts and posts. Every event
// replaces one account, and the State before it must stay as it was (each step keeps its own State):
// copying a plain record per event cost O(accounts), 6-10 ms at 10,000 accounts in Node 24, since V8 keeps
// an object with more than about a thousand keys as a hash table and a spread rebuilds it (README
// "Performance", core throughput). Here the values are kept in chunks of TABLE_CHUNK, the chunks in groups
// of TABLE_GROUP: a replacement copies one chunk, one group and the short list of groups, and shares the
// rest (and the id index) with the table it came from; at 10,000 values that is 32 + 32 + 10 references per
// change. (Chunks of 32 rather than 64: the index of due instants re-reads a changed chunk whole, and a
// year of 10,000 accounts ran about 10% faster, measured.)
// Adding an id copies the index (O(n)); that happens when an account is connected, rarely. Nothing in the
// rules removes an account, so there is no delete.

/** Values per chunk, and chunks per group. */
export const TABLE_CHUNK = 32;
export const TABLE_GROUP = 32;
const [CHUNK, GROUP] = [TABLE_CHUNK, TABLE_GROUP];
const PER_GROUP = CHUNK * GROUP;

type Chunk<V> = readonly V[];
type Group<V> = readonly Chunk<V>[];

/** alignedWith's answers, per pair of id lists (they never change once made). */
const ALIGNED = new WeakMap<readonly string[], WeakMap<readonly string[], boolean>>();

export class Table<V> {
  /** The values in insertion order, CHUNK to a chunk and GROUP chunks to a group; never changed once made. */
  private readonly groups: readonly Group<V>[];
  /** id → position, shared by every table derived without adding an id. */
  private readonly index: ReadonlyMap<string, number>;
  /** The ids in insertion order (position → id), shared likewise. */
  private readonly ids: readonly string[];

  private constructor(
    groups: readonly Group<V>[],
    index: ReadonlyMap<string, number>,
    ids: readonly string[],
  ) {
    this.groups = groups;
    this.index = index;
    this.ids = ids;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): Table<V> {
    const index = new Map<string, number>();
    const ids: string[] = [];
    const values: V[] = [];
    for (const [id, value] of entries) {
      const at = index.get(id);
      if (at !== undefined) values[at] = value;
      else {
        index.set(id, ids.length);
        ids.push(id);
        values.push(value);
      }
    }
    const groups: V[][][] = [];
    for (let i = 0; i < values.length; i += PER_GROUP) {
      const group: V[][] = [];
      for (let j = i; j < Math.min(i + PER_GROUP, values.length); j += CHUNK)
        group.push(values.slice(j, Math.min(j + CHUNK, i + PER_GROUP)));
      groups.push(group);
    }
    return new Table(groups, index, ids);
  }

  static fromRecord<V>(record: Readonly<Record<string, V>>): Table<V> {
    return Table.from(Object.entries(record));
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  get(id: string): V | undefined {
    const at = this.index.get(id);
    if (at === undefined) return undefined;
    return this.groups[(at / PER_GROUP) | 0]![((at / CHUNK) | 0) % GROUP]![at % CHUNK];
  }

  /** A table with `id` set to `value` (added at the end when new); this one is unchanged. */
  set(id: string, value: V): Table<V> {
    const at = this.index.get(id);
    if (at === undefined) return this.append(id, value);
    const [g, c, i] = [(at / PER_GROUP) | 0, ((at / CHUNK) | 0) % GROUP, at % CHUNK];
    const group = this.groups[g]!;
    const chunk = group[c]!;
    if (chunk[i] === value) return this;
    const copy = chunk.slice();
    copy[i] = value;
    return new Table(this.replaced(g, c, copy), this.index, this.ids);
  }

  /** The groups with chunk `c` of group `g` replaced (or added, when `c` is the group's length). */
  private replaced(g: number, c: number, chunk: Chunk<V>): Group<V>[] {
    const groups = this.groups.slice();
    const group = (groups[g] ?? []).slice();
    group[c] = chunk;
    groups[g] = group;
    return groups;
  }

  private append(id: string, value: V): Table<V> {
    const at = this.ids.length;
    const index = new Map(this.index).set(id, at);
    const ids = [...this.ids, id];
    const [g, c, i] = [(at / PER_GROUP) | 0, ((at / CHUNK) | 0) % GROUP, at % CHUNK];
    const chunk = i === 0 ? [value] : [...this.groups[g]![c]!, value];
    return new Table(this.replaced(g, c, chunk), index, ids);
  }

  /** How many chunks the values are kept in. */
  get chunkCount(): number {
    return Math.ceil(this.ids.length / CHUNK);
  }

  /**
   * Chunk `i`: the values at positions CHUNK·i to CHUNK·i + CHUNK - 1, never changed once a table holds it
   * and shared by every table derived from this one until a change to one of its values copies it. So a
   * value derived from a chunk can be cached per chunk (core/due-index.ts, sim/report.ts).
   */
  chunk(i: number): Chunk<V> | undefined {
    return this.groups[(i / GROUP) | 0]?.[i % GROUP];
  }

  /** How many groups of GROUP chunks there are. */
  get groupCount(): number {
    return this.groups.length;
  }

  /** Group `g`: its chunks (chunk GROUP·g + k is its k-th); never changed once made, shared like chunks. */
  group(g: number): Group<V> | undefined {
    return this.groups[g];
  }

  /**
   * True when every position both tables have holds the same id in each (the State's accounts and posts:
   * chunk `i` of one then holds the values of the same ids as chunk `i` of the other). O(1) for tables
   * derived from one another or compared before, O(size) the first time.
   */
  alignedWith(other: Table<unknown>): boolean {
    const [a, b] = [this.ids, other.ids];
    if (a === b) return true;
    const known = ALIGNED.get(a) ?? new WeakMap<readonly string[], boolean>();
    ALIGNED.set(a, known);
    let same = known.get(b);
    if (same === undefined) {
      same = true;
      for (let i = 0, n = Math.min(a.length, b.length); i < n && same; i++) same = a[i] === b[i];
      known.set(b, same);
    }
    return same;
  }

  *values(): IterableIterator<V> {
    for (const group of this.groups) for (const chunk of group) yield* chunk;
  }

  keys(): IterableIterator<string> {
    return this.ids.values();
  }

  *entries(): IterableIterator<[string, V]> {
    let i = 0;
    for (const value of this.values()) yield [this.ids[i++]!, value];
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** The values as an array, in insertion order. */
  list(): V[] {
    return this.groups.flat(2) as V[];
  }

  /** The plain record the table stands for (JSON, IndexedDB, reports): same keys, same order. */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [id, value] of this.entries()) out[id] = value;
    return out;
  }
}
