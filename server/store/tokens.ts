// OAuth tokens at rest: one sealed row per account (AES-256-GCM, bound to its team and account so a row
// copied elsewhere does not open). The store works inside the step's transaction: on PGlite a query
// outside the open transaction would deadlock (design.md), and a token is only kept with the step that
// accepted it (R4). Each row also carries the token's next renewal (runtime/renewal.ts, from the adapter's
// token policy), written in the same statement as the token, so finding due renewals is a query
// (server/renewals.ts) and never a scan of decrypted tokens.
import type { Kysely, Transaction } from 'kysely';
import type { TokenStore } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { TokenSet } from '../../adapters/types.ts';
import type { Network } from '../../core/index.ts';
import { type Renewal, renewalOf } from '../../runtime/renewal.ts';
import type { Sealer } from '../crypto.ts';
import { type Database, num } from '../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

const aad = (teamId: string, accountId: string) => `token|${teamId}|${accountId}`;

/** A stored renewal: when, until when it can work, after how many transient failures. */
export type PlannedRenewal = Renewal & { failures: number };

/** A token row whose renewal is due, or (rows from before migration 0003) not planned yet. */
export type DueRenewal = { account: string } & ({ planned: PlannedRenewal } | { planned: null });

export interface ServerTokenStore extends TokenStore {
  remove(accountId: string): Promise<void>;
  /** Stores the account's next renewal (a retry, or none) without touching its tokens. */
  plan(accountId: string, renewal: PlannedRenewal | null): Promise<void>;
  /** The team's token rows whose renewal is due at `now`, and those not planned yet. */
  due(now: number): Promise<DueRenewal[]>;
}

export interface TokenStoreOptions {
  /** The account's network, for its token policy; without it the store reads the account's row. */
  networkOf?: (accountId: string) => Network | undefined;
}

/** A renewal that works for ever (no refresh horizon) has no `until` to store: null stands for it. */
const finite = (until: number) => (Number.isFinite(until) ? until : null);

function renewalColumns(network: Network | undefined, tokens: TokenSet) {
  // Not known yet (a connect's tokens stored before its account exists): the step that adds it plans it.
  if (!network) return { renew_at: null, renew_until: null, renew_failures: 0, renew_planned: false };
  const r = renewalOf(ADAPTERS[network].tokens, tokens);
  return {
    renew_at: r?.at ?? null,
    renew_until: r ? finite(r.until) : null,
    renew_failures: 0,
    renew_planned: true,
  };
}

/** `db` is the step's current transaction (a write-ahead checkpoint moves the step to a new one). */
export function tokenStore(
  db: Db | (() => Db),
  sealer: Sealer,
  teamId: string,
  now: () => number,
  opts: TokenStoreOptions = {},
): ServerTokenStore {
  const on = typeof db === 'function' ? db : () => db;
  const networkOf = async (accountId: string) => {
    const known = opts.networkOf?.(accountId);
    if (known) return known;
    const row = await on()
      .selectFrom('accounts')
      .select('network')
      .where('team_id', '=', teamId)
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row?.network as Network | undefined;
  };
  const row = () => on().updateTable('tokens').where('team_id', '=', teamId);
  return {
    async get(accountId) {
      const found = await on()
        .selectFrom('tokens')
        .select('sealed')
        .where('team_id', '=', teamId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return found ? (JSON.parse(sealer.open(found.sealed, aad(teamId, accountId))) as TokenSet) : null;
    },
    async set(accountId, tokens) {
      const sealed = sealer.seal(JSON.stringify(tokens), aad(teamId, accountId));
      const values = { sealed, updated_at: now(), ...renewalColumns(await networkOf(accountId), tokens) };
      await on()
        .insertInto('tokens')
        .values({ team_id: teamId, account_id: accountId, ...values })
        .onConflict((oc) => oc.columns(['team_id', 'account_id']).doUpdateSet(values))
        .execute();
    },
    async remove(accountId) {
      await on()
        .deleteFrom('tokens')
        .where('team_id', '=', teamId)
        .where('account_id', '=', accountId)
        .execute();
    },
    async plan(accountId, renewal) {
      await row()
        .where('account_id', '=', accountId)
        .set({
          renew_at: renewal?.at ?? null,
          renew_until: renewal ? finite(renewal.until) : null,
          renew_failures: renewal?.failures ?? 0,
          renew_planned: true,
        })
        .execute();
    },
    async due(at) {
      const rows = await on()
        .selectFrom('tokens')
        .select(['account_id', 'renew_at', 'renew_until', 'renew_failures', 'renew_planned'])
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('renew_at', '<=', at), eb('renew_planned', '=', false)]))
        .orderBy('account_id')
        .execute();
      return rows.map((r) => ({
        account: r.account_id,
        planned:
          r.renew_planned && r.renew_at !== null
            ? {
                at: num(r.renew_at),
                until: r.renew_until === null ? Number.POSITIVE_INFINITY : num(r.renew_until),
                failures: r.renew_failures,
              }
            : null,
      }));
    },
  };
}

/** The team's earliest stored renewal of a connected account: the instant the `token-renewal` job waits for. */
export async function nextRenewal(db: Db, teamId: string): Promise<{ account: string; at: number } | null> {
  const row = await db
    .selectFrom('tokens as t')
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.team_id', '=', 't.team_id').onRef('a.id', '=', 't.account_id'),
    )
    .select(['t.account_id', 't.renew_at'])
    .where('t.team_id', '=', teamId)
    .where('t.renew_at', 'is not', null)
    .where('a.status', '=', 'connected')
    .orderBy('t.renew_at')
    .limit(1)
    .executeTakeFirst();
  return row ? { account: row.account_id, at: num(row.renew_at) } : null;
}
