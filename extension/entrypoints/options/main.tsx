// Settings page wiring: the stored SettingsView in, actions out, re-read on the background's broadcasts.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Settings, type SettingsSource } from '../../components/Settings.tsx';
import { openHealthDb, readKv } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import { isChanged, type Reply } from '../../lib/wire.ts';

document.documentElement.lang = locale();
document.title = t('settingsTitle');
const db = await openHealthDb();
// The simulation build's clock runs ahead of the wall clock by the simulator's offset (0 in production).
let offset = (await readKv(db, 'clockOffset')) ?? 0;
const source: SettingsSource = {
  load: async () => {
    offset = (await readKv(db, 'clockOffset')) ?? 0;
    return readKv(db, 'settings');
  },
  send: (request) => browser.runtime.sendMessage(request) as Promise<Reply>,
  subscribe(onChange) {
    const listener = (message: unknown, sender: { id?: string }) => {
      if (isChanged(message, sender, browser.runtime.id)) onChange();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  },
  now: () => Date.now() + offset,
  locale: locale(),
  clients: (await readKv(db, 'clients')) ?? {},
  redirectUrl: browser.identity.getRedirectURL(),
};
render(<Settings source={source} initial={await source.load()} />, document.getElementById('app')!);
