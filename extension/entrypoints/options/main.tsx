// Settings page wiring: the stored SettingsView in, actions out, re-read on the background's broadcasts.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Settings, type SettingsSource } from '../../components/Settings.tsx';
import { TeamPanel } from '../../components/TeamPanel.tsx';
import { openHealthDb, readKv } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import { storedSource } from '../../lib/page-source.ts';
import { redirectUrls } from '../../lib/stores.ts';
import { type JoinRequest, joinTeam } from '../../lib/team-join.ts';
import { teamSettingsView } from '../../lib/team-settings.ts';

document.documentElement.lang = locale();
document.title = t('settingsTitle');
const db = await openHealthDb();
const stored = storedSource(db, 'settings');
const source: SettingsSource = {
  ...stored,
  // Team mode (issue #16): the team's settings as the server gave them (lib/team-settings.ts).
  load: async () => {
    const status = await readKv(db, 'teamStatus');
    return status ? teamSettingsView(await readKv(db, 'teamSync'), status) : stored.load();
  },
  clients: (await readKv(db, 'clients')) ?? {},
  // Both browsers' redirect URLs, this one's as the browser itself answers (import.meta.env.BROWSER: the
  // build's target, https://wxt.dev/guide/essentials/config/environment-variables.html).
  redirects: await redirectUrls(
    import.meta.env.BROWSER === 'firefox' ? 'firefox' : 'chrome',
    browser.identity.getRedirectURL(),
  ),
};
render(<Settings source={source} initial={await source.load()} />, document.getElementById('app')!);

// Team mode (issue #16): join, who you are there, leave. An invite link fills in the server and the code.
const query = new URLSearchParams(location.search);
const invite =
  query.get('server') && query.get('code')
    ? { server: query.get('server')!, code: query.get('code')! }
    : null;
const team = { ...storedSource(db, 'teamStatus'), join: (r: JoinRequest) => joinTeam(db, r) };
render(
  <TeamPanel source={team} initial={await team.load()} invite={invite} />,
  document.getElementById('team')!,
);
