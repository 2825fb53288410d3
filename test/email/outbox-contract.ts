// What every OutboxStore must do (server/mail/outbox.ts), as a suite any implementation runs: the
// in-memory one here (memory-outbox.test.ts), the server's PostgreSQL one with
// `outboxContract('PostgreSQL', async () => …)` against PGlite and a real PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { MemberContact, NewOutboxEntry, OutboxEntry, OutboxStore } from '../../server/mail/outbox.ts';
import { DIGEST_ENTRY, MEMBERS } from './fixtures.ts';

export interface OutboxHarness {
  store: OutboxStore;
  /** Write entries as the engine step's transaction would (a stored key is ignored). */
  add(entries: NewOutboxEntry[], now: number): Promise<OutboxEntry[]>;
  get(id: string): Promise<OutboxEntry | undefined>;
  setMember(member: MemberContact): Promise<void>;
}

const LEASE = 60_000;
const entry = (n: number): NewOutboxEntry => ({ ...DIGEST_ENTRY, key: `k-${n}` });

export function outboxContract(name: string, open: () => Promise<OutboxHarness>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    async function ready(count: number, now = 1_000) {
      const h = await open();
      await h.setMember(MEMBERS.bjorn!);
      const added = [];
      for (let i = 0; i < count; i++) added.push(...(await h.add([entry(i)], now + i)));
      return { h, added };
    }

    it('stores one entry per key', async () => {
      const { h } = await ready(1);
      expect(await h.add([entry(0), entry(1)], 5_000)).toHaveLength(1);
    });

    it('claims due entries oldest first, up to the limit, with the member as they are now', async () => {
      const { h, added } = await ready(3);
      const claimed = await h.store.claim(10_000, LEASE, 2);
      expect(claimed.map((c) => c.entry.id)).toEqual([added[0]!.id, added[1]!.id]);
      expect(claimed[0]).toMatchObject({
        inDoubt: false,
        member: MEMBERS.bjorn,
        entry: { state: 'sending', attempts: 1, leaseUntil: 10_000 + LEASE, handedOff: false },
      });
      expect(await h.get(added[0]!.id)).toMatchObject({ state: 'sending', attempts: 1 });
    });

    it('never hands one entry to two claims while the lease holds', async () => {
      const { h } = await ready(2);
      const [a, b] = await Promise.all([h.store.claim(10_000, LEASE, 2), h.store.claim(10_000, LEASE, 2)]);
      const ids = [...a!, ...b!].map((c) => c.entry.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(2);
      expect(await h.store.claim(10_000 + LEASE - 1, LEASE, 5)).toEqual([]);
    });

    it('an expired claim is taken again: in doubt only if it had reached the hand-off', async () => {
      const { h, added } = await ready(2);
      const [first, second] = await h.store.claim(10_000, LEASE, 2);
      expect(await h.store.handOff(first!.entry.id, 1, 10_001)).toBe(true);
      const again = await h.store.claim(10_000 + LEASE, LEASE, 5);
      expect(again.map((c) => [c.entry.id, c.inDoubt, c.entry.attempts])).toEqual([
        [added[0]!.id, true, 2],
        [second!.entry.id, false, 2],
      ]);
    });

    it('a stale claim can neither hand off nor record', async () => {
      const { h, added } = await ready(1);
      await h.store.claim(10_000, LEASE, 1);
      await h.store.claim(10_000 + LEASE, LEASE, 1); // taken over: attempt 2
      expect(await h.store.handOff(added[0]!.id, 1, 10_000 + LEASE)).toBe(false);
      expect(await h.store.complete(added[0]!.id, 1, { state: 'failed', reason: 'late' })).toBe(false);
      expect(await h.get(added[0]!.id)).toMatchObject({ state: 'sending', attempts: 2 });
    });

    it('no hand-off once the lease ran out, even before anyone took the entry over', async () => {
      const { h, added } = await ready(1);
      await h.store.claim(10_000, LEASE, 1);
      expect(await h.store.handOff(added[0]!.id, 1, 10_000 + LEASE)).toBe(false);
    });

    it('records sent, retry, failed and skipped; only pending entries come due again', async () => {
      const { h, added } = await ready(4);
      await h.store.claim(10_000, LEASE, 4);
      const [a, b, c, d] = added.map((e) => e.id);
      await h.store.complete(a!, 1, { state: 'sent', at: 10_500, response: '250 Ok' });
      await h.store.complete(b!, 1, { state: 'pending', nextAttemptAt: 70_000, reason: '421 Busy' });
      await h.store.complete(c!, 1, { state: 'failed', reason: '550 No such user' });
      await h.store.complete(d!, 1, { state: 'skipped', reason: 'no-address' });
      expect(await h.get(a!)).toMatchObject({
        state: 'sent',
        sentAt: 10_500,
        response: '250 Ok',
        leaseUntil: null,
      });
      expect(await h.get(b!)).toMatchObject({ state: 'pending', nextAttemptAt: 70_000, reason: '421 Busy' });
      expect(await h.get(c!)).toMatchObject({ state: 'failed', reason: '550 No such user' });
      expect(await h.get(d!)).toMatchObject({ state: 'skipped', reason: 'no-address' });
      expect(await h.store.claim(69_999, LEASE, 9)).toEqual([]);
      expect((await h.store.claim(70_000, LEASE, 9)).map((x) => x.entry.id)).toEqual([b]);
    });

    it('an entry whose member is gone is claimed with no member', async () => {
      const h = await open();
      const [e] = await h.add([{ ...entry(9), member: 'nobody' }], 1_000);
      const [claimed] = await h.store.claim(2_000, LEASE, 1);
      expect(claimed).toMatchObject({ entry: { id: e!.id }, member: null });
    });
  });
}
