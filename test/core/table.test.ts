// The State's accounts and posts tables (core/table.ts): an immutable map in insertion order. Every step of
// a run keeps the State it produced (runUntil's steps, the simulator's report), so a change must never
// reach a table an earlier step holds; and JSON, IndexedDB and reports see the same plain record as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type StateData,
  stateFromData,
  stateToData,
  TABLE_CHUNK,
  TABLE_GROUP,
  Table,
} from '../../core/index.ts';
import { acct, team } from './fixtures.ts';

const ids = fc.constantFrom(...Array.from({ length: 300 }, (_, i) => `id-${i}`));
const ops = fc.array(fc.tuple(ids, fc.integer()), { maxLength: 600 });

/** What the table must behave like: a Map copied on every write. */
function expectSame(table: Table<number>, model: Map<string, number>) {
  expect(table.size).toBe(model.size);
  expect([...table.keys()]).toEqual([...model.keys()]);
  expect([...table.values()]).toEqual([...model.values()]);
  expect(table.list()).toEqual([...model.values()]);
  expect([...table.entries()]).toEqual([...model.entries()]);
  expect(table.toJSON()).toEqual(Object.fromEntries(model));
  for (const id of ['id-0', 'id-150', 'id-299', 'missing']) {
    expect(table.get(id)).toBe(model.get(id));
    expect(table.has(id)).toBe(model.has(id));
  }
}

describe('State tables', () => {
  it('behave like a map in insertion order, and every earlier version stays as it was (steps keep their State)', () => {
    fc.assert(
      fc.property(ops, (writes) => {
        const versions: Array<[Table<number>, Map<string, number>]> = [[Table.from([]), new Map()]];
        for (const [id, value] of writes) {
          const [table, model] = versions.at(-1)!;
          versions.push([table.set(id, value), new Map(model).set(id, value)]);
        }
        for (const [table, model] of versions) expectSame(table, model);
      }),
      { numRuns: 200 },
    );
  });

  it('behave the same past one group of chunks, built at once or one id at a time', () => {
    // Sizes around the chunk and group edges, then writes to ids anywhere and new ids at the end.
    const [C, G] = [TABLE_CHUNK, TABLE_CHUNK * TABLE_GROUP];
    const size = fc.constantFrom(0, 1, C - 1, C, C + 1, G - 1, G, G + 1, 2 * G - 1, 2 * G, 2 * G + 1, 3000);
    const writes = fc.array(fc.tuple(fc.nat({ max: 3100 }), fc.integer()), { maxLength: 40 });
    fc.assert(
      fc.property(size, writes, fc.boolean(), (n, later, grown) => {
        const entries = Array.from({ length: n }, (_, i) => [`id-${i}`, i] as const);
        // Growing one id at a time copies the id index each time (O(n²)): only up to just past a group.
        const oneByOne = grown && n <= G + 1;
        let table = Table.from(oneByOne ? [] : entries);
        if (oneByOne) for (const [id, v] of entries) table = table.set(id, v);
        let model = new Map<string, number>(entries);
        const versions: Array<[Table<number>, Map<string, number>]> = [[table, model]];
        for (const [i, v] of later) {
          table = table.set(`id-${i}`, v);
          model = new Map(model).set(`id-${i}`, v);
          versions.push([table, model]);
        }
        for (const [t, m] of [versions[0]!, versions.at(-1)!]) expectSame(t, m);
        for (const [t, m] of versions) {
          expect(t.size).toBe(m.size);
          for (const id of ['id-0', `id-${G - 1}`, `id-${G}`, `id-${2 * G}`, 'id-3099'])
            expect(t.get(id)).toBe(m.get(id));
          // Chunk i holds positions C·i to C·i + C - 1, whatever the group it sits in.
          expect(Array.from({ length: t.chunkCount }, (_, c) => t.chunk(c)).flat()).toEqual([...m.values()]);
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('two tables derived from one do not see each other', () => {
    const base = Table.from(Array.from({ length: 130 }, (_, i) => [`id-${i}`, i] as const));
    const a = base.set('id-5', -1).set('new-a', 1);
    const b = base.set('id-5', -2).set('new-b', 2);
    expect([a.get('id-5'), b.get('id-5'), base.get('id-5')]).toEqual([-1, -2, 5]);
    expect([a.has('new-b'), b.has('new-a'), base.has('new-a')]).toEqual([false, false, false]);
    expect([a.size, b.size, base.size]).toEqual([131, 131, 130]);
  });

  it('setting the value a table already holds returns that table (apply detects "no change" by identity)', () => {
    const value = { n: 1 };
    const table = Table.fromRecord({ a: value });
    expect(table.set('a', value)).toBe(table);
  });

  it('a State prints and stores the same plain record it was made from, in the same order', () => {
    const state = team([acct('li', 'linkedin'), acct('fb', 'facebook'), acct('x1', 'x')]);
    const data: StateData = stateToData(state);
    expect(Object.keys(data.accounts)).toEqual(['li', 'fb', 'x1']);
    expect(JSON.parse(JSON.stringify(state))).toEqual(JSON.parse(JSON.stringify(data)));
    expect(stateToData(stateFromData(structuredClone(data)))).toEqual(data);
    expect(stateFromData(data).accounts.get('fb')).toEqual(state.accounts.get('fb'));
  });
});
