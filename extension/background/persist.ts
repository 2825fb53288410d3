// Everything one operation of the background changed, as one Store commit (store.ts: one IndexedDB
// transaction): the state and clock, the staged tokens, the sweep's progress, the log lines of its steps,
// and what the pages read (the popup's view and first screen, the settings page's view).
import type { TokenSet } from '../../adapters/types.ts';
import type { State } from '../../core/index.ts';
import type { EngineStep } from '../../runtime/steps.ts';
import { locale } from '../lib/i18n.ts';
import type { Notice, PopupView, Sweep } from '../lib/types.ts';
import { logEntries } from './log-lines.ts';
import { buildSettingsView } from './settings-view.ts';
import type { Change } from './store.ts';
import { buildView, glanceOf } from './view.ts';

export interface Snapshot {
  state: State;
  clock: number;
  me: string;
  sweep: Sweep | null;
  notice: Notice | null;
  /** What comes due next (Engine.nextDue). */
  next: number | null;
  mode: PopupView['mode'];
  now: number;
  steps: readonly EngineStep[];
  tokens: Record<string, TokenSet>;
  /** Simulation: a log line per health check outcome too. */
  logChecks: boolean;
}

export function changeOf(s: Snapshot): Change {
  const view: PopupView = {
    ...buildView({
      state: s.state,
      me: s.me,
      now: s.now,
      mode: s.mode,
      sweep: s.sweep ? { done: s.sweep.done, total: s.sweep.ids.length } : null,
      notice: s.notice,
    }),
    next: s.next,
  };
  return {
    state: s.state,
    clock: s.clock,
    me: s.me,
    sweep: s.sweep,
    view,
    glance: glanceOf(view, locale()),
    settings: buildSettingsView(s.state, s.me, s.now, s.mode),
    tokens: s.tokens,
    log: logEntries(s.steps, s.logChecks),
  };
}
