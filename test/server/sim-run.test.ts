// POST /api/sim/run answers byte for byte what `npm run simulate -- FILE` prints, for every scenario file.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWith, leaksOf, startTestServer, type TestServer } from './harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILES = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));

describe('POST /api/sim/run', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer('pglite', 'simrun');
    token = await joinWith(t, t.server.firstInvite!.code);
  });
  afterAll(async () => {
    expect(await leaksOf(t)).toEqual([]);
    await t.close();
  });

  it.each(FILES)('%s: the same bytes as npm run simulate', async (file) => {
    const cli = spawnSync(process.execPath, ['sim/cli.ts', join('scenarios', file)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const r = await t.call('POST', '/api/sim/run', {
      token,
      raw: readFileSync(join(ROOT, 'scenarios', file), 'utf8'),
    });
    expect(r.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(500);
    expect(r.text).toBe(cli.stdout);
  });

  it('--pretty is ?pretty, and an invalid file is refused naming the field, nothing run', async () => {
    const file = join('scenarios', FILES[0]!);
    const cli = spawnSync(process.execPath, ['sim/cli.ts', file, '--pretty'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const r = await t.call('POST', '/api/sim/run?pretty=1', {
      token,
      raw: readFileSync(join(ROOT, file), 'utf8'),
    });
    expect(r.text).toBe(cli.stdout);
    const bad = await t.call('POST', '/api/sim/run', {
      token,
      raw: '{"name":"x","start":"soon","users":[],"accounts":[],"events":[]}',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'invalid-scenario',
      message: expect.stringContaining('start: expected an ISO date'),
    });
  });
});
