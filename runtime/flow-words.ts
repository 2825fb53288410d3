// The OAuth flow's words in English, for the headless shells (the simulator's report, the team server):
// the extension passes its own catalogue (extension/public/_locales `flow*`) so people read them in their
// language. Each says that nothing was changed and what to do.
import { fill } from '../core/index.ts';
import type { Network } from '../core/schemas.ts';
import type { FlowKey, FlowWords } from './flow.ts';

export const LABEL: Record<Network, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

export const FLOW_WORDS: Record<FlowKey, string> = {
  flowNoClient: 'No client id is set for {network}. Configure it, then try again.',
  flowCancelled: 'Consent was cancelled on {network}; nothing was changed.',
  flowTimedOut:
    'Nobody finished the {network} consent within {minutes} minutes, so it was given up; nothing was changed. Try again.',
  flowStateMismatch:
    'The answer from {network} did not match this request (state mismatch), so it was refused; nothing was changed. Try again.',
  flowDenied: '{network} refused the connection ({detail}); nothing was changed. Try again.',
  flowFailed: '{network} refused the sign-in ({detail}); nothing was changed. Try again.',
};

export const englishFlowWords: FlowWords = (key, params) =>
  fill(FLOW_WORDS[key], { ...params, network: LABEL[params.network] });

const FAILURE: Record<string, (label: string) => string> = {
  'auth-error': (l) => `${l} did not accept the authorization; nothing was changed. Try again.`,
  'rate-limited': (l) =>
    `${l} is limiting requests right now; nothing was changed. Try again in a few minutes.`,
  unavailable: (l) => `${l} is not answering properly right now; nothing was changed. Try again later.`,
  'network-error': (l) => `Could not reach ${l}; check your connection. Nothing was changed.`,
};

/** A failed code exchange or profile read in words, by failure kind (the team server's callback). */
export const failureText = (label: string, kind: string) => (FAILURE[kind] ?? FAILURE.unavailable!)(label);
