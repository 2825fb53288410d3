// Options page wiring: stored client ids in, a `set-clients` message out.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/Options.tsx';
import { openHealthDb, readKv } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import type { Reply } from '../../lib/wire.ts';

document.documentElement.lang = locale();
document.title = t('optionsTitle');
const db = await openHealthDb();
render(
  <Options
    initial={(await readKv(db, 'clients')) ?? {}}
    redirectUrl={browser.identity.getRedirectURL()}
    send={(request) => browser.runtime.sendMessage(request) as Promise<Reply>}
  />,
  document.getElementById('app')!,
);
