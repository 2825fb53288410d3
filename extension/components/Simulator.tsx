// The simulator panel (simulation build only): inject what a network can do, move the simulated clock,
// switch the current user, reset the demo team, watch the team's timeline move with the clock, and read
// the event log in the reader's language with each line's rule id as a tag. The scenario player (same code
// as `npm run simulate`) is ScenarioPanel.
import { useEffect, useState } from 'preact/hooks';
import type { State } from '../../core/schemas.ts';
import { nextDue } from '../../runtime/due.ts';
import { plural, t } from '../lib/i18n.ts';
import { logText, sourceText } from '../lib/log-text.ts';
import { liveStatus, STATUS_LABEL } from '../lib/present.ts';
import { type Request, SIM_FAULTS, type SimFault } from '../lib/protocol.ts';
import { refusalText } from '../lib/refusal.ts';
import { dateTime, FAULT_LABEL, parseBody } from '../lib/sim-labels.ts';
import { timelineFromLog } from '../lib/timeline-log.ts';
import type { LogEntry, PopupView } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';
import { ScenarioPanel } from './ScenarioPanel.tsx';
import { TimelineView, type TimelineWords } from './Timeline.ts';

export interface SimulatorData {
  view: PopupView | undefined;
  state: State | undefined;
  clock: number | undefined;
  log: LogEntry[];
}

export interface SimulatorSource {
  load(): Promise<SimulatorData>;
  send(request: Request): Promise<Reply>;
  subscribe(onChange: () => void): () => void;
  locale: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Faults with a duration, and its unit. */
const AMOUNT: Partial<Record<SimFault, number>> = { outage: 1, 'rate-limit': 15 };

export function Simulator({ source, initial }: { source: SimulatorSource; initial: SimulatorData }) {
  const [data, setData] = useState(initial);
  const [account, setAccount] = useState(initial.view?.accounts[0]?.id ?? '');
  const [fault, setFault] = useState<SimFault>('revoke');
  const [amount, setAmount] = useState(1);
  const [status, setStatus] = useState(500);
  const [body, setBody] = useState('{}');
  const [times, setTimes] = useState(1);
  const [hours, setHours] = useState(1);
  const [days, setDays] = useState(1);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => source.subscribe(() => void source.load().then(setData)), [source]);

  const send = async (request: Request, done?: string) => {
    setOutcome(null);
    const reply = await source.send(request);
    setOutcome(
      reply.ok ? { ok: true, text: done ?? t('savedChange') } : { ok: false, text: refusalText(reply) },
    );
    setData(await source.load());
  };
  const inject = () => {
    let response: { status: number; body: unknown; times: number } | undefined;
    if (fault === 'respond') {
      const parsed = parseBody(body);
      if (!parsed.ok) {
        setOutcome({ ok: false, text: t('simBadJson', parsed.error) });
        return;
      }
      response = { status, body: parsed.body, times };
    }
    void send(
      {
        type: 'sim-inject',
        fault,
        account,
        ...(fault in AMOUNT ? { amount } : {}),
        ...(response ? { response } : {}),
      },
      t('simInjected'),
    );
  };

  const { view, state, log } = data;
  const clock = data.clock ?? view?.at ?? 0;
  // The background's own answer (rules and renewals); a view stored before it had one: the rules'.
  const stored = view?.next;
  const next = stored === undefined ? state && nextDue(state, clock)?.at : (stored ?? undefined);
  const accounts = Object.fromEntries(view?.accounts.map((a) => [a.id, a.name]) ?? []);
  const names = { users: view?.users ?? {}, accounts };
  const words: TimelineWords = { t, plural, clock: { locale: source.locale } };
  const context = { locale: source.locale, names, now: clock };
  const timeline = timelineFromLog({
    entries: log,
    accounts: (view?.accounts ?? []).map((a) => ({ ...a, status: liveStatus(a, clock) })),
    now: clock,
  });

  return (
    <main class="simulator">
      <h1>{t('simTitle')}</h1>
      <p>{t('simIntro')}</p>
      <p class="clock" role="status" aria-live="polite">
        {t('simClock', dateTime(clock, source.locale))}
      </p>
      {outcome && (
        <p class={outcome.ok ? 'saved' : 'notice'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      <section aria-labelledby="user-h">
        <h2 id="user-h">{t('simUser')}</h2>
        <label>
          {t('simUser')}
          <select
            value={view?.me.id}
            onChange={(e) => void send({ type: 'set-current-user', user: e.currentTarget.value })}
          >
            {Object.entries(view?.users ?? {}).map(([id, name]) => (
              <option value={id} key={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </section>
      <section aria-labelledby="inject-h">
        <h2 id="inject-h">{t('simInjectHeading')}</h2>
        <div class="form-row">
          <label>
            {t('simAccount')}
            <select value={account} onChange={(e) => setAccount(e.currentTarget.value)}>
              {view?.accounts.map((a) => (
                <option value={a.id} key={a.id}>
                  {t('badgeItem', a.name, t(STATUS_LABEL[a.status]))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('simFault')}
            <select value={fault} onChange={(e) => setFault(e.currentTarget.value as SimFault)}>
              {SIM_FAULTS.map((f) => (
                <option value={f} key={f}>
                  {t(FAULT_LABEL[f])}
                </option>
              ))}
            </select>
          </label>
          {fault in AMOUNT && (
            <label>
              {t('simAmount')}
              <input
                type="number"
                min={1}
                value={amount}
                onInput={(e) => setAmount(Math.max(1, Number(e.currentTarget.value) || 1))}
              />
            </label>
          )}
        </div>
        {fault === 'respond' && (
          <div class="form-row">
            <label>
              {t('simStatus')}
              <input
                type="number"
                min={100}
                max={599}
                value={status}
                onInput={(e) => setStatus(Number(e.currentTarget.value) || 500)}
              />
            </label>
            <label>
              {t('simTimes')}
              <input
                type="number"
                min={1}
                value={times}
                onInput={(e) => setTimes(Math.max(1, Number(e.currentTarget.value) || 1))}
              />
            </label>
            <label class="wide">
              {t('simBody')}
              <textarea rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
            </label>
          </div>
        )}
        <button type="button" class="primary" onClick={inject} disabled={!account}>
          {t('simInject')}
        </button>
      </section>
      <section aria-labelledby="clock-h">
        <h2 id="clock-h">{t('simClockHeading')}</h2>
        <div class="form-row">
          <label>
            {t('simHours')}
            <input
              type="number"
              min={1}
              value={hours}
              onInput={(e) => setHours(Math.max(1, Number(e.currentTarget.value) || 1))}
            />
          </label>
          <button type="button" onClick={() => void send({ type: 'sim-advance', ms: hours * HOUR })}>
            {t('simAdvanceHours')}
          </button>
          <label>
            {t('simDays')}
            <input
              type="number"
              min={1}
              value={days}
              onInput={(e) => setDays(Math.max(1, Number(e.currentTarget.value) || 1))}
            />
          </label>
          <button type="button" onClick={() => void send({ type: 'sim-advance', ms: days * DAY })}>
            {t('simAdvanceDays')}
          </button>
        </div>
        <div class="form-row">
          <button
            type="button"
            aria-describedby="next-due"
            onClick={() => void send({ type: 'sim-advance', next: true })}
          >
            {t('simAdvanceNext')}
          </button>
          <span id="next-due">{next === undefined ? t('simNothingDue') : dateTime(next, source.locale)}</span>
          <button type="button" onClick={() => void send({ type: 'check-now' })}>
            {t('simCheckAll')}
          </button>
          <button type="button" class="danger" onClick={() => void send({ type: 'sim-reset' })}>
            {t('simReset')}
          </button>
        </div>
      </section>
      <TimelineView timeline={timeline} words={words} users={names.users} id="tl-team" />
      <ScenarioPanel locale={source.locale} />
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('simLog')}</h2>
        {log.length === 0 ? (
          <p>{t('simLogEmpty')}</p>
        ) : (
          <table class="log">
            <thead>
              <tr>
                <th scope="col">{t('simWhen')}</th>
                <th scope="col">{t('simRule')}</th>
                <th scope="col">{t('simAccount')}</th>
                <th scope="col">{t('simWhat')}</th>
                <th scope="col">{t('simSource')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry, i) => (
                <tr key={`${entry.at}-${i}`} data-rule={entry.rule}>
                  <td>{dateTime(entry.at, source.locale)}</td>
                  <td>
                    <span class="rule-tag">{entry.rule}</span>
                  </td>
                  <td>{accounts[entry.account] ?? entry.account}</td>
                  <td>{logText(entry, context)}</td>
                  <td>{sourceText(entry.source)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
