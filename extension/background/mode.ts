// What differs between the production and the simulation build, handed to the Background at start-up.
import type { TokenSet } from '../../adapters/types.ts';
import type { State } from '../../core/index.ts';
import type { AuthFlow, Connections } from '../../runtime/engine.ts';
import type { Reply, Request } from '../lib/protocol.ts';
import type { ClientSettings, PopupView } from '../lib/types.ts';
import type { Background } from './service.ts';

export interface ModeSetup {
  mode: PopupView['mode'];
  connections: Connections;
  flow: AuthFlow;
  /** The first run's state, current user and tokens (production: an empty team; simulation: the demo team). */
  seed(now: number): Promise<{ state: State; me: string; tokens: Record<string, TokenSet> }>;
  /** Simulation: the consent page answered. */
  answerConsent?(request: string, allow: boolean): Promise<Reply>;
  /** Real mode: the options page saved client ids. */
  setClients?(clients: ClientSettings): void;
  /** The clock (simulation: the wall clock plus the simulator's offset). */
  now?: () => number;
  /** Simulation: every health check goes to the event log, not only the failures. */
  logChecks?: boolean;
  /** Simulation: the simulator panel's requests (faults, clock, reset). */
  simulate?(request: SimRequest, bg: Background): Promise<Reply>;
}

export type SimRequest = Extract<Request, { type: 'sim-inject' | 'sim-advance' | 'sim-reset' }>;
