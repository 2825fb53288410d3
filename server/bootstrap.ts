// The first start: a team and the invite for its first super admin (printed by main.ts). In simulation
// mode the team is the extension's demo team and the invite signs in as its super admin. Two processes
// starting together on one PostgreSQL take an advisory lock, so exactly one of them creates the team.
import { sql } from 'kysely';
import type { TokenSet } from '../adapters/types.ts';
import { createState, type State } from '../core/index.ts';
import type { Sealer } from './crypto.ts';
import { createInvite, type Invite } from './members.ts';
import { createTeam } from './store/team-rows.ts';
import { tokenStore } from './store/tokens.ts';
import type { Teams } from './teams.ts';

export const FIRST_ADMIN = 'admin';

/** A first team other than the empty one (simulation mode: the demo team). */
export type Seed = (now: number) => {
  id: string;
  name: string;
  state: State;
  admin: string;
  tokens: Record<string, TokenSet>;
};

export async function bootstrap(teams: Teams, sealer: Sealer, seed: Seed | null): Promise<Invite | null> {
  return teams.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('bootstrap', 0))`.execute(tx);
    const any = await tx.selectFrom('teams').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    const now = teams.now();
    const team = seed?.(now) ?? {
      id: 'team',
      name: 'Team',
      state: createState({ users: [], accounts: [] }),
      admin: FIRST_ADMIN,
      tokens: {},
    };
    await createTeam(tx, { id: team.id, name: team.name, state: team.state, clock: now, now });
    const store = tokenStore(tx, sealer, team.id, teams.now.bind(teams), {
      networkOf: (id) => team.state.accounts.get(id)?.network,
    });
    for (const [account, t] of Object.entries(team.tokens)) await store.set(account, t);
    return createInvite(
      tx,
      {
        teamId: team.id,
        user: team.admin,
        name: seed ? undefined : 'First super admin',
        permission: 'all-accounts',
        superAdmin: true,
        groups: [],
        createdBy: null,
      },
      now,
    );
  });
}
