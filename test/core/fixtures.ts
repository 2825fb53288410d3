// A small team to exercise the rules with. Times are relative to T0.
import { type AccountInput, createState, DAY, type State, type StateInput } from '../../core/index.ts';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const at = (days: number, ms = 0) => T0 + days * DAY + ms;

export const USERS: StateInput['users'] = [
  { id: 'ada', superAdmin: true, permission: 'all-accounts' },
  { id: 'ben', permission: 'own-accounts', teams: ['emea'] },
  { id: 'cy', permission: 'draft-only' },
  { id: 'dee', permission: 'all-accounts' },
];

export function team(accounts: AccountInput[], extra: Partial<StateInput> = {}): State {
  return createState({ plan: 'enterprise', users: USERS, accounts, ...extra });
}

export const acct = (
  id: string,
  network: AccountInput['network'],
  more: Partial<AccountInput> = {},
): AccountInput => ({
  id,
  network,
  connectedBy: 'ben',
  connectedAt: T0,
  ...more,
});
