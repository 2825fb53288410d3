// The simulator panel's scenario player runs scenarios/ files with the same validator and the same
// Simulation as `npm run simulate`: the final account statuses (and the whole report) are the same.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../extension/simulation/player.ts';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';

const dir = new URL('../../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('scenario player', () => {
  it('there are scenario files to compare', () => expect(files.length).toBeGreaterThan(3));

  it.each(files)('%s: the panel ends with the statuses `npm run simulate` prints', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const loaded = loadScenario(text);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const panel = await loaded.player.play();
    const checked = validateScenario(text);
    if (!checked.ok) throw new Error('invalid');
    const cli = await runScenario(checked.scenario);
    const statuses = (r: typeof cli) => r.final.accounts.map((a) => [a.id, a.status, a.reason]);
    expect(statuses(panel)).toEqual(statuses(cli));
    // Same code, so the same report, step for step.
    expect(panel).toEqual(cli);
  });

  it('stepping reaches the same report as playing', async () => {
    const text = readFileSync(join(dir, files[0]!), 'utf8');
    const a = loadScenario(text);
    const b = loadScenario(text);
    if (!a.ok || !b.ok) throw new Error('invalid');
    let steps = 0;
    while (!a.player.done) {
      await a.player.step();
      steps++;
    }
    expect(steps).toBe(a.player.scenario.events.length);
    expect(a.player.report()).toEqual(await b.player.play());
  });

  it('an invalid file is refused with the CLI messages, naming the bad field', () => {
    const text = JSON.stringify({ name: 'x', start: 'yesterday', users: [], accounts: [], events: [] });
    const loaded = loadScenario(text);
    expect(loaded.ok).toBe(false);
    const cli = validateScenario(text);
    expect(!loaded.ok && loaded.errors).toEqual(!cli.ok && cli.errors);
    expect(!loaded.ok && loaded.errors.join('\n')).toMatch(/^start: expected an ISO date/m);
  });
});
