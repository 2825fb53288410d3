// The popup: renders the stored view at once, then follows the background's change broadcasts. It never
// waits on the network: actions are messages, their results arrive as a new stored view.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { ask } from '../lib/ask.ts';
import { emptyText, headerText } from '../lib/first-screen.ts';
import { t } from '../lib/i18n.ts';
import { checkedAnywayText, FIRST_ROWS, rows } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import { refusalText } from '../lib/refusal.ts';
import { connectText } from '../lib/standalone.ts';
import type { PopupView } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';
import { AccountItem, type Action } from './AccountItem.tsx';
import { ConnectNetworks } from './ConnectNetworks.tsx';

export interface PopupSource {
  load(): Promise<PopupView | undefined>;
  send(request: Request): Promise<Reply>;
  /** Calls back when the background says the stored view changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  now(): number;
  locale: string;
}

export interface AppProps {
  source: PopupSource;
  initial: PopupView | undefined;
  /** An account to show first (a notification was clicked). */
  focus: string | null;
}

/** After the first FIRST_ROWS rows, the rest of the list renders this many rows per task. */
const CHUNK_ROWS = 200;

const ALL = '';

export function App({ source, initial, focus }: AppProps) {
  const [view, setView] = useState(initial);
  const [network, setNetwork] = useState<Network | typeof ALL>(ALL);
  const [brand, setBrand] = useState(ALL);
  const [busy, setBusy] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<Network | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [limit, setLimit] = useState(FIRST_ROWS);
  // Refusals stored after this popup opened answered another page (issue #13 finding 7: first-screen.ts).
  const [openedAt] = useState(() => source.now());

  useEffect(() => {
    const reload = () => void source.load().then((next) => next && setView(next));
    const unsubscribe = source.subscribe(reload);
    // Wake the background: it runs the rules due since it last ran and broadcasts the result.
    void ask(source, { type: 'wake' });
    // The first screen (`glance`) holds the most urgent rows only: the whole list follows after paint.
    if (!initial || initial.partial) reload();
    return unsubscribe;
  }, [source, initial]);

  useEffect(() => {
    if (!focus) return;
    const el = document.querySelector<HTMLElement>('li.focused');
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }, [focus]);

  // One clock reading per view: every row's relative times agree with each other.
  const now = useMemo(() => source.now(), [source, view]);
  const all = useMemo(() => (view ? rows(view.accounts, now) : []), [view, now]);

  useEffect(() => {
    if (limit >= all.length) return;
    const timer = setTimeout(() => setLimit(limit + CHUNK_ROWS), 0);
    return () => clearTimeout(timer);
  }, [limit, all.length]);

  if (!view) return <p class="loading">{t('loading')}</p>;

  const matching = all.filter(
    (r) => (network === ALL || r.account.network === network) && (brand === ALL || r.account.brand === brand),
  );
  // A focused account (from a notification) is always in the first render.
  const focusAt = focus ? matching.findIndex((r) => r.account.id === focus) + 1 : 0;
  const shown = matching.slice(0, Math.max(limit, focusAt));
  const attention = view.partial?.attention ?? all.filter((r) => r.status !== 'connected').length;
  // The same strings the popup's first paint showed (lib/first-screen.ts): Preact takes that markup over.
  const text = headerText(view, attention, now, message, openedAt);

  const checkNow = async () => {
    setMessage(null);
    const reply = await ask(source, { type: 'check-now' });
    if (!reply.ok) setMessage(refusalText(reply));
    else if (reply.askedToWait?.length)
      setMessage(checkedAnywayText(reply.askedToWait, view.accounts, source.now(), source.locale));
  };

  const act = async (action: Action, account: string) => {
    setBusy(account);
    setMessage(null);
    // ask(): a background that stopped mid-action still ends here, with a message (issue #13 finding 6).
    const reply = await ask(source, { type: action, account });
    setBusy(null);
    if (!reply.ok) setMessage(refusalText(reply));
  };

  const connect = async (n: Network) => {
    setConnecting(n);
    setMessage(null);
    const reply = await ask(source, { type: 'connect', network: n });
    setConnecting(null);
    if (!reply.ok) setMessage(refusalText(reply));
  };

  return (
    <main>
      <header>
        <h1>{text.title}</h1>
        <p class="summary" role="status">
          {text.summary}
        </p>
        <div class="check-now">
          <button
            type="button"
            aria-disabled={text.sweep ? 'true' : undefined}
            onClick={text.sweep ? undefined : () => void checkNow()}
          >
            {text.checkNow}
          </button>
          {text.sweep && (
            <>
              <progress value={text.sweep.done} max={text.sweep.total} aria-labelledby="sweep-text" />
              <span id="sweep-text">{text.sweep.text}</span>
            </>
          )}
        </div>
        {text.me && <p class="me">{text.me}</p>}
      </header>
      {text.notice && (
        <p class="notice" role="alert">
          {text.notice}
        </p>
      )}
      <div class="filters">
        <label>
          {text.network}
          <select value={network} onChange={(e) => setNetwork(e.currentTarget.value as Network)}>
            <option value={ALL}>{text.allNetworks}</option>
            {text.networks.map((n) => (
              <option value={n.value} key={n.value}>
                {n.label}
              </option>
            ))}
          </select>
        </label>
        {text.brand && (
          <label>
            {text.brand.label}
            <select value={brand} onChange={(e) => setBrand(e.currentTarget.value)}>
              <option value={ALL}>{text.brand.all}</option>
              {text.brand.brands.map((b) => (
                <option value={b} key={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {matching.length === 0 ? (
        <p class="empty">{emptyText(view.partial?.total ?? all.length)}</p>
      ) : (
        <ul class="accounts" aria-label={text.title}>
          {shown.map((r, i) => (
            <AccountItem
              key={r.account.id}
              account={r.account}
              status={r.status}
              view={view}
              index={i}
              now={now}
              locale={source.locale}
              busy={busy === r.account.id}
              focused={r.account.id === focus}
              onAction={act}
            />
          ))}
        </ul>
      )}
      {(view.partial?.total ?? all.length) === 0 && (
        <ConnectNetworks text={connectText(view.mode)} busy={connecting} onConnect={(n) => void connect(n)} />
      )}
    </main>
  );
}
