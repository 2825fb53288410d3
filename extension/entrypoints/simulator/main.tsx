// Simulator panel wiring (simulation build only): stored view, state and log in; requests out.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { stateFromData } from '../../../core/schemas.ts';
import { Simulator, type SimulatorSource } from '../../components/Simulator.tsx';
import { openHealthDb, readKv } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import { subscribeChanges } from '../../lib/page-source.ts';
import type { Reply } from '../../lib/wire.ts';

document.documentElement.lang = locale();
document.title = t('simTitle');
const db = await openHealthDb();
const source: SimulatorSource = {
  load: async () => ({
    view: await readKv(db, 'view'),
    state: await readKv(db, 'state').then((data) => data && stateFromData(data)),
    clock: await readKv(db, 'clock'),
    log: await (async () => {
      const entries = [];
      let cursor = await db.transaction('log').store.openCursor(null, 'prev');
      while (cursor && entries.length < 200) {
        entries.push(cursor.value);
        cursor = await cursor.continue();
      }
      return entries;
    })(),
  }),
  send: (request) => browser.runtime.sendMessage(request) as Promise<Reply>,
  subscribe: subscribeChanges,
  locale: locale(),
};
render(<Simulator source={source} initial={await source.load()} />, document.getElementById('app')!);
