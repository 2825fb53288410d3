// Team mode's background (issue #16): the team server holds the state, the tokens and the rules; this keeps
// the member's view from the server in IndexedDB (the popup renders it at once and never waits on the
// network), refreshes it on a popup's wake-up, on a named alarm every minute and after every action (an
// unchanged view costs a 304), turns the member's inbox into browser notifications, and sends every action
// to the server. Server unreachable: the last view stays, says how old it is, and actions say why they wait.
// 401: the membership is gone; a clear message and the way back (join again), nothing else lost.
import { browser } from 'wxt/browser';
import type { Rejection } from '../../../core/index.ts';
import type { TeamMembership, TeamSync } from '../../lib/db.ts';
import { locale, t } from '../../lib/i18n.ts';
import { CHANGED, type Reply, type Request } from '../../lib/protocol.ts';
import type { Notice, TeamStatus } from '../../lib/types.ts';
import { showBadge } from '../badge.ts';
import { showNotifications } from '../notify.ts';
import { refusalOf } from '../requests.ts';
import type { Change, Store } from '../store.ts';
import { glanceOf } from '../view.ts';
import { type Failure, type MemberView, type ServerRefusal, TeamApi } from './api.ts';
import { readInbox, takeNew } from './inbox.ts';
import { popupViewOf, teamBadge, withAccount } from './view.ts';

/** Polls the server every minute (https://developer.chrome.com/docs/extensions/reference/api/alarms). */
export const TEAM_ALARM = 'team-poll';
export const TEAM_POLL_MINUTES = 1;

const OK: Reply = { ok: true };

/** The requests that are a member's action on the server, with the body /api/actions takes. */
const ACTIONS = new Set([
  'disconnect',
  'set-access',
  'set-default',
  'set-autopublish',
  'assign-brand',
  'set-digest',
]);

export const refusalReply = (r: ServerRefusal): Extract<Reply, { ok: false }> => ({
  ok: false,
  ...refusalOf(r as Rejection),
});

export class TeamMode {
  readonly api: TeamApi;
  private status: TeamStatus;
  private sync: TeamSync;
  private notice: Notice | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private pending: Promise<Reply> | null = null;
  private skew = 0;

  readonly store: Store;
  readonly membership: TeamMembership;

  constructor(store: Store, membership: TeamMembership, status: TeamStatus, sync: TeamSync) {
    this.store = store;
    this.membership = membership;
    this.api = new TeamApi(membership.server, membership.token);
    this.status = status;
    this.sync = sync;
  }

  /** The stored membership, or null when this browser has joined no team. */
  static async open(store: Store): Promise<TeamMode | null> {
    const [membership, status, sync] = await Promise.all([
      store.get('team'),
      store.get('teamStatus'),
      store.get('teamSync'),
    ]);
    if (!membership || !status) return null;
    const mode = new TeamMode(
      store,
      membership,
      status,
      sync ?? { etag: null, view: null, cursor: 0, seen: [] },
    );
    mode.skew = (await store.get('clockOffset')) ?? 0;
    return mode;
  }

  get teamStatus(): TeamStatus {
    return this.status;
  }

  async ensureAlarms(): Promise<void> {
    if (!(await browser.alarms.get(TEAM_ALARM)))
      await browser.alarms.create(TEAM_ALARM, { periodInMinutes: TEAM_POLL_MINUTES, delayInMinutes: 1 });
  }

  async onAlarm(name: string): Promise<void> {
    if (name === TEAM_ALARM) await this.refresh();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** One refresh at a time: a second caller while one runs gets that one's answer. */
  refresh(): Promise<Reply> {
    this.pending ??= this.exclusive(() => this.poll()).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async poll(): Promise<Reply> {
    const answer = await this.api.view(this.sync.etag);
    if (!answer.ok) {
      await this.publish({ problem: answer.problem === 'unauthorized' ? 'unauthorized' : 'unreachable' });
      return this.failure(answer);
    }
    let view = this.sync.view;
    let asOf = Date.now() + this.offset();
    if (answer.status !== 304 && answer.body) {
      view = answer.body;
      asOf = Date.parse(answer.body.serverTime);
      this.sync = { ...this.sync, etag: answer.etag, view };
    }
    // The team's settings change with its view (or an action, which clears the ETag): read them with it,
    // and once after joining.
    if (answer.status !== 304 || !this.sync.settings) {
      const settings = await this.api.settings();
      if (settings.ok) this.sync = { ...this.sync, settings: settings.body };
    }
    const read = await readInbox(this.api, this.sync.cursor);
    const taken = read.ok ? takeNew(this.sync, read, this.membership.user, view, locale()) : null;
    if (taken) this.sync = taken.sync;
    await this.publish({ problem: null, asOf, offset: asOf - Date.now() });
    // Shown after the commit that records them: at most once, across restarts.
    if (taken?.show.length) await showNotifications(taken.show).catch(() => undefined);
    return OK;
  }

  /** The server's clock minus ours at its last answer (a `--simulate` server's clock runs ahead). */
  private offset(): number {
    return this.skew;
  }

  /** Stores the sync record, the status and the popup's view in one commit, then badge and pages. */
  private async publish(p: {
    problem: TeamStatus['problem'];
    asOf?: number;
    offset?: number;
  }): Promise<void> {
    this.status = { ...this.status, problem: p.problem, ...(p.asOf !== undefined ? { asOf: p.asOf } : {}) };
    const view = this.sync.view;
    if (view)
      this.status = {
        ...this.status,
        team: view.team,
        me: { ...view.me, permission: view.me.permission as TeamStatus['me']['permission'] },
      };
    const change: Change = { teamSync: this.sync, teamStatus: this.status };
    const link = {
      server: this.status.server,
      team: this.status.team,
      asOf: this.status.asOf,
      problem: this.status.problem,
    };
    if (view) {
      const popup = popupViewOf(view, link, this.notice);
      change.view = popup;
      change.glance = glanceOf(popup, locale());
    }
    if (p.offset !== undefined) {
      this.skew = p.offset;
      change.clockOffset = p.offset;
    }
    await this.store.commit(change);
    await Promise.allSettled([
      showBadge(teamBadge(view, link, locale())),
      browser.runtime.sendMessage({ type: CHANGED }),
    ]);
  }

  private failure(f: Failure): Reply {
    if (f.problem === 'unauthorized') return { ok: false, message: t('teamUnauthorized') };
    if (f.problem === 'unreachable') return { ok: false, message: t('teamUnreachableAction') };
    return { ok: false, message: f.message };
  }

  /** A member's request: reads refresh; actions go to the server, then the view refreshes. */
  async handle(req: Request): Promise<Reply> {
    switch (req.type) {
      case 'wake':
      case 'team-refresh':
        return this.refresh();
      case 'ping':
        return OK;
      case 'check-now':
        return this.afterAction(
          this.api.act({ type: 'check', ...(req.account ? { account: req.account } : {}) }),
        );
      case 'connect':
        // A new account: the server names it and applies R8/S3/S6; a consent that brings back an account
        // the team has becomes its reconnect (runtime/identity.ts on the server).
        return this.consent('connect', { network: req.network }, req.postVisibility);
      case 'reconnect':
      case 'refresh-connection':
        return this.consent(
          req.type,
          { account: req.account },
          'postVisibility' in req ? req.postVisibility : undefined,
        );
      case 'sim-inject':
      case 'sim-advance':
      case 'sim-reset':
        // The simulation build's panel drives the team server's simulated world (simulation/team-sim.ts);
        // the production bundle drops this branch.
        if (import.meta.env.MODE === 'simulation') {
          const { teamSimulate } = await import('../../simulation/team-sim.ts');
          const reply = await teamSimulate(req, this.api, this.sync.view, Date.now() + this.skew);
          // A full answer (not a 304): its server time carries the moved clock.
          this.sync.etag = null;
          await this.refresh();
          return reply;
        }
        return { ok: false, message: t('teamNotHere') };
      default:
        if (ACTIONS.has(req.type)) return this.afterAction(this.api.act(req as Record<string, unknown>));
        return { ok: false, message: t('teamNotHere') };
    }
  }

  private async afterAction(call: ReturnType<TeamApi['act']>): Promise<Reply> {
    const answer = await call;
    if (!answer.ok) {
      if (answer.problem !== 'refused') await this.refresh();
      return this.failure(answer);
    }
    const { rejected, account } = answer.body;
    this.sync.etag = null;
    this.notice = rejected
      ? { at: Date.now() + this.offset(), account: account?.id ?? null, ...refusalReply(rejected) }
      : null;
    if (account) await this.patch(account);
    await this.refresh();
    return rejected ? refusalReply(rejected) : OK;
  }

  /** The server's answer for one account, shown at once (before the next full refresh). */
  private patch(account: MemberView['accounts'][number]): Promise<void> {
    return this.exclusive(async () => {
      if (!this.sync.view) return;
      this.sync = { ...this.sync, view: withAccount(this.sync.view, account), etag: null };
      await this.publish({ problem: this.status.problem });
    });
  }

  /**
   * R7/R8 Connect, Reconnect or Refresh connection: the server makes the consent URL (a refusal never opens one),
   * launchWebAuthFlow shows it, the server's callback exchanges the code with its secret and sends the
   * window to this extension's redirect URL with the result, which closes it. The account is then the
   * server's answer.
   */
  private async consent(
    action: string,
    target: { account: string } | { network: string },
    postVisibility?: string,
  ): Promise<Reply> {
    const body = { action, ...target, ...(postVisibility ? { postVisibility } : {}) };
    // The redirect URL was registered at join (lib/team-join.ts); without one the server says what to do.
    const answer = await this.api.consent(body);
    if (!answer.ok) return this.failure(answer);
    if (answer.body.rejected) return refusalReply(answer.body.rejected);
    let redirect: string | undefined;
    try {
      redirect = await browser.identity.launchWebAuthFlow({ url: answer.body.url!, interactive: true });
    } catch {
      // The window was closed before the server sent it back: nothing changed on the server.
      return { ok: false, message: t('teamConsentClosed') };
    }
    const result = redirect ? new URL(redirect).searchParams : new URLSearchParams();
    // The server names the account it acted on (a connect's new id, or the account it reconnected).
    const account = result.get('account') ?? ('account' in target ? target.account : null);
    const fresh = account ? await this.api.account(account) : null;
    if (fresh?.ok) await this.patch(fresh.body);
    await this.refresh();
    if (result.get('result') === 'ok') return OK;
    return {
      ok: false,
      message: result.get('reason') ?? t('teamConsentClosed'),
      ...(result.get('rule') ? { rule: result.get('rule')! } : {}),
    };
  }
}
