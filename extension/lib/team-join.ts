// Joining a team (issue #16), done by the options page itself so the background carries none of it: the
// server URL and invite code go to POST /api/join with this browser's identity redirect URL (where the
// server sends consent results); the member token it answers is stored in the `team` record only, in one
// transaction with the first view, and never shown again; then the background is told to switch to team
// mode. The inbox cursor starts at the server's newest entry: only what happens after joining becomes a
// notification.
import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { call, type Failure, type Joined, serverOrigin, TeamApi } from '../background/team/api.ts';
import { readInbox } from '../background/team/inbox.ts';
import type { HealthDb, TeamMembership, TeamSync } from './db.ts';
import { locale, t } from './i18n.ts';
import type { TeamStatus } from './types.ts';
import type { Reply } from './wire.ts';

export interface JoinRequest {
  server: string;
  code: string;
  name?: string;
}

function joinFailure(f: Failure, server: string): Reply {
  if (f.problem === 'unreachable') return { ok: false, message: t('teamJoinUnreachable', server) };
  // The server's own words (an unknown or used invite code, too many attempts, ...): they say what to do.
  return { ok: false, message: f.message };
}

export async function joinTeam(db: IDBPDatabase<HealthDb>, req: JoinRequest): Promise<Reply> {
  const server = serverOrigin(req.server);
  if (!server) return { ok: false, message: t('teamBadServer') };
  if (await db.get('kv', 'team')) return { ok: false, message: t('teamAlreadyJoined') };
  const joined = await call<Joined>(server, '/api/join', {
    method: 'POST',
    body: {
      code: req.code.trim(),
      ...(req.name?.trim() ? { name: req.name.trim() } : {}),
      label: navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome',
      redirectUrl: browser.identity.getRedirectURL(),
      locale: locale(),
    },
  });
  if (!joined.ok) return joinFailure(joined, server);
  const api = new TeamApi(server, joined.body.token);
  const view = await api.view(null);
  if (!view.ok) return joinFailure(view, server);
  // Everything already in the inbox happened before joining: skip it.
  let cursor = 0;
  for (let pages = 0; pages < 100; pages++) {
    const read = await readInbox(api, cursor);
    if (!read.ok || read.cursor === cursor) break;
    cursor = read.cursor;
  }
  const tx = db.transaction('kv', 'readwrite');
  const membership: TeamMembership = {
    server,
    token: joined.body.token,
    tokenId: joined.body.tokenId,
    team: joined.body.team,
    user: joined.body.user,
    offsetBefore: ((await tx.store.get('clockOffset')) as number | undefined) ?? 0,
  };
  const { me, team } = view.body;
  const status: TeamStatus = {
    server,
    team,
    asOf: Date.parse(view.body.serverTime),
    problem: null,
    me: { ...me, permission: me.permission as TeamStatus['me']['permission'] },
    joinedAt: Date.now(),
  };
  const sync: TeamSync = { etag: view.etag, view: view.body, cursor, seen: [] };
  await Promise.all([
    tx.store.put(membership, 'team'),
    tx.store.put(status, 'teamStatus'),
    tx.store.put(sync, 'teamSync'),
    tx.done,
  ]);
  // The background switches to team mode and publishes the view (popup, badge).
  return (await browser.runtime.sendMessage({ type: 'team-joined' }).catch(() => null)) ?? { ok: true };
}
