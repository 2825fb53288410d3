// The simulator panel's scenario player: the same validator (sim/scenario.ts) and the same Simulation
// (sim/runner.ts) as `npm run simulate`, driven one scenario event at a time so a tester can step through
// a file or play it, and export the report of ../shared/spec/scenario.md. The loop mirrors runScenario:
// rules due strictly before an event, the event, and after the last event the rules due at its instant.
import type { Rejection, State } from '../../core/index.ts';
import type { EngineStep } from '../../runtime/engine.ts';
import {
  accountsAt,
  finalOf,
  formatNotification,
  iso,
  type Report,
  type ReportStep,
} from '../../sim/report.ts';
import { Simulation } from '../../sim/runner.ts';
import { type Scenario, validateScenario } from '../../sim/scenario.ts';

export type Loaded = { ok: true; player: ScenarioPlayer } | { ok: false; errors: string[] };

/** Parses and validates a scenario file exactly as the CLI does (same messages, nothing run on error). */
export function loadScenario(text: string): Loaded {
  const checked = validateScenario(text);
  return checked.ok ? { ok: true, player: new ScenarioPlayer(checked.scenario) } : checked;
}

const ms = (at: string) => Date.parse(at);

/** A step and the state right after it (sim/runner's `Stepped`; older runners return the bare step). */
type Stepped = { step: EngineStep; state: State };
const stepped = (sim: Simulation, x: EngineStep | Stepped): Stepped =>
  'step' in x ? x : { step: x, state: sim.engine.state };

export class ScenarioPlayer {
  readonly scenario: Scenario;
  readonly steps: ReportStep[] = [];
  /** Per step, the refusal with its message key and params, so the panel can say it in the reader's language. */
  readonly refusals: Array<Rejection | null> = [];
  private readonly sim: Simulation;
  private next = 0;
  private finished = false;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.sim = new Simulation(scenario);
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
      for (const s of await this.sim.advanceTo(ms(e.at))) this.record(stepped(this.sim, s));
      this.record(stepped(this.sim, await this.sim.apply(e)));
      this.next++;
    }
    if (this.next >= events.length) {
      for (const s of await this.sim.advanceTo(this.end(), true)) this.record(stepped(this.sim, s));
      this.finished = true;
      if (this.sim.unhandled.length > 0) {
        throw new Error(`The mock networks did not answer: ${[...new Set(this.sim.unhandled)].join(', ')}`);
      }
    }
    return this.steps.slice(from);
  }

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

  private record({ step, state }: Stepped): void {
    this.refusals.push(step.rejected);
    const { due: _due, ...event } = step.event as { due?: number; type: string };
    this.steps.push({
      at: iso(step.at)!,
      event,
      source: step.source === 'rule' ? 'rule' : 'scenario',
      rejected: step.rejected ? { rule: step.rejected.rule, message: step.rejected.message } : null,
      accounts: accountsAt(state, step.at),
      notifications: step.notifications.map(formatNotification),
    });
  }
}
