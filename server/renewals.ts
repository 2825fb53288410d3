// Token renewals around the clock on the server (issue #15 "checks and renewals around the clock", #12's
// upkeep; scenario.md: the upkeep happens at its own instant). runtime/upkeep.ts does the work: the
// renewal, R11's retries with backoff, and R12 (a refused renewal is a `checked` auth-error the rules turn
// into a disconnect and its alert). The server feeds it, for each step, the team's token rows whose stored
// renewal instant has come (server/store/tokens.ts keeps that instant beside each token) and stores back
// what became of each one. server/jobs.ts's `token-renewal` job makes a step happen at every instant.
import { ADAPTERS } from '../adapters/index.ts';
import type { State } from '../core/index.ts';
import { renewalOf } from '../runtime/renewal.ts';
import { type RenewalSource, Upkeep } from '../runtime/upkeep.ts';
import type { PlannedRenewal, ServerTokenStore } from './store/tokens.ts';

export interface StepUpkeep {
  /** The index the step's Engine runs renewals from (in time order with the rules). */
  upkeep: Upkeep;
  /** Stores each loaded renewal's fate: done (the new token's instant), retried later, or none. */
  persist(): Promise<void>;
  close(): void;
}

/** The due renewals of one team at `now`, indexed for one step. */
export async function stepUpkeep(
  tokens: ServerTokenStore,
  connections: RenewalSource,
  state: State,
  now: number,
): Promise<StepUpkeep> {
  const upkeep = new Upkeep({ adapters: ADAPTERS, connections });
  const loaded: string[] = [];
  for (const row of await tokens.due(now)) {
    const account = state.accounts.get(row.account);
    if (!account) continue;
    let planned: PlannedRenewal | null = row.planned;
    if (!planned) {
      // Stored before migration 0003, or before its account existed: planned once from the token itself.
      const set = await tokens.get(row.account);
      const renewal = set ? renewalOf(ADAPTERS[account.network].tokens, set) : null;
      planned = renewal && { ...renewal, failures: 0 };
      await tokens.plan(row.account, planned);
      if (!planned || planned.at > now) continue;
    }
    upkeep.plan({ id: account.id, network: account.network }, planned, planned.failures);
    loaded.push(row.account);
  }
  // A step runs at `now`: a renewal whose instant passed (the server was down, or its job late) runs now if
  // its token still lives then, as the extension's upkeep does after the browser was closed.
  upkeep.resume(now);
  return {
    upkeep,
    async persist() {
      for (const id of loaded) await tokens.plan(id, upkeep.planned(id));
    },
    close: () => upkeep.close(),
  };
}
