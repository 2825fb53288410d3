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
 * R8 (Decision, the seed's own wording): users whose permission is `all-accounts` and who have access to the
 * account (S2). Narrower than S3: an `own-accounts` user may not reconnect, not even what they connected.
 */
export function canReconnect(state: State, account: Account): string[] {
  return sorted(
    Object.values(state.users)
      .filter((u) => u.permission === 'all-accounts' && hasAccess(u, account))
      .map((u) => u.id),
  );
}

/** Whom a user refused by R8 is told to ask (`grant`: the refused user is a super admin, who may give access). */
export type ReconnectContact = { recommended: string } | { superAdmins: string[] } | { grant: true };

/**
 * R8 Decision: the recommended person (who last connected the account) when they may reconnect it,
 * otherwise a super admin (S2: they can give access to someone who can); a refused super admin is told so.
 */
export function reconnectContact(state: State, account: Account, refused?: string): ReconnectContact {
  if (canReconnect(state, account).includes(account.connectedBy)) return { recommended: account.connectedBy };
  if (refused !== undefined && state.users[refused]?.superAdmin) return { grant: true };
  return {
    superAdmins: sorted(
      Object.values(state.users)
        .filter((u) => u.superAdmin)
        .map((u) => u.id),
    ),
  };
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
