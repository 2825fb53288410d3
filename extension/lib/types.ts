// Shapes stored in IndexedDB and shown by the pages. Types only: pages import these without pulling in
// the core or zod.
import type {
  AccountSnapshot,
  DigestFrequency,
  DigestInclusion,
  Level,
  Network,
  Permission,
  Plan,
  RuleId,
} from '../../core/index.ts';
import type { FirstScreen } from './first-screen.ts';

/**
 * One line of the user-visible connection log (an Engine step's `log` effect, a notification, a check, a
 * simulated fault). Pages word it from `key` + `params` in the reader's language (lib/log-text.ts).
 */
export interface LogEntry {
  at: number;
  rule: RuleId;
  /** '' for team-wide lines: IndexedDB indexes skip null keys. */
  account: string;
  /** English, as the core wrote it: shown for lines stored before keys existed or with a key unknown here. */
  message: string;
  /** core/messages.ts LOG_MESSAGES, or one of the lines the extension adds (lib/log-text.ts LOG_PARAMS). */
  key?: string;
  /** Instants as epoch ms, people and accounts by id: formatted and named where they are shown. */
  params?: Record<string, string | number>;
  /** R6: who a reminder or an alert went to (user ids). */
  recipients?: string[];
  /** What triggered it: a person here, a rule coming due, the health sweep, the simulator. */
  source: string;
}

/** A health sweep over the connected accounts, persisted so a stopped service worker resumes it (R11). */
export type { SweepCursor as Sweep } from '../../runtime/sweep.ts';

/** A network's OAuth client as the options page registers it: its id only, never a secret (issue #16). */
export interface ClientSetting {
  clientId: string;
}
export type ClientSettings = Partial<Record<Network, ClientSetting>>;

/** An AccountSnapshot (scenario.md) plus what the popup shows about the account at the network. */
export interface AccountView extends AccountSnapshot {
  name: string;
  handle: string | null;
}

export interface UserView {
  id: string;
  name: string;
}

/** Everything the popup renders, precomputed by the background with every state change. */
export interface PopupView {
  /** When it was built: statuses derived from time are re-derived against the popup's own clock. */
  at: number;
  mode: 'production' | 'simulation' | 'team';
  me: UserView & { superAdmin: boolean };
  /** Display names of every user, for "ask ..." hints (R8, R10). */
  users: Record<string, string>;
  plan: Plan;
  /** S8: brands filter is offered only on enterprise with the add-on. */
  brands: string[] | null;
  accounts: AccountView[];
  sweep: { done: number; total: number } | null;
  /** The last refused or failed action, so its message is still there when the popup reopens. */
  notice: Notice | null;
  /**
   * The next instant something is due, a rule transition or a token renewal (runtime/due.ts): where the
   * simulator panel's "next due event" moves the clock. Absent in views stored before issue #14.
   */
  next?: number | null;
  /**
   * null in the full `view`. In the `glance` record (the popup's first screen) `accounts` holds only the
   * most urgent rows, and this says how many accounts there are and how many of them need attention.
   */
  /** Team mode (issue #16): the server this view came from, as of when, and why it may be stale. */
  team?: TeamLink;
  partial: {
    total: number;
    attention: number;
    /** How many accounts of the whole list are in each status (the summary strip); absent in older glances. */
    counts?: Record<AccountSnapshot['status'], number>;
    /** The first screen's strings as of `at`, for the popup's first paint (lib/first-screen.ts). */
    screen?: FirstScreen;
  } | null;
}

/** A forward jump of the computer's clock seen and not yet believed (background/clock-guard.ts). */
export interface ClockJump {
  /** The computer's clock when the jump was first seen. */
  seenAt: number;
  /** The last trusted instant (the rules' clock) at that moment. */
  from: number;
  confirmed: boolean;
}

export interface Notice {
  at: number;
  /** Not the answer to one page's action but news for every page (the clock warning, issue #13). */
  everyone?: boolean;
  account: string | null;
  message: string;
  rule?: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** One row of the settings table (S1-S8) with what the current user may do with it (S3 `level`). */
export interface SettingsAccount
  extends Pick<
    AccountSnapshot,
    | 'id'
    | 'network'
    | 'status'
    | 'disconnectedAt'
    | 'access'
    | 'default'
    | 'autopublish'
    | 'brand'
    | 'postVisibility'
    | 'sharingLocked'
    | 'recommendedReconnector'
  > {
  name: string;
  handle: string | null;
  level: Level;
  /** R8: the current user may reconnect (and so refresh, S4) it. */
  canReconnect: boolean;
  /**
   * R8 Decision: when the current user may not, core's refusal (key + params, names in words): ask the
   * recommended reconnector when they may, otherwise a super admin. Null when the current user may.
   */
  reconnectRefusal: { key: string; params: Record<string, string> } | null;
}

/** Everything the settings page renders, precomputed by the background with every state change. */
export interface SettingsView {
  at: number;
  mode: PopupView['mode'];
  me: UserView & {
    permission: Permission;
    superAdmin: boolean;
    digest: { frequency: DigestFrequency; monthlyReport: boolean };
  };
  users: UserView[];
  teams: string[];
  blogs: string[];
  plan: Plan;
  brands: string[] | null;
  /** Listed in settings (R9: disconnected for at most 90 days). */
  accounts: SettingsAccount[];
  /** R9: disconnected for more than 90 days, offered only in the Connect-account dialog. */
  hidden: SettingsAccount[];
  /** S7: why each account is or is not in the digest, and the counts it would carry. */
  digest: {
    accounts: {
      account: string;
      inclusion: DigestInclusion;
      interactions: boolean;
      followers: boolean;
      /**
       * The counters the network last reported (S7), for the preview the email renderer draws. Absent from
       * a view stored by an earlier version, until the background's next commit rebuilds it.
       */
      counts?: { interactions: number; conversations: number; newFollowers: number };
    }[];
    counts: { interactions: number; newFollowers: number };
  };
}

/** Why the team view may not be current: the server did not answer, or it no longer accepts our token. */
export type TeamProblem = 'unreachable' | 'unauthorized';

/** Team mode: where the view came from and how current it is (no credential: pages read this). */
export interface TeamLink {
  server: string;
  team: { id: string; name: string };
  /** The last instant the server answered (epoch ms, the server's clock). */
  asOf: number;
  problem: TeamProblem | null;
}

/** What the options page shows of the membership: who, which team, what permission, the server's state. */
export interface TeamStatus extends TeamLink {
  me: { id: string; name: string | null; permission: Permission; superAdmin: boolean };
  joinedAt: number;
}
