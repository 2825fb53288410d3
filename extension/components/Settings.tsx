// The settings page: Accounts (S1-S8, R9), Email notifications (S7) and the network client ids (real
// mode). It renders the stored SettingsView and sends actions; the background applies them through core,
// and a refusal is shown with its rule id and the rule's message in the reader's language, naming people
// and accounts by their display names (never an id). Layout: settings.css.
import { useEffect, useState } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { ask } from '../lib/ask.ts';
import { t } from '../lib/i18n.ts';
import type { Request } from '../lib/protocol.ts';
import { type Names, refusalLine } from '../lib/refusal.ts';
import { byBrand, connectReason, PERMISSION_LABEL, PLAN_LABEL } from '../lib/settings.ts';
import type { RedirectUrl } from '../lib/stores.ts';
import type { ClientSettings, SettingsView } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';
import { AccountRow } from './AccountRow.tsx';
import { ConnectDialog } from './ConnectDialog.tsx';
import { DigestTab } from './DigestTab.tsx';
import { Options } from './Options.tsx';
import { Reason } from './Reason.tsx';

export interface SettingsSource {
  load(): Promise<SettingsView | undefined>;
  send(request: Request): Promise<Reply>;
  subscribe(onChange: () => void): () => void;
  now(): number;
  locale: string;
  clients: ClientSettings;
  /** Each browser's OAuth redirect URL (lib/stores.ts). */
  redirects: RedirectUrl[];
  copy?: (text: string) => Promise<void>;
}

type Tab = 'accounts' | 'email' | 'networks';

/** Display names by id, for refusals whose parameters name a user or an account. */
function namesOf(view: SettingsView): Names {
  return {
    users: Object.fromEntries(view.users.map((u) => [u.id, u.name])),
    accounts: Object.fromEntries([...view.accounts, ...view.hidden].map((a) => [a.id, a.name])),
  };
}
const TABS: Array<[Tab, 'tabAccounts' | 'tabEmail' | 'tabNetworks']> = [
  ['accounts', 'tabAccounts'],
  ['email', 'tabEmail'],
  ['networks', 'tabNetworks'],
];

export function Settings({ source, initial }: { source: SettingsSource; initial: SettingsView | undefined }) {
  const [view, setView] = useState(initial);
  const [tab, setTab] = useState<Tab>('accounts');
  const [brand, setBrand] = useState('');
  const [connecting, setConnecting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const reload = () => void source.load().then((next) => next && setView(next));
    const unsubscribe = source.subscribe(reload);
    void ask(source, { type: 'wake' });
    if (!initial) reload();
    return unsubscribe;
  }, [source, initial]);

  if (!view) return <p class="loading">{t('loading')}</p>;

  const send = async (request: Request) => {
    setOutcome(null);
    const reply = await ask(source, request);
    setOutcome(
      reply.ok
        ? { ok: true, text: t('savedChange') }
        : { ok: false, text: refusalLine(reply, namesOf(view)) },
    );
    const next = await source.load();
    if (next) setView(next);
  };
  const connect = (network: Network) => {
    setConnecting(false);
    void send({ type: 'connect', network });
  };
  const reconnectAll = async (ids: string[]) => {
    setConnecting(false);
    for (const account of ids) await send({ type: 'reconnect', account });
  };
  const noConnect = connectReason(view);
  const rows = byBrand(view.accounts, brand);

  const onTabKey = (e: KeyboardEvent) => {
    // WAI-ARIA tabs: arrow keys move between tabs.
    const i = TABS.findIndex(([k]) => k === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(i + step + TABS.length) % TABS.length]![0];
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <main class="settings">
      <header>
        <h1>{t('settingsTitle')}</h1>
        <p class="me">
          {t(
            'settingsActingAs',
            view.me.name,
            [t(PERMISSION_LABEL[view.me.permission]), ...(view.me.superAdmin ? [t('superAdmin')] : [])].join(
              ', ',
            ),
          )}
        </p>
        <p>{t('settingsPlan', t(PLAN_LABEL[view.plan]))}</p>
        {view.mode === 'simulation' && <a href="simulator.html">{t('simOpenSimulator')}</a>}
      </header>
      <div role="tablist" aria-label={t('settingsTabs')} onKeyDown={onTabKey}>
        {TABS.map(([key, label]) => (
          <button
            type="button"
            role="tab"
            id={`tab-${key}`}
            key={key}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => setTab(key)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      {outcome && (
        <p class={outcome.ok ? 'saved' : 'notice'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'accounts' && (
          <>
            <div class="toolbar">
              {view.brands && (
                <label>
                  {t('brandSwitcher')}
                  <select value={brand} onChange={(e) => setBrand(e.currentTarget.value)}>
                    <option value="">{t('filterAllBrands')}</option>
                    {view.brands.map((b) => (
                      <option value={b} key={b}>
                        {b}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button
                type="button"
                disabled={noConnect !== null}
                aria-describedby={noConnect ? 'connect-why' : undefined}
                onClick={() => setConnecting(true)}
              >
                {t('connectAccount')}
              </button>
              <Reason id="connect-why" why={noConnect} />
            </div>
            {rows.length === 0 ? (
              <p class="empty">{t('accountsEmpty')}</p>
            ) : (
              <table class="accounts-table">
                <thead>
                  <tr>
                    <th scope="col">{t('colAccount')}</th>
                    <th scope="col">{t('colAccess')}</th>
                    <th scope="col">{t('colAutopublish')}</th>
                    <th scope="col">{t('colDefault')}</th>
                    <th scope="col">{t('colVisibility')}</th>
                    {view.brands && <th scope="col">{t('colBrand')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a, i) => (
                    <AccountRow key={a.id} view={view} account={a} index={i} send={(r) => void send(r)} />
                  ))}
                </tbody>
              </table>
            )}
            {connecting && (
              <ConnectDialog
                hidden={view.hidden}
                mode={view.mode}
                now={source.now()}
                locale={source.locale}
                onContinue={(ids) => void reconnectAll(ids)}
                onConnect={connect}
                onClose={() => setConnecting(false)}
              />
            )}
          </>
        )}
        {tab === 'email' && <DigestTab view={view} send={(r) => void send(r)} />}
        {tab === 'networks' && (
          <Options
            initial={source.clients}
            redirects={source.redirects}
            send={source.send}
            copy={source.copy}
          />
        )}
      </div>
    </main>
  );
}
