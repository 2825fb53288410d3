// The member view's bytes, kept per team member while nothing they show has changed (issue #20: building
// the view of a 1,000-account team took ~20 ms a request, against ~5 ms to send the same bytes). A view is
// a function of the team's committed State (its version), the member, the team's name, and the instant,
// which it reads only through core's `status` and `visibleInSettings` (views.ts, core/views.ts snapshot and
// attention). So an entry is keyed by those: the version, the name, and the two of them for every account
// the member sees, read again once the instant below has passed (a fraction of a millisecond for 1,000
// accounts); the view is built again only when one of them changed. The ETag stays the hash of the view's content (etagOf).
// Those two change with time alone only at instants core names (seenChangesAt), so until the earliest of
// them, and while the version and the name are the same, an entry is served without reading any account:
// an unchanged poll (a 304) costs no work per account (issue #20).
import { seenChangesAt, status, type User, visibleInSettings } from '../core/index.ts';
import { iso } from '../sim/report.ts';
import type { TeamRecord } from './store/team-rows.ts';
import { etagOf, memberView, visibleAccounts } from './views.ts';

/** At most this many bytes of views are kept (the least recently asked for go first). */
const BUDGET = 64 * 1024 * 1024;

interface Entry {
  version: number;
  name: string;
  /** Each visible account's status and whether Settings shows it, at the instant the view was built. */
  instant: string;
  /** The entry was last confirmed at `from`; nothing in `instant` changes before `until`. */
  from: number;
  until: number;
  etag: string;
  /** The view's JSON after `{"serverTime":"…",`. */
  rest: Buffer;
}

export interface ServedView {
  etag: string;
  /**
   * The JSON answer, with the server's time of this request: its head, then the bytes kept. Sent as they
   * are, never joined: a joined copy of a 1,000-account team's view is 800 KB per request, whose garbage
   * slowed every request after it in a server holding many teams (issue #20, profiled).
   */
  parts(): [Buffer, Buffer];
}

export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  of(team: TeamRecord, user: User, now: number): ServedView {
    const key = `${team.id}\n${user.id}`;
    let entry = this.entries.get(key);
    const same = entry?.version === team.version && entry.name === team.name;
    if (!(same && entry && entry.from <= now && now < entry.until))
      entry = this.confirm(key, team, user, now);
    else this.entries.delete(key);
    // Most recently asked for last.
    this.entries.set(key, entry);
    const { etag, rest } = entry;
    // A 304 never asks for the body, so its head is written only when the body is asked for.
    return { etag, parts: () => [Buffer.from(`{"serverTime":${JSON.stringify(iso(now))},`), rest] };
  }

  /** The entry for this instant: the kept one if what it shows is unchanged, otherwise a new one. */
  private confirm(key: string, team: TeamRecord, user: User, now: number): Entry {
    const visible = visibleAccounts(team.state, user);
    const instant = visible.map((a) => `${status(a, now)}${visibleInSettings(a, now) ? 1 : 0}`).join();
    const until = visible.reduce((min, a) => Math.min(min, seenChangesAt(a, now)), Number.POSITIVE_INFINITY);
    const kept = this.entries.get(key);
    if (kept?.version === team.version && kept.name === team.name && kept.instant === instant) {
      this.entries.delete(key);
      return { ...kept, from: now, until };
    }
    const view = memberView(team, user, now);
    const json = JSON.stringify(view);
    const head = `{"serverTime":${JSON.stringify(view.serverTime)},`;
    if (!json.startsWith(head)) throw new Error('The member view must start with serverTime.');
    const entry: Entry = {
      version: team.version,
      name: team.name,
      instant,
      from: now,
      until,
      etag: etagOf(view),
      rest: Buffer.from(json.slice(head.length)),
    };
    this.forget(key);
    this.bytes += entry.rest.length;
    for (const old of this.entries.keys()) {
      if (this.bytes <= BUDGET) break;
      this.forget(old);
    }
    return entry;
  }

  private forget(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.rest.length;
    this.entries.delete(key);
  }
}
