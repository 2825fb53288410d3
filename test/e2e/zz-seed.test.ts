import { it, expect } from 'vitest';
import { launch } from '/work/wt-popup/test/e2e/harness.ts';
it('seed', async () => {
  const ext = await launch({ browser: (process.env.B ?? 'chromium') as 'chromium' });
  await ext.openPopup();
  const t0 = Date.now();
  const orig = ext.kv;
  try {
    await ext.seedAccounts(1000);
  } catch (e) {
    console.log('seed failed', e);
    const state = await ext.kv('state').catch((e) => String(e));
    console.log('state accounts', typeof state === 'string' ? state : Object.keys(state?.accounts ?? {}).length);
    const view = await ext.kv('view').catch((e) => String(e));
    console.log('view', typeof view === 'string' ? view : view?.accounts.length);
  }
  console.log('took', Date.now() - t0);
  await ext.close();
}, 120_000);
