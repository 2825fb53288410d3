// Token upkeep for every shell (scenario.md: the running product's upkeep happens at its own instant, R12):
// which stored tokens must be renewed and when (runtime/renewal.ts reads the adapter's token policy), an index
// of those instants updated whenever tokens change, running a renewal and turning its outcome into what the
// rules must hear. The shells only schedule it: the simulator's Engine runs it between events, the extension
// sets an alarm at `next()`, the team server a job.
//
// Scale: a year of 1,000 accounts asks for the next instant after every step, so the instants live in a
// min-heap (O(log n) per token change, O(1) to peek) instead of being found by scanning every token.
import type { AccountRef } from '../adapters/connection.ts';
import type { NetworkAdapter, Result, TokenSet } from '../adapters/types.ts';
import {
  type Effect,
  type LogKey,
  type MessageParams,
  type Network,
  renderLog,
  type State,
  transientRetry,
} from '../core/index.ts';
import { MinHeap } from './heap.ts';
import { type Renewal, renewalOf } from './renewal.ts';
import type { CheckedEvent } from './steps.ts';

/** Declared once in adapters/connection.ts; re-exported for the callers that import it from here. */
export type { AccountRef };

/** What the upkeep needs from the connection layer (adapters/connection.ts `createConnections`). */
export interface RenewalSource {
  /** Renews the account's tokens now (coalesced with any running refresh) and stores them. */
  refresh(account: AccountRef): Promise<Result<TokenSet>>;
  /** Calls `listener` whenever the connection layer stores renewed tokens; returns the unsubscribe. */
  watch?(listener: (account: AccountRef, tokens: TokenSet) => void): () => void;
}

export interface UpkeepOptions {
  adapters: Record<Network, Pick<NetworkAdapter, 'tokens'>>;
  connections: RenewalSource;
}

/** What a renewal came to: the core event the rules must apply (a refusal disconnects, R12), and a log line. */
export interface RenewalResult {
  event: CheckedEvent | null;
  log: Extract<Effect, { type: 'log' }>;
}

interface Entry {
  network: Network;
  at: number;
  until: number;
  /** Consecutive transient failures, for R11's backoff. */
  failures: number;
}

interface Slot {
  at: number;
  id: string;
  entry: Entry;
}

export class Upkeep {
  private readonly entries = new Map<string, Entry>();
  private heap = new MinHeap<Slot>();
  private readonly unwatch: () => void;
  private readonly opts: UpkeepOptions;
  /** The product was not running before this instant: renewals that fell due meanwhile run at it. */
  private resumedAt = Number.NEGATIVE_INFINITY;

  constructor(opts: UpkeepOptions) {
    this.opts = opts;
    this.unwatch = opts.connections.watch?.((account, tokens) => this.note(account, tokens)) ?? (() => {});
  }

  /** The account's tokens changed (a consent, a refresh, the stored set at start-up): re-index it. */
  note(account: AccountRef, tokens: TokenSet | null): void {
    const renewal = tokens ? renewalOf(this.opts.adapters[account.network].tokens, tokens) : null;
    if (!renewal) {
      this.entries.delete(account.id);
      return;
    }
    this.schedule(account.id, { network: account.network, ...renewal, failures: 0 });
  }

  /**
   * A renewal known without its tokens: a shell that stores each token's next renewal beside it (the team
   * server) indexes the stored instant and its failure count, as `note` would have with the tokens.
   */
  plan(account: AccountRef, renewal: Renewal | null, failures = 0): void {
    if (!renewal) this.entries.delete(account.id);
    else this.schedule(account.id, { network: account.network, ...renewal, failures });
  }

  /** The renewal indexed for an account (after `run`: its retry, or none), for a shell that stores it. */
  planned(accountId: string): (Renewal & { failures: number }) | null {
    const entry = this.entries.get(accountId);
    return entry ? { at: entry.at, until: entry.until, failures: entry.failures } : null;
  }

  /**
   * Start-up after the product was not running (the browser was closed): a renewal whose instant passed
   * meanwhile runs at once, at `now`, if the token can still be renewed then.
   */
  resume(now: number): void {
    this.resumedAt = Math.max(this.resumedAt, now);
  }

  /**
   * The next renewal in [from, until] (or [from, until) when not `inclusive`), of a connected account whose
   * token can still be renewed at that instant. Entries that can no longer fire are dropped on the way; a
   * disconnected account is indexed again when a reconnect stores new tokens.
   */
  next(
    state: State,
    from: number,
    until: number,
    inclusive = true,
  ): { at: number; account: AccountRef } | null {
    for (let slot = this.heap.peek(); slot; slot = this.heap.peek()) {
      const entry = this.entries.get(slot.id);
      if (entry !== slot.entry || entry.at !== slot.at) {
        this.heap.pop(); // superseded by a later note or reschedule
        continue;
      }
      const at = Math.max(slot.at, from, this.resumedAt);
      if (at > until || (!inclusive && at === until)) return null;
      if (state.accounts.get(slot.id)?.status !== 'connected' || at >= entry.until) {
        this.heap.pop();
        this.entries.delete(slot.id);
        continue;
      }
      return { at, account: { id: slot.id, network: entry.network } };
    }
    return null;
  }

  /** Renews the account's tokens at `now` and says what the rules must hear (R11, R12). */
  async run(account: AccountRef, now: number): Promise<RenewalResult> {
    const result = await this.opts.connections.refresh(account);
    const entry = this.entries.get(account.id);
    if (result.ok) {
      // The watch re-indexed the new tokens. A renewal that bought no time is not repeated at once.
      if (entry && entry.at <= now) this.entries.delete(account.id);
      return { event: null, log: log('R12', account.id, 'renewed') };
    }
    const failure = result.failure;
    if (failure.kind === 'auth-error') {
      // R12: a renewal the network refuses disconnects, as a check that saw the same answer would.
      this.entries.delete(account.id);
      return {
        event: { type: 'checked', results: [{ account: account.id, outcome: failure }] },
        log: log('R12', account.id, 'renewRefused', { reason: failure.reason, network: account.network }),
      };
    }
    // R11: a transient failure changes nothing; the renewal is retried with the network's hint or backoff.
    if (!entry) return { event: null, log: log('R11', account.id, 'renewFailed', { outcome: failure.kind }) };
    const failures = entry.failures + 1;
    const retryAt = transientRetry(failure, failures, now);
    if (retryAt >= entry.until) this.entries.delete(account.id);
    else this.schedule(account.id, { ...entry, at: retryAt, failures });
    return { event: null, log: log('R11', account.id, 'renewRetry', { outcome: failure.kind, retryAt }) };
  }

  /** Stops listening to the connection layer (a shell replacing its engine). */
  close(): void {
    this.unwatch();
  }

  private schedule(id: string, entry: Entry): void {
    this.entries.set(id, entry);
    this.heap.push({ at: entry.at, id, entry });
    // Superseded slots are dropped when they reach the top; tokens renewed daily (checks) would pile them up
    // months ahead, so the heap is rebuilt from the live entries when most of it is stale.
    if (this.heap.size > 2 * this.entries.size + 64) {
      this.heap = new MinHeap<Slot>();
      for (const [key, live] of this.entries) this.heap.push({ at: live.at, id: key, entry: live });
    }
  }
}

const log = (
  rule: 'R11' | 'R12',
  account: string,
  key: LogKey,
  params: MessageParams = {},
): RenewalResult['log'] => ({ type: 'log', rule, account, key, params, message: renderLog({ key, params }) });
