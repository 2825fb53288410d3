// Service-worker start-up: listeners first (synchronously, MV3), then open the store, pick the build's
// mode, load or seed the state and run everything due since the browser last ran.
import { openHealthDb } from '../lib/db.ts';
import { listen } from './listen.ts';
import { productionSetup } from './production.ts';
import { Background, type ModeSetup } from './service.ts';
import { Store } from './store.ts';
import { Switch } from './switch.ts';
import { TeamMode } from './team/session.ts';

async function modeSetup(store: Store): Promise<ModeSetup> {
  // import.meta.env.MODE is replaced at build time, so the production bundle drops this branch and,
  // with it, MSW, the mock networks and faker (test/extension/bundle.test.ts checks the output).
  if (import.meta.env.MODE === 'simulation') {
    const { simulationSetup } = await import('../simulation/setup.ts');
    return simulationSetup(store);
  }
  return productionSetup(store);
}

async function standalone(store: Store): Promise<Background> {
  const bg = await Background.open({ store, setup: await modeSetup(store) });
  await bg.ensureAlarms();
  await bg.wake();
  // A sweep the service worker was stopped in the middle of continues where its last batch committed.
  void bg.resumeSweep();
  return bg;
}

async function boot(): Promise<Switch> {
  const store = new Store(await openHealthDb());
  // Joined to a team (issue #16): the server holds the state; the standalone engine stays asleep.
  const team = await TeamMode.open(store);
  if (team) {
    await team.ensureAlarms();
    void team.refresh();
  }
  return new Switch(store, team ?? (await standalone(store)), () => standalone(store));
}

export function start(): void {
  const ready = boot();
  listen(ready);
  ready.catch((error: unknown) => console.error('Background start-up failed:', error));
}
