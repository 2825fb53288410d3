// Nothing is lost across a restart of the embedded server: the team's rows, the member's token, the
// simulated world's injected faults and the clock; the first-start invite is not printed again.
import { afterAll, describe, expect, it } from 'vitest';
import { nextTransition } from '../../core/index.ts';
import { createLogger } from '../../server/log.ts';
import { startServer } from '../../server/server.ts';
import { databaseFor, REDIRECT, Recorder, testConfig } from './harness.ts';

describe('restart on the embedded database', () => {
  const db = databaseFor('pglite', 'restart');
  afterAll(async () => (await db).cleanup());

  it('S5/R2/R6: settings, disconnects, tokens and faults survive a restart; a rule instant missed while down fires on start at its own instant', async () => {
    const config = testConfig(await db);
    const recorder = new Recorder();
    const log = createLogger('info', recorder.stream());
    const first = await startServer(config, log);
    const call = async (
      server: { url: string },
      method: string,
      path: string,
      token?: string,
      body?: unknown,
    ) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    };
    const { token } = await call(first, 'POST', '/api/join', undefined, {
      code: first.firstInvite!.code,
      redirectUrl: REDIRECT,
    });
    await call(first, 'POST', '/api/actions', token, { type: 'set-default', account: 'x-1', value: true });
    await call(first, 'POST', '/api/sim/faults', token, { type: 'revoke', account: 'youtube-1' });
    await call(first, 'POST', '/api/sim/clock', token, { advance: 3_600_000 });
    // The next rule instant passes while the server is down (the simulated clock moves on without it).
    const team = await first.teams.read('demo');
    const next = nextTransition(team.state, team.clock, Number.MAX_SAFE_INTEGER)!;
    await first.sim!.advance(next.at - first.teams.now() + 60_000);
    const clockBefore = first.teams.now();
    await first.close();

    const second = await startServer({ ...config, port: 0 }, log);
    try {
      expect(second.firstInvite).toBeNull();
      expect(second.teams.now()).toBeGreaterThanOrEqual(clockBefore);
      // Missed while down, fired on start at the rule's own instant (R1/R6 instants are exact).
      const fired = await second.storage.db
        .selectFrom('events')
        .selectAll()
        .where('source', '=', 'rule')
        .execute();
      expect(fired.map((e) => [Number(e.at), e.type])).toContainEqual([next.at, next.event.type]);
      expect((await call(second, 'GET', '/api/accounts/x-1', token)).default).toBe(true);
      // The revocation injected before the restart is still in force at the mock network.
      const checked = await call(second, 'POST', '/api/actions', token, {
        type: 'check',
        account: 'youtube-1',
      });
      expect(checked.account).toMatchObject({ status: 'disconnected' });
      // Other accounts got fresh grants at the rebuilt mock network and still check fine.
      const ok = await call(second, 'POST', '/api/actions', token, { type: 'check', account: 'facebook-1' });
      expect(ok.account.lastCheck.outcome).toBe('ok');
    } finally {
      await second.close();
    }
  }, 120_000);
});
