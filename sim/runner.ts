// Plays a validated scenario end to end, one event at a time, through the real pieces: core/ for the rules,
// the real adapters for every network call, the mocks/ world answering through MSW (simulation.ts wires
// them), and the report built step by step (report-steps.ts).
import type { Rejection, State } from '../core/index.ts';
import { finalOf, type Report, type ReportStep } from './report.ts';
import { type Stepped, toReport } from './report-steps.ts';
import type { Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';

export { SIM_REDIRECT_URI, SIM_SEED, Simulation } from './simulation.ts';
export { initialState } from './world/team.ts';
export type { Stepped };

export interface RunOptions {
  /** Called after every step with how far the run is (for progress on stderr). */
  onProgress?: (progress: { event: number; events: number; at: number }) => void;
  /**
   * List in each step only the accounts that changed (every account is always in `final`). For very
   * large scenarios, where a snapshot of every account after every step would be gigabytes.
   */
  changedOnly?: boolean;
  /**
   * `msw` (default): every request is answered by the MSW handlers of mocks/ through MSW's `getResponse`.
   * `direct`: the same handler code without MSW's wrapper (mocks/fetch.ts), about 3x faster; the answers
   * are byte-identical (test/mocks/mock-fetch.test.ts), and so are the reports (test/sim/scenarios.test.ts).
   */
  transport?: 'msw' | 'direct';
  /**
   * Hands each report step over as it is made instead of keeping it, so a huge report never sits in memory
   * (the CLI streams it, sim/stream.ts); `steps`, `refusals` and `report().steps` then stay empty. The run
   * waits for a returned promise, so a slow reader holds the run back instead of output piling up in memory.
   */
  onStep?: (step: ReportStep) => void | Promise<void>;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * A scenario run one event at a time (the extension's simulator panel steps through it; the CLI plays it):
 * rules due strictly before an event, the event, and after the last event the rules due at its instant.
 */
export class ScenarioRun {
  readonly scenario: Scenario;
  readonly steps: ReportStep[] = [];
  /** Per step, the refusal with its message key and params, so a UI can say it in the reader's language. */
  readonly refusals: Array<Rejection | null> = [];
  private readonly sim: Simulation;
  private readonly changedOnly: boolean;
  private readonly onStep: RunOptions['onStep'];
  private before: State;
  private next = 0;
  private finished = false;

  constructor(scenario: Scenario, opts: Pick<RunOptions, 'changedOnly' | 'transport' | 'onStep'> = {}) {
    this.scenario = scenario;
    this.sim = new Simulation(scenario, opts.transport);
    this.changedOnly = opts.changedOnly ?? false;
    this.onStep = opts.onStep;
    this.before = this.sim.engine.state;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Scenario events applied so far, and how many there are. */
  get progress(): { done: number; total: number } {
    return { done: this.next, total: this.scenario.events.length };
  }

  get now(): number {
    return this.sim.now;
  }

  get state(): State {
    return this.sim.engine.state;
  }

  /** Runs the next scenario event (with the rule steps due before it); returns the report steps it added. */
  async step(): Promise<ReportStep[]> {
    if (this.finished) return [];
    const from = this.steps.length;
    const events = this.scenario.events;
    const e = events[this.next];
    if (e) {
      for (const s of await this.sim.advanceTo(ms(e.at))) await this.record(s);
      await this.record(await this.sim.apply(e));
      this.next++;
    }
    if (this.next >= events.length) {
      for (const s of await this.sim.advanceTo(this.end(), true)) await this.record(s);
      this.finished = true;
      if (this.sim.unhandled.length > 0) {
        throw new Error(`The mock networks did not answer: ${[...new Set(this.sim.unhandled)].join(', ')}`);
      }
    }
    return this.steps.slice(from);
  }

  /** Runs every remaining event and returns the report. */
  async play(): Promise<Report> {
    while (!this.finished) await this.step();
    return this.report();
  }

  /** The report so far; `final` is the state at the last event (or now, mid-way). */
  report(): Report {
    const at = this.finished ? this.end() : this.sim.now;
    return { name: this.scenario.name, steps: [...this.steps], final: finalOf(this.sim.engine.state, at) };
  }

  private end(): number {
    const events = this.scenario.events;
    return events.length > 0 ? ms(events[events.length - 1]!.at) : ms(this.scenario.start);
  }

  private async record(s: Stepped): Promise<void> {
    const step = toReport(s, this.before, this.changedOnly);
    this.before = s.state;
    if (this.onStep) {
      await this.onStep(step);
      return;
    }
    this.refusals.push(s.rejected);
    this.steps.push(step);
  }
}

/** Run the whole scenario and build the report of scenario.md. */
export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<Report> {
  const run = new ScenarioRun(scenario, opts);
  while (!run.done) {
    await run.step();
    const { done, total } = run.progress;
    opts.onProgress?.({ event: done, events: total, at: run.now });
  }
  return run.report();
}
