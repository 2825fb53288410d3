// Joining a team (issue #16): the options page's server URL and invite code go to POST /api/join with this
// browser's identity redirect URL (where the server sends consent results); the member token it answers is
// stored in the `team` record only, in the same commit as the first view, and is never shown again. The
// inbox cursor starts at the server's newest entry: only what happens after joining becomes a notification.
// Leaving revokes the token on the server when it answers and forgets it here either way.
import { browser } from 'wxt/browser';
import type { TeamMembership, TeamSync } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import type { Reply } from '../../lib/protocol.ts';
import type { TeamStatus } from '../../lib/types.ts';
import type { Store } from '../store.ts';
import { type Failure, serverOrigin, TeamApi } from './api.ts';
import { readInbox } from './inbox.ts';
import { TeamMode } from './session.ts';

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

/** Joins, stores the membership with the first view, and answers the team mode to switch to. */
export async function joinTeam(
  store: Store,
  req: JoinRequest,
): Promise<{ reply: Reply; mode: TeamMode | null }> {
  const server = serverOrigin(req.server);
  if (!server) return { reply: { ok: false, message: t('teamBadServer') }, mode: null };
  const joined = await TeamApi.join(server, {
    code: req.code.trim(),
    ...(req.name?.trim() ? { name: req.name.trim() } : {}),
    label: navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome',
    redirectUrl: browser.identity.getRedirectURL(),
    locale: locale(),
  });
  if (!joined.ok) return { reply: joinFailure(joined, server), mode: null };
  const api = new TeamApi(server, joined.body.token);
  const view = await api.view(null);
  if (!view.ok) return { reply: joinFailure(view, server), mode: null };
  // Everything already in the inbox happened before joining: skip it.
  let cursor = 0;
  for (let pages = 0; pages < 100; pages++) {
    const read = await readInbox(api, cursor);
    if (!read.ok || read.cursor === cursor) break;
    cursor = read.cursor;
  }
  const asOf = Date.parse(view.body.serverTime);
  const membership: TeamMembership = {
    server,
    token: joined.body.token,
    tokenId: joined.body.tokenId,
    team: joined.body.team,
    user: joined.body.user,
    offsetBefore: (await store.get('clockOffset')) ?? 0,
  };
  const { me, team } = view.body;
  const status: TeamStatus = {
    server,
    team,
    asOf,
    problem: null,
    me: { ...me, permission: me.permission as TeamStatus['me']['permission'] },
    joinedAt: Date.now(),
    simulate: await TeamApi.simulates(server),
  };
  const sync: TeamSync = { etag: view.etag, view: view.body, cursor, seen: [] };
  await store.commit({ team: membership, teamStatus: status, teamSync: sync });
  const mode = new TeamMode(store, membership, status, sync);
  await mode.ensureAlarms();
  await mode.refresh();
  return { reply: { ok: true }, mode };
}

/** Forgets the membership (token, view, cursor); the server revokes the token if it answers. */
export async function leaveTeam(store: Store, mode: TeamMode): Promise<void> {
  await mode.api.revoke(mode.membership.tokenId).catch(() => undefined);
  const tx = store.db.transaction('kv', 'readwrite');
  await Promise.all([
    tx.store.delete('team'),
    tx.store.delete('teamStatus'),
    tx.store.delete('teamSync'),
    tx.store.put(mode.membership.offsetBefore, 'clockOffset'),
    tx.done,
  ]);
  await browser.alarms.clear('team-poll');
}
