// An immutable id → value table in insertion order, for the State's accounts and posts. Every event
// replaces one account, and the State before it must stay as it was (each step keeps its own State):
// copying a plain record per event cost O(accounts), 6-10 ms at 10,000 accounts in Node 24, since V8 keeps
// an object with more than about a thousand keys as a hash table and a spread rebuilds it (README
// "Performance", core throughput). Here a replacement copies one chunk of CHUNK values and the list of
// chunks, and shares the rest (and the id index) with the table it came from.
// Adding an id copies the index (O(n)); that happens when an account is connected, rarely. Nothing in the
// rules removes an account, so there is no delete.

const CHUNK = 64;

/** alignedWith's answers, per pair of id lists (they never change once made). */
const ALIGNED = new WeakMap<readonly string[], WeakMap<readonly string[], boolean>>();

export class Table<V> {
  /** The values in insertion order, CHUNK at a time; never changed once a table holds them. */
  private readonly chunks: ReadonlyArray<readonly V[]>;
  /** id → position, shared by every table derived without adding an id. */
  private readonly index: ReadonlyMap<string, number>;
  /** The ids in insertion order (position → id), shared likewise. */
  private readonly ids: readonly string[];

  private constructor(
    chunks: ReadonlyArray<readonly V[]>,
    index: ReadonlyMap<string, number>,
    ids: readonly string[],
  ) {
    this.chunks = chunks;
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
    const chunks: V[][] = [];
    for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
    return new Table(chunks, index, ids);
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
    return at === undefined ? undefined : this.chunks[(at / CHUNK) | 0]![at % CHUNK];
  }

  /** A table with `id` set to `value` (added at the end when new); this one is unchanged. */
  set(id: string, value: V): Table<V> {
    const at = this.index.get(id);
    if (at === undefined) {
      const index = new Map(this.index).set(id, this.ids.length);
      const ids = [...this.ids, id];
      const last = this.chunks.at(-1);
      const chunks =
        last && last.length < CHUNK
          ? [...this.chunks.slice(0, -1), [...last, value]]
          : [...this.chunks, [value]];
      return new Table(chunks, index, ids);
    }
    const c = (at / CHUNK) | 0;
    const chunk = this.chunks[c]!;
    if (chunk[at % CHUNK] === value) return this;
    const copy = chunk.slice();
    copy[at % CHUNK] = value;
    const chunks = this.chunks.slice();
    chunks[c] = copy;
    return new Table(chunks, this.index, this.ids);
  }

  /** How many chunks the values are kept in. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * Chunk `i`: the values at positions CHUNK·i to CHUNK·i + CHUNK - 1, never changed once a table holds it
   * and shared by every table derived from this one until a change to one of its values copies it. So a
   * value derived from a chunk can be cached per chunk (core/due-index.ts).
   */
  chunk(i: number): readonly V[] | undefined {
    return this.chunks[i];
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
    for (const chunk of this.chunks) yield* chunk;
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
    return this.chunks.flat() as V[];
  }

  /** The plain record the table stands for (JSON, IndexedDB, reports): same keys, same order. */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [id, value] of this.entries()) out[id] = value;
    return out;
  }
}
