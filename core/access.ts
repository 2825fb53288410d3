// Who may see and do what with an account: S2 (account access), S3 (publishing permissions),
// R8 (who may reconnect), R10 (who may disconnect), R6 (who is told).
import type { Account, Post, State, User } from './schemas.ts';

/** S2: does the user have access to the account? */
export function hasAccess(user: User, account: Account): boolean {
  const access = account.access;
  if (access === 'everyone') return true;
  if (access === 'private') return account.connectedBy === user.id;
  // An explicit list restricts everyone else; the connector keeps access to what they connected (S3).
  return (
    account.connectedBy === user.id ||
    access.users.includes(user.id) ||
    user.teams.some((team) => access.teams.includes(team))
  );
}

/**
 * S3: what a user may do with an account.
 * - `full`: publish, reconnect, edit auto-publishing;
 * - `drafts`: create drafts only;
 * - `none`: sees the account but may do nothing with it;
 * - `hidden`: may not even see the account's name (draft-only without access).
 */
export type Level = 'full' | 'drafts' | 'none' | 'hidden';

export function level(user: User, account: Account): Level {
  const access = hasAccess(user, account);
  const own = account.connectedBy === user.id;
  switch (user.permission) {
    case 'draft-only':
      return access ? 'drafts' : 'hidden';
    case 'own-accounts':
      return own ? 'full' : access ? 'drafts' : 'none';
    case 'all-accounts':
      return access || own ? 'full' : 'none';
  }
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * R8: users whose permission is `all-accounts` and who have access to the account; S3 also gives
 * `own-accounts` users full access to the accounts they connected, so they may reconnect those.
 */
export function canReconnect(state: State, account: Account): string[] {
  return sorted(
    Object.values(state.users)
      .filter((u) => level(u, account) === 'full')
      .map((u) => u.id),
  );
}

/** R10: only a super admin or the user who last connected the account; S3: never a draft-only user. */
export function canDisconnect(state: State, account: Account): string[] {
  return sorted(
    Object.values(state.users)
      .filter((u) => (u.superAdmin || u.id === account.connectedBy) && u.permission !== 'draft-only')
      .map((u) => u.id),
  );
}

/**
 * R6: reminders and alerts go to the user who last connected the account, every user with a scheduled
 * post on it, and every super admin.
 */
export function recipients(state: State, account: Account, posts: readonly Post[]): string[] {
  const ids = [account.connectedBy];
  for (const post of posts) if (post.state === 'scheduled') ids.push(post.author);
  for (const user of Object.values(state.users)) if (user.superAdmin) ids.push(user.id);
  return sorted(ids.filter((id) => id in state.users));
}
