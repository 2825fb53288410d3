// Which background answers: the standalone one (runtime's Engine over this browser's own state) or team
// mode (the team server's; issue #16). Joining (the options page stores the membership, lib/team-join.ts)
// and leaving switch between them while the worker runs; the listeners (listen.ts) always talk to this.
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n.ts';
import type { Reply, Request } from '../lib/protocol.ts';
import type { Background } from './service.ts';
import type { Store } from './store.ts';
import { TEAM_ALARM, TeamMode } from './team/session.ts';

/** What the listeners need of a background. */
export interface Shell {
  handle(request: Request): Promise<Reply>;
  onAlarm(name: string): Promise<void>;
}

export class Switch implements Shell {
  private current: Background | TeamMode;
  private readonly store: Store;
  /** The standalone background, opened (and woken, so its view is the popup's again) when needed. */
  private readonly standalone: () => Promise<Background>;

  constructor(store: Store, current: Background | TeamMode, standalone: () => Promise<Background>) {
    this.store = store;
    this.current = current;
    this.standalone = standalone;
  }

  get mode(): Background | TeamMode {
    return this.current;
  }

  async handle(request: Request): Promise<Reply> {
    const team = this.current instanceof TeamMode ? this.current : null;
    if (request.type === 'team-joined' && !team) {
      const joined = await TeamMode.open(this.store);
      if (!joined) return { ok: false, message: t('teamNotJoined') };
      this.current = joined;
      await joined.ensureAlarms();
      return joined.refresh();
    }
    if (request.type === 'team-leave' && team) {
      // Forgets the token here whatever the server says; it is revoked there too when the server answers.
      await team.api.revoke(team.membership.tokenId);
      const tx = this.store.db.transaction('kv', 'readwrite');
      await Promise.all([
        tx.store.delete('team'),
        tx.store.delete('teamStatus'),
        tx.store.delete('teamSync'),
        tx.store.put(team.membership.offsetBefore, 'clockOffset'),
        tx.done,
      ]);
      await browser.alarms.clear(TEAM_ALARM);
      this.current = await this.standalone();
      return { ok: true };
    }
    return this.current.handle(request);
  }

  onAlarm(name: string): Promise<void> {
    return this.current.onAlarm(name);
  }
}
