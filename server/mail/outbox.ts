// The notification outbox as delivery sees it: the server's storage implements OutboxStore (PostgreSQL:
// one row per entry; each method one statement or one transaction); MemoryOutbox is the reference
// implementation the contract tests (test/email/outbox-contract.ts) hold both to.
//
// Life of an entry:  pending --claim--> sending --handOff--> (SMTP) --complete--> sent | failed | skipped
//                                          |                                       \-> pending (retry later)
//                                          \-- lease expires (process died) --> claimable again
// `handOff` is recorded just before the SMTP transaction starts, so a later claim knows whether an earlier
// attempt may have reached the SMTP server (`inDoubt`) or certainly did not.
import type { EmailFacts, EmailKind } from '../../runtime/email/index.ts';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** What the engine step writes, in its own transaction. */
export interface NewOutboxEntry {
  /** Unique per email: the same cause written twice (a replayed step) stores one entry. */
  key: string;
  team: string;
  member: string;
  kind: EmailKind;
  facts: EmailFacts;
}

export interface OutboxEntry extends NewOutboxEntry {
  /** Globally unique (a UUID): it is the Message-ID's left-hand side. */
  id: string;
  state: OutboxState;
  createdAt: number;
  /** Claims so far; also the fencing token of the current claim. */
  attempts: number;
  /** Pending: not before this instant. */
  nextAttemptAt: number;
  /** Sending: the claim holds until this instant; after it another worker may claim the entry. */
  leaseUntil: number | null;
  /** Sending: the current attempt reached the SMTP hand-off. */
  handedOff: boolean;
  /** Failed or skipped: why; pending after a temporary failure: the last failure. */
  reason: string | null;
  sentAt: number | null;
  /** The SMTP server's acceptance line, e.g. `250 2.0.0 Ok: queued as 4F1A2`. */
  response: string | null;
}

/** The member as they are when the email is sent (they may have added an address or unsubscribed since). */
export interface MemberContact {
  id: string;
  name: string;
  email: string | null;
  /** BCP 47, e.g. 'nb-NO'. */
  locale: string;
  timeZone: string | null;
  /** S7 now: a digest that is off, or a report not opted into, is not sent even if already queued. */
  subscribed: { digest: boolean; report: boolean };
}

export interface ClaimedEntry {
  entry: OutboxEntry;
  /** Null when the member is gone: the entry is skipped. */
  member: MemberContact | null;
  /** A previous attempt reached the SMTP hand-off and its outcome was never recorded. */
  inDoubt: boolean;
}

export type Completion =
  | { state: 'sent'; at: number; response: string }
  | { state: 'pending'; nextAttemptAt: number; reason: string }
  | { state: 'failed'; reason: string }
  | { state: 'skipped'; reason: string };

export interface OutboxStore {
  /**
   * Atomically take up to `limit` entries that are due (pending with nextAttemptAt <= now, or sending
   * with an expired lease), oldest first: each becomes `sending` with `leaseUntil = now + leaseMs`,
   * `attempts + 1`, `handedOff = false`; `inDoubt` from the row as it was. PostgreSQL: one
   * `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING …` (README.md), joined with the
   * member's contact.
   */
  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedEntry[]>;
  /** Mark the hand-off, only if this claim (`attempt`) still holds the entry; false: do not send. */
  handOff(id: string, attempt: number, now: number): Promise<boolean>;
  /** Record the outcome, only if this claim still holds the entry; false: another worker took it over. */
  complete(id: string, attempt: number, completion: Completion): Promise<boolean>;
}

/** The in-memory store: single-threaded JavaScript makes each method atomic. */
export class MemoryOutbox implements OutboxStore {
  readonly entries = new Map<string, OutboxEntry>();
  readonly members = new Map<string, MemberContact>();
  /** As the engine step's transaction would: entries whose key is already stored are ignored. */
  add(entries: readonly NewOutboxEntry[], now: number): OutboxEntry[] {
    const keys = new Set([...this.entries.values()].map((e) => e.key));
    const added: OutboxEntry[] = [];
    for (const e of entries) {
      if (keys.has(e.key)) continue;
      keys.add(e.key);
      const entry: OutboxEntry = {
        ...e,
        // Globally unique, since it becomes the Message-ID: two servers sending from one domain never clash.
        id: crypto.randomUUID(),
        state: 'pending',
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        handedOff: false,
        reason: null,
        sentAt: null,
        response: null,
      };
      this.entries.set(entry.id, entry);
      added.push(entry);
    }
    return added;
  }

  get(id: string): OutboxEntry | undefined {
    return this.entries.get(id);
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedEntry[]> {
    const due = [...this.entries.values()]
      .filter(
        (e) =>
          (e.state === 'pending' && e.nextAttemptAt <= now) ||
          (e.state === 'sending' && e.leaseUntil !== null && e.leaseUntil <= now),
      )
      // A stable sort over the Map's insertion order: ties stay oldest first.
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
      .slice(0, limit);
    return due.map((e) => {
      const inDoubt = e.state === 'sending' && e.handedOff;
      const claimed: OutboxEntry = {
        ...e,
        state: 'sending',
        attempts: e.attempts + 1,
        leaseUntil: now + leaseMs,
        handedOff: false,
      };
      this.entries.set(e.id, claimed);
      return { entry: claimed, member: this.members.get(e.member) ?? null, inDoubt };
    });
  }

  private held(id: string, attempt: number): OutboxEntry | null {
    const e = this.entries.get(id);
    return e && e.state === 'sending' && e.attempts === attempt ? e : null;
  }

  async handOff(id: string, attempt: number, now: number): Promise<boolean> {
    const e = this.held(id, attempt);
    if (!e || e.leaseUntil === null || e.leaseUntil <= now) return false;
    this.entries.set(id, { ...e, handedOff: true });
    return true;
  }

  async complete(id: string, attempt: number, c: Completion): Promise<boolean> {
    const e = this.held(id, attempt);
    if (!e) return false;
    const base = { ...e, leaseUntil: null, handedOff: false };
    const next: OutboxEntry =
      c.state === 'sent'
        ? { ...base, state: 'sent', sentAt: c.at, response: c.response, reason: null }
        : c.state === 'pending'
          ? { ...base, state: 'pending', nextAttemptAt: c.nextAttemptAt, reason: c.reason }
          : { ...base, state: c.state, reason: c.reason };
    this.entries.set(id, next);
    return true;
  }
}
