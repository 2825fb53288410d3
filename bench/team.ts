// (a, team mode; issue #16) The popup's first render with 1,000 accounts when the extension is joined to a
// team: the seeded browser's view becomes a team server's member view (server/views.ts's shape) stored as
// team mode stores it (kv team, teamStatus, teamSync), with the server address pointing at a closed port.
// The browser restarts on the same profile and boots in team mode; every popup's wake-up polls the server,
// finds it unreachable and writes the popup's view of 1,000 accounts as stale ("as of …", each action
// saying why it waits): the heavier of team mode's two screens. The same popupFigures then measure it.

import type { AccountView, PopupView } from '../extension/lib/types.ts';
import { findBrowser, type LaunchedExtension, launchExtension, NO_BROWSER } from '../scripts/chromium.ts';
import { kvRead, type Seeded, until, worker } from './browser.ts';

export async function teamModeBrowser(seeded: Seeded, dir: string): Promise<LaunchedExtension> {
  const sw = await worker(seeded.ext);
  await sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('social-health');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const get = (key: string) =>
      new Promise<unknown>((done) => {
        const r = db.transaction('kv').objectStore('kv').get(key);
        r.onsuccess = () => done(r.result);
      });
    const view = (await get('view')) as PopupView;
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    const me = view.me.id;
    const accounts = view.accounts.map((a: AccountView) => ({
      ...a,
      reauthDueAt: iso(a.reauthDueAt),
      disconnectedAt: iso(a.disconnectedAt),
      reconnectDeadline: iso(a.reconnectDeadline),
      lastCheck: a.lastCheck
        ? { ...a.lastCheck, at: iso(a.lastCheck.at), retryAt: iso(a.lastCheck.retryAt) }
        : null,
      avatarUrl: null,
      you: {
        level: 'full',
        mayReconnect: a.canReconnect.includes(me),
        mayDisconnect: a.canDisconnect.includes(me),
      },
    }));
    const attention = accounts.filter((a) => a.status !== 'connected').length;
    const member = {
      serverTime: iso(view.at),
      team: { id: 'bench', name: 'Bench team' },
      me: { id: me, name: view.me.name, superAdmin: view.me.superAdmin, permission: 'all-accounts' },
      users: view.users,
      plan: view.plan,
      brands: view.brands,
      counts: { accounts: accounts.length, attention, worst: 'disconnected', byStatus: {} },
      accounts,
    };
    // Port 9 (discard) on this machine: nothing listens, so every poll fails at once.
    const server = 'http://127.0.0.1:9';
    const tx = db.transaction('kv', 'readwrite').objectStore('kv');
    tx.put({ server, token: 'bench', tokenId: 'bench', team: 'bench', user: me, offsetBefore: 0 }, 'team');
    tx.put(
      {
        server,
        team: member.team,
        asOf: view.at,
        problem: null,
        me: member.me,
        joinedAt: view.at,
      },
      'teamStatus',
    );
    tx.put({ etag: null, view: member, cursor: 0, seen: [] }, 'teamSync');
    await new Promise((done) => {
      tx.transaction.oncomplete = done;
    });
    db.close();
  });
  await seeded.ext.context.close();
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(NO_BROWSER);
  const ext = await launchExtension(dir, { executablePath, headless: true, userDataDir: seeded.profile });
  await until(`the team-mode view of ${seeded.accounts} accounts`, async () => {
    const v = (await kvRead(await worker(ext), 'view')) as
      | { mode: string; accounts: unknown[]; team?: { problem: string | null } }
      | undefined;
    return v?.mode === 'team' && v.accounts.length === seeded.accounts && v.team?.problem === 'unreachable';
  });
  return ext;
}
