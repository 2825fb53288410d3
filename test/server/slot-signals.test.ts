// Check slots between processes (server/limits.ts SlotSignals): a process that gives a network's slot back
// says so (NOTIFY on a connection outside every step, so no transaction holds it until commit), and a
// process waiting for one of that network's slots looks at once instead of at its next poll; a gap in the
// notices makes everyone look. The 100 ms poll stays as the floor when nothing is said.
import { describe, expect, it } from 'vitest';
import { Notices } from '../../server/db/notices.ts';
import { openStorage } from '../../server/db/open.ts';
import { SlotSignals } from '../../server/limits.ts';
import { databaseFor, until } from './harness.ts';

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 20));
  return done;
};

describe('check slot signals', () => {
  it("R11: a slot given back in one process wakes the waiter for that network in another, not another network's", async () => {
    const where = await databaseFor('postgres', 'slot_signals');
    const [a, b] = await Promise.all([
      openStorage({ databaseUrl: where.databaseUrl, dataDir: where.data }),
      openStorage({ databaseUrl: where.databaseUrl, dataDir: where.data }),
    ]);
    try {
      const giver = new SlotSignals(a.autonomous);
      const waiter = new SlotSignals(b.autonomous);
      const notices = new Notices();
      notices.subscribe(['slot'], waiter.handlers);
      await b.listen(notices);
      // Listening is under way once a notice of its own comes back.
      let heard = 0;
      notices.subscribe(['slot'], { notice: () => heard++, gap: () => {} });
      giver.freed('linkedin');
      await until(
        async () => heard,
        (n) => n > 0,
        5_000,
      );
      const x = waiter.wait('x', 60_000);
      const facebook = waiter.wait('facebook', 60_000);
      giver.freed('x');
      await x;
      expect(await settled(facebook)).toBe(false);
      notices.gap(true);
      await facebook;
    } finally {
      await Promise.all([a.close(), b.close()]);
      where.cleanup();
    }
  });

  it('R11: with nothing said, a waiter still looks again when its poll interval is over', async () => {
    const alone = new SlotSignals(null);
    alone.freed('x');
    const waiting = alone.wait('x', 1_000);
    expect(await settled(waiting)).toBe(false);
    await waiting;
  });
});
