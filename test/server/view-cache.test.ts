// The member view served from server/view-cache.ts is byte for byte the view built for that instant
// (memberView, etagOf), whether it was built for this request or kept from an earlier one: it follows a
// status that changes with time alone (R7 reauth-soon, R9 hidden from Settings) and every new version.
import { describe, expect, it } from 'vitest';
import { createState, DAY, reminderAt, type State } from '../../core/index.ts';
import type { TeamRecord } from '../../server/store/team-rows.ts';
import { ViewCache } from '../../server/view-cache.ts';
import { etagOf, memberView } from '../../server/views.ts';

const T0 = Date.parse('2026-06-01T00:00:00Z');

function team(state: State, version: number): TeamRecord {
  return { id: 't', name: 'Team', state, clock: T0, version };
}

const state = createState({
  users: [
    { id: 'ada', permission: 'all-accounts', superAdmin: true },
    { id: 'bo', permission: 'own-accounts' },
  ],
  accounts: [
    { id: 'fb', network: 'facebook', connectedBy: 'ada', connectedAt: T0 - 80 * DAY },
    { id: 'li', network: 'linkedin', connectedBy: 'bo', connectedAt: T0 - 10 * DAY },
    {
      id: 'yt',
      network: 'youtube',
      connectedBy: 'ada',
      connectedAt: T0 - 200 * DAY,
      state: 'disconnected',
      disconnectedAt: T0 - 80 * DAY,
      reason: 'revoked',
    },
  ],
});

/** What the cache serves, beside the view built from scratch for the same instant. */
function served(cache: ViewCache, record: TeamRecord, user: string, at: number) {
  const view = cache.of(record, record.state.users[user]!, at);
  const fresh = memberView(record, record.state.users[user]!, at);
  return {
    etag: view.etag,
    body: Buffer.concat(view.parts()).toString(),
    expected: { etag: etagOf(fresh), body: JSON.stringify(fresh) },
  };
}

describe('member view cache', () => {
  it('R7/R9: a kept view is the view of its instant, across a status that changes with time alone', () => {
    const cache = new ViewCache();
    const record = team(state, 1);
    const remind = reminderAt(state.accounts.get('fb')!)!;
    expect(remind).toBeGreaterThan(T0);
    const instants = [T0, T0 + 1000, remind - 1, remind, remind + 1, T0 + 11 * DAY, T0 + 12 * DAY];
    const etags = new Set<string>();
    for (const at of instants) {
      const s = served(cache, record, 'ada', at);
      expect(s.body).toBe(s.expected.body);
      expect(s.etag).toBe(s.expected.etag);
      etags.add(s.etag);
    }
    // connected → reauth-soon at the reminder; the disconnected account leaves Settings after 90 days.
    expect(etags.size).toBe(3);
  });

  it('R7/R9: a kept view is the view of its instant when the clock goes back (the simulation reset) and around every change', () => {
    const cache = new ViewCache();
    const record = team(state, 1);
    const remind = reminderAt(state.accounts.get('fb')!)!;
    const hidden = state.accounts.get('yt')!.disconnectedAt! + 90 * DAY + 1;
    const instants = [remind + 5, remind - 1, hidden, hidden - 1, remind, T0, hidden + 1, remind - 2];
    for (const at of [...instants, ...instants.reverse()]) {
      const s = served(cache, record, 'ada', at);
      expect(s.body).toBe(s.expected.body);
      expect(s.etag).toBe(s.expected.etag);
    }
  });

  it('S3: each member gets their own view; a new version is served at once', () => {
    const cache = new ViewCache();
    const first = team(state, 1);
    const ada = served(cache, first, 'ada', T0);
    const bo = served(cache, first, 'bo', T0);
    expect(bo.body).toBe(bo.expected.body);
    expect(bo.etag).not.toBe(ada.etag);
    const renamed = { ...team(state, 2), name: 'Renamed' };
    const after = served(cache, renamed, 'ada', T0);
    expect(after.body).toBe(after.expected.body);
    expect(after.etag).not.toBe(ada.etag);
  });
});
