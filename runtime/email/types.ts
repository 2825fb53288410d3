// What the renderers take. Facts are language-neutral data computed when the cause happens (the server
// stores them as the outbox payload, in the same transaction as the engine step); the reader's language,
// zone and the links are applied when the email is rendered. Members' email addresses, languages and time
// zones are not in core/ (a team server concern), so they enter here.
import type { Access, AuthErrorReason, Network } from '../../core/schemas.ts';

/** The person an email is for. */
export interface Reader {
  name: string;
  /** BCP 47, e.g. 'nb-NO'; its language picks the catalogue (English unless nb/no/nn or nl). */
  locale: string;
  /** IANA zone, e.g. 'Europe/Oslo'; dates are written in it (UTC when missing or unknown). */
  timeZone: string | null;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface AccountRef {
  id: string;
  network: Network;
  /** The name the network gave the account (user data: escaped in HTML). */
  name: string;
}

/** R6: a reminder (a week before R1's due date) or an alert (R6 Decision), for one recipient. */
export interface NoticeFacts {
  kind: 'reauth-reminder' | 'disconnect-alert';
  team: TeamRef;
  account: AccountRef;
  /** When the reminder went out, or when the disconnect was detected. */
  at: number;
  /** Alert: what the network did (R2). Reminder: null. */
  reason: AuthErrorReason | null;
  /** Reminder: R1's due date. Alert: null. */
  reauthDueAt: number | null;
  /** R4: until when a reconnect restores everything (for a reminder: should it disconnect at the due date). */
  reconnectDeadline: number;
  /**
   * R3/R4. Reminder: the posts scheduled at or after the due date, which a disconnect would cancel.
   * Alert: the posts the disconnect cancelled. `first`: the earliest time among them still ahead.
   */
  posts: { count: number; first: number | null };
  /** R8: who may refresh or reconnect it. */
  act: {
    readerMay: boolean;
    /** Display names of everyone who may (the reader included). */
    names: string[];
    /** The last connector (R8's recommended person), when they may act. */
    recommended: string | null;
    readerIsRecommended: boolean;
    /** Whom a reader who may not act should ask: the recommended person, else a super admin (R8 Decision). */
    ask: string | null;
  };
  /** R6: why this reader is a recipient. `posts` counts the reader's own scheduled posts on the account. */
  why: { connector: boolean; posts: number; superAdmin: boolean };
}

/** S7 counters for one account over the period. */
export interface DigestCounts {
  interactions: number;
  conversations: number;
  newFollowers: number;
}

export interface DigestAccount extends AccountRef {
  /** S2: only `everyone` accounts are in a digest or report (S7). */
  access: Access;
  counts: DigestCounts;
  /** Monthly report only: posts published in the period. */
  published?: number;
}

/** S7: an inbox digest (daily / weekly) or the monthly report, for one user and one period. */
export interface DigestFacts {
  kind: 'digest' | 'monthly-report';
  team: TeamRef;
  /** Digest: the user's frequency; `off` renders nothing. Monthly report: 'monthly'. */
  frequency: 'off' | 'daily' | 'weekly' | 'monthly';
  /** The period counted, `to` exclusive. */
  from: number;
  to: number;
  accounts: DigestAccount[];
}

/** Where the links in an email lead; the server builds them (signed where they act without sign-in). */
export interface NoticeLinks {
  /** Opens the refresh (reminder) or reconnect (alert) flow for this account. */
  action: string;
}

export interface DigestLinks {
  settings: string;
  /** One-click, signed (token.ts). */
  unsubscribe: string;
}
