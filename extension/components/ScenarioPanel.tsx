// Load a scenario file (scenario.md format) into the panel: validated by the same code and with the same
// messages as `npm run simulate`, stepped through or played by the same Simulation, and exported as the
// same JSON report, with its timeline drawn as it plays. It runs in this page against its own mock world;
// the demo team is untouched.
import { useState } from 'preact/hooks';
import { accountsAt, type ReportSnapshot } from '../../sim/report.ts';
import { moment } from '../lib/format.ts';
import { plural, t } from '../lib/i18n.ts';
import { STATUS_LABEL } from '../lib/present.ts';
import { refusalText } from '../lib/refusal.ts';
import { timelineFromReport } from '../lib/timeline.ts';
import { loadScenario, reportBlob, type ScenarioPlayer } from '../simulation/player.ts';
import { TimelineView } from './Timeline.ts';

/** What went wrong: the file was refused before anything ran, or the run stopped with an error. */
type Problem = { kind: 'invalid' | 'failed'; lines: string[] } | null;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ScenarioPanel({ locale }: { locale: string }) {
  const [player, setPlayer] = useState<ScenarioPlayer | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  /** The accounts before the first step: where the timeline's lanes start. */
  const [initial, setInitial] = useState<ReportSnapshot[]>([]);
  const [, setTick] = useState(0);
  const [busy, setBusy] = useState(false);

  const load = async (file: File | undefined) => {
    if (!file) return;
    setPlayer(null);
    try {
      // Validated exactly as `npm run simulate` does: the same lines, naming each bad field.
      const loaded = loadScenario(await file.text());
      setPlayer(loaded.ok ? loaded.player : null);
      setInitial(loaded.ok ? accountsAt(loaded.player.state, loaded.player.now) : []);
      setProblem(loaded.ok ? null : { kind: 'invalid', lines: loaded.errors });
    } catch (error) {
      setProblem({ kind: 'failed', lines: [message(error)] });
    }
  };
  const run = async (work: (p: ScenarioPlayer) => Promise<unknown>) => {
    if (!player) return;
    setBusy(true);
    try {
      await work(player);
    } catch (error) {
      setProblem({ kind: 'failed', lines: [message(error)] });
    }
    setBusy(false);
    setTick((n) => n + 1);
  };
  const exportReport = () => {
    if (!player) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(reportBlob(player));
    a.download = 'report.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const report = player?.report();
  const progress = player?.progress;
  const recent = player
    ? player.steps
        .map((s, i) => ({ s, r: player.refusals[i] }))
        .slice(-30)
        .reverse()
    : [];
  const clock = { locale };
  const timeline =
    player &&
    timelineFromReport({
      initial,
      steps: player.steps,
      start: Date.parse(player.scenario.start),
      end: player.now,
    });

  return (
    <section aria-labelledby="scenario-h">
      <h2 id="scenario-h">{t('simScenarioHeading')}</h2>
      <label>
        {t('simScenarioFile')}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void load(e.currentTarget.files?.[0])}
        />
      </label>
      {problem && (
        <div role="alert" class="notice">
          <p>{t(problem.kind === 'invalid' ? 'simScenarioInvalid' : 'simScenarioFailed')}</p>
          <ul>
            {problem.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {player && progress && report && (
        <>
          <p role="status">
            {t('simScenarioLoaded', player.scenario.name, progress.total)} —{' '}
            {player.done ? t('simFinished') : t('simProgress', progress.done, progress.total)}
          </p>
          <div class="form-row">
            <button type="button" disabled={busy || player.done} onClick={() => void run((p) => p.step())}>
              {t('simStep')}
            </button>
            <button type="button" disabled={busy || player.done} onClick={() => void run((p) => p.play())}>
              {t('simPlay')}
            </button>
            <button type="button" disabled={busy} onClick={exportReport}>
              {t('simExport')}
            </button>
          </div>
          <h3>{t('simAccountsNow')}</h3>
          <ul class="scenario-accounts">
            {report.final.accounts.map((a) => (
              <li key={a.id} data-status={a.status}>
                {t('badgeItem', a.id, t(STATUS_LABEL[a.status]))}
              </li>
            ))}
          </ul>
          {timeline && (
            <TimelineView
              timeline={timeline}
              words={{ t, plural, clock }}
              id="tl-scenario"
              heading="h3"
              context="scenario-h"
            />
          )}
          <ol class="scenario-steps" reversed>
            {recent.map(({ s, r }, i) => (
              <li key={`${s.at}-${i}`}>
                {moment(Date.parse(s.at), clock, player.now)} <code>{s.event.type}</code>
                {r && (
                  <>
                    {' '}
                    <span class="rule-tag">{r.rule}</span> {t('simRefused', refusalText(r))}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
