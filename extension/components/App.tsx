// The popup: renders the stored view at once, then follows the background's change broadcasts. It never
// waits on the network: actions are messages, their results arrive as a new stored view.
// On screen: a summary strip (a count per status, each a toggle that filters the list), a search over name
// and handle once there are more than a few accounts, and the accounts under urgency headings (needs action,
// reauthorize soon, fine), healthy ones as compact rows. Keyboard: the arrow keys (and Home/End) move
// between accounts, Enter runs the focused account's primary action (Reconnect, Refresh connection).
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Network, Status } from '../../core/schemas.ts';
import { ask } from '../lib/ask.ts';
import {
  countsOf,
  emptyText,
  groupCounts,
  grouped,
  groupHeading,
  headerText,
  KEYS_ID,
} from '../lib/first-screen.ts';
import { t } from '../lib/i18n.ts';
import { checkedAnywayText, countStatuses, FIRST_ROWS, rows, searchFor } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import { namesOf, refusalText } from '../lib/refusal.ts';
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

/** Where each key moves from a row (`at`) in a list of `n` rows. */
const MOVES: Record<string, (at: number, n: number) => number> = {
  ArrowDown: (at, n) => Math.min(at + 1, n - 1),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_, n) => n - 1,
};

const rowOf = (el: EventTarget | null) =>
  el instanceof Element ? el.closest<HTMLElement>('li.account') : null;

export function App({ source, initial, focus }: AppProps) {
  const [view, setView] = useState(initial);
  const [status, setStatus] = useState<Status | null>(null);
  const [query, setQuery] = useState('');
  const [network, setNetwork] = useState<Network | typeof ALL>(ALL);
  const [brand, setBrand] = useState(ALL);
  const [busy, setBusy] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<Network | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [limit, setLimit] = useState(FIRST_ROWS);
  // Refusals stored after this popup opened answered another page (issue #13 finding 7: first-screen.ts).
  const [openedAt] = useState(() => source.now());
  /** The row in the tab order: the last one focused (a roving tab stop), else the first. */
  const [active, setActive] = useState<string | null>(focus);

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

  // The strip counts the whole list (the glance carries its counts: its rows are only the first few).
  const counts = countsOf(view, all);
  const total = view.partial?.total ?? all.length;
  const found = searchFor(query);
  const filtered = status !== null || network !== ALL || brand !== ALL || found !== null;
  const matching = filtered
    ? all.filter(
        (r) =>
          (status === null || r.status === status) &&
          (network === ALL || r.account.network === network) &&
          (brand === ALL || r.account.brand === brand) &&
          (found === null || found(r.account)),
      )
    : all;
  // A focused account (from a notification) is always in the first render.
  const focusAt = focus ? matching.findIndex((r) => r.account.id === focus) + 1 : 0;
  const shown = matching.slice(0, Math.max(limit, focusAt));
  const perGroup = groupCounts(filtered ? countStatuses(matching) : counts);
  const tabbable = shown.some((r) => r.account.id === active) ? active : (shown[0]?.account.id ?? null);
  // The same strings the popup's first paint showed (lib/first-screen.ts): Preact takes that markup over.
  const text = headerText(view, counts, now, message, openedAt);

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
    if (!reply.ok) setMessage(refusalText(reply, namesOf(view)));
  };

  const connect = async (n: Network) => {
    setConnecting(n);
    setMessage(null);
    const reply = await ask(source, { type: 'connect', network: n });
    setConnecting(null);
    if (!reply.ok) setMessage(refusalText(reply, namesOf(view)));
  };

  const onListKey = (e: KeyboardEvent) => {
    const row = rowOf(e.target);
    if (!row) return;
    if (e.key === 'Enter') {
      // Enter on a button is that button's; on the row it is the row's primary action (R7), if I may.
      if (e.target !== row) return;
      e.preventDefault();
      row.querySelector<HTMLButtonElement>('button.fix')?.click();
      return;
    }
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const list = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('li.account')];
    list[move(list.indexOf(row), list.length)]?.focus();
  };
  const onListFocus = (e: FocusEvent) => {
    const index = Number(rowOf(e.target)?.id.replace('account-', ''));
    const id = shown[index]?.account.id;
    if (id && id !== tabbable) setActive(id);
  };
  const toFirstRow = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown') return;
    e.preventDefault();
    document.querySelector<HTMLElement>('li.account')?.focus();
  };

  let index = 0;
  return (
    <main class="popup">
      <header>
        <h1>{text.title}</h1>
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
        <p class="summary" role="status">
          {text.summary}
        </p>
        {text.me && <p class="me">{text.me}</p>}
      </header>
      {text.notice && (
        <p class="notice" role="alert">
          {text.notice}
        </p>
      )}
      <fieldset class="strip" aria-label={text.strip.label}>
        {text.strip.items.map((item) => (
          <button
            type="button"
            key={item.status}
            class={`count ${item.status}`}
            aria-pressed={status === item.status ? 'true' : 'false'}
            onClick={() => setStatus(status === item.status ? null : item.status)}
          >
            <span class="n">{item.count}</span> <span class="label">{item.label}</span>
          </button>
        ))}
      </fieldset>
      <div class="filters">
        {text.search && (
          <input
            type="search"
            class="search"
            aria-label={text.search.label}
            placeholder={text.search.placeholder}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={toFirstRow}
          />
        )}
        {/* Named by aria-label: their first option ("All networks") already says what they filter. */}
        <select
          aria-label={text.network}
          value={network}
          onChange={(e) => setNetwork(e.currentTarget.value as Network)}
        >
          <option value={ALL}>{text.allNetworks}</option>
          {text.networks.map((n) => (
            <option value={n.value} key={n.value}>
              {n.label}
            </option>
          ))}
        </select>
        {text.brand && (
          <select
            aria-label={text.brand.label}
            value={brand}
            onChange={(e) => setBrand(e.currentTarget.value)}
          >
            <option value={ALL}>{text.brand.all}</option>
            {text.brand.brands.map((b) => (
              <option value={b} key={b}>
                {b}
              </option>
            ))}
          </select>
        )}
      </div>
      <p class="showing" aria-live="polite">
        {filtered ? t('showing', matching.length, total) : null}
      </p>
      {matching.length === 0 ? (
        <p class="empty">{emptyText(total)}</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: the keys are the rows' (focusable list items); their container listens once for all of them
        <div class="groups" onKeyDown={onListKey} onFocusIn={onListFocus}>
          <p id={KEYS_ID} hidden>
            {text.keys}
          </p>
          {grouped(shown).map(({ group, rows: list }) => (
            <div class="group" key={group}>
              <h2 id={`group-${group}`}>{groupHeading(group, perGroup[group])}</h2>
              <ul class="accounts" aria-labelledby={`group-${group}`}>
                {list.map((r) => {
                  const i = index++;
                  return (
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
                      tabbable={r.account.id === tabbable}
                      onAction={act}
                    />
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
      {(view.partial?.total ?? all.length) === 0 && (
        <ConnectNetworks text={connectText(view.mode)} busy={connecting} onConnect={(n) => void connect(n)} />
      )}
    </main>
  );
}
