// A small team and a scripted network for the background tests: checks answer from a table, consent
// always grants, nothing leaves the process.
import type { Result, TokenSet } from '../../adapters/types.ts';
import {
  type AccountInput,
  createState,
  DAY,
  type Outcome,
  type State,
  type StateInput,
} from '../../core/index.ts';
import type { ModeSetup } from '../../extension/background/service.ts';
import type { AccountRef } from '../../runtime/engine.ts';

export const T0 = Date.parse('2026-03-01T00:00:00Z');
export const days = (n: number) => T0 + n * DAY;

export const USERS: StateInput['users'] = [
  { id: 'ada', name: 'Ada Admin', superAdmin: true, permission: 'all-accounts' },
  { id: 'ben', name: 'Ben Own', permission: 'own-accounts' },
  { id: 'cy', name: 'Cy Drafts', permission: 'draft-only' },
  { id: 'dee', name: 'Dee Editor', permission: 'all-accounts' },
];

export const acct = (id: string, network: AccountInput['network'], more: Partial<AccountInput> = {}) => ({
  id,
  network,
  connectedBy: 'ben',
  connectedAt: days(-10),
  profile: { networkUserId: `${id}-net`, name: `Account ${id}`, handle: `@${id}`, avatarUrl: null },
  ...more,
});

export function team(accounts: AccountInput[], extra: Partial<StateInput> = {}): State {
  return createState({ plan: 'enterprise', users: USERS, accounts, ...extra });
}

export const TOKENS: TokenSet = {
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
};

export interface FakeNetwork {
  setup: ModeSetup;
  /** Account ids in the order their tokens were renewed (only with `renewals`). */
  renewed: string[];
  /** The tokens the fake connection layer holds (only with `renewals`). */
  tokens: Map<string, TokenSet>;
  /** Account ids in the order their checks started. */
  checked: string[];
  outcomes: Map<string, Outcome>;
  /** Checks of these accounts never answer (a service worker stopped mid-request). */
  hang: Set<string>;
}

/**
 * With `renewals`, the connection layer can also renew tokens, like createConnections: a renewal answers
 * `renewals.answer` (default: a token good for 60 more days from `renewals.now()`), stores it and tells
 * the watchers (the runtime's token upkeep). `renewals.tokens` are the stored tokens the first run seeds.
 */
export function fakeNetwork(
  state: State,
  me = 'ada',
  renewals?: {
    now: () => number;
    tokens: Record<string, TokenSet>;
    answer?: (id: string) => Result<TokenSet>;
  },
): FakeNetwork {
  const checked: string[] = [];
  const renewed: string[] = [];
  const tokens = new Map(Object.entries(renewals?.tokens ?? {}));
  const watchers = new Set<(a: AccountRef, t: TokenSet) => void>();
  const outcomes = new Map<string, Outcome>();
  const hang = new Set<string>();
  const setup: ModeSetup = {
    mode: 'simulation',
    connections: {
      check: (a: AccountRef) => {
        checked.push(a.id);
        if (hang.has(a.id)) return new Promise<Outcome>(() => undefined);
        return Promise.resolve(outcomes.get(a.id) ?? { kind: 'ok' });
      },
      publish: async () => ({ ok: true, value: { remoteId: 'remote-1' } }),
      revoke: async () => ({ kind: 'ok' }),
      ...(renewals && {
        refresh: async (a: AccountRef): Promise<Result<TokenSet>> => {
          renewed.push(a.id);
          const fresh = { ...tokens.get(a.id)!, expiresAt: renewals.now() + 60 * DAY };
          const answer = renewals.answer?.(a.id) ?? { ok: true, value: fresh };
          if (!answer.ok) return answer;
          tokens.set(a.id, answer.value);
          for (const watcher of watchers) watcher(a, answer.value);
          return answer;
        },
        watch: (watcher: (a: AccountRef, t: TokenSet) => void) => {
          watchers.add(watcher);
          return () => void watchers.delete(watcher);
        },
      }),
    },
    flow: async (ref) => ({
      ok: true,
      tokens: TOKENS,
      profile: {
        networkUserId: `${ref.id}-net`,
        name: `Account ${ref.id}`,
        handle: `@${ref.id}`,
        avatarUrl: null,
      },
    }),
    seed: async () => ({ state, me, tokens: renewals?.tokens ?? {} }),
  };
  return { setup, checked, outcomes, hang, renewed, tokens };
}

/** Lets queued promise callbacks (fire-and-forget work) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
