// Which background answers: the standalone one (runtime's Engine over this browser's own state) or team
// mode (the team server's; issue #16). Joining and leaving switch between them while the worker runs; the
// listeners (listen.ts) always talk to this one object.
import { t } from '../lib/i18n.ts';
import type { Reply, Request } from '../lib/protocol.ts';
import type { Background } from './service.ts';
import type { Store } from './store.ts';
import { joinTeam, leaveTeam } from './team/join.ts';
import { TeamMode } from './team/session.ts';

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
    if (request.type === 'team-join') {
      if (this.current instanceof TeamMode) return { ok: false, message: t('teamAlreadyJoined') };
      const { reply, mode } = await joinTeam(this.store, request);
      if (mode) this.current = mode;
      return reply;
    }
    if (request.type === 'team-leave') {
      if (this.current instanceof TeamMode) {
        await leaveTeam(this.store, this.current);
        this.current = await this.standalone();
      }
      return { ok: true };
    }
    return this.current.handle(request);
  }

  onAlarm(name: string): Promise<void> {
    return this.current.onAlarm(name);
  }
}
