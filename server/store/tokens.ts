// OAuth tokens at rest: one sealed row per account (AES-256-GCM, bound to its team and account so a row
// copied elsewhere does not open). The store works inside the step's transaction: on PGlite a query
// outside the open transaction would deadlock (design.md), and a token is only kept with the step that
// accepted it (R4).
import type { Kysely, Transaction } from 'kysely';
import type { TokenStore } from '../../adapters/connection.ts';
import type { TokenSet } from '../../adapters/types.ts';
import type { Sealer } from '../crypto.ts';
import type { Database } from '../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

const aad = (teamId: string, accountId: string) => `token|${teamId}|${accountId}`;

export interface ServerTokenStore extends TokenStore {
  remove(accountId: string): Promise<void>;
}

/** `db` is the step's current transaction (a write-ahead checkpoint moves the step to a new one). */
export function tokenStore(
  db: Db | (() => Db),
  sealer: Sealer,
  teamId: string,
  now: () => number,
): ServerTokenStore {
  const on = typeof db === 'function' ? db : () => db;
  return {
    async get(accountId) {
      const row = await on()
        .selectFrom('tokens')
        .select('sealed')
        .where('team_id', '=', teamId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row ? (JSON.parse(sealer.open(row.sealed, aad(teamId, accountId))) as TokenSet) : null;
    },
    async set(accountId, tokens) {
      const sealed = sealer.seal(JSON.stringify(tokens), aad(teamId, accountId));
      await on()
        .insertInto('tokens')
        .values({ team_id: teamId, account_id: accountId, sealed, updated_at: now() })
        .onConflict((oc) => oc.columns(['team_id', 'account_id']).doUpdateSet({ sealed, updated_at: now() }))
        .execute();
    },
    async remove(accountId) {
      await on()
        .deleteFrom('tokens')
        .where('team_id', '=', teamId)
        .where('account_id', '=', accountId)
        .execute();
    },
  };
}
