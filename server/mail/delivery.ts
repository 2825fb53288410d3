// Delivery: take due outbox entries, render each in its member's language and zone, send it, record the
// outcome. Run by a job (every minute, and right after a step wrote to the outbox); any number of
// processes may run it at once, the store's claims keep them apart.
//
// Guarantee: every entry ends sent, failed (with the reason) or skipped (with the reason); none is lost
// by a crash, because an unfinished claim expires and is taken again. An entry is sent at most once,
// except when a process dies between the SMTP server's acceptance and the `sent` record (the hand-off is
// recorded first, so the next claim knows): R6 reminders and alerts are then sent again with the same
// Message-ID (a lost alert costs an account; mail clients collapse the duplicate), while digests and
// reports are recorded as failed-in-doubt rather than risk a second copy. See IN_DOUBT.
import {
  type EmailKind,
  type NoticeFacts,
  type RenderedEmail,
  renderEmail,
  UNSUBSCRIBABLE,
} from '../../runtime/email/index.ts';
import type { Links } from './links.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import type { ClaimedEntry, Completion, MemberContact, OutboxEntry, OutboxStore } from './outbox.ts';

/** What to do with an entry whose previous attempt may or may not have reached the SMTP server. */
export const IN_DOUBT: Readonly<Record<EmailKind, 'resend' | 'give-up'>> = {
  'reauth-reminder': 'resend',
  'disconnect-alert': 'resend',
  digest: 'give-up',
  'monthly-report': 'give-up',
};

/** Temporary failures: 1, 2, 4 … minutes, at most 6 hours apart; after 12 attempts (about a day), give up. */
export const RETRY = { base: 60_000, max: 6 * 60 * 60_000, attempts: 12 } as const;

export const backoff = (attempt: number) => Math.min(RETRY.base * 2 ** (attempt - 1), RETRY.max);

/** pino's (object, message) call shape, so the server passes its logger as it is. */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DeliveryOptions {
  store: OutboxStore;
  mailer: Mailer;
  links: Links;
  /** The sender's domain, the right-hand side of every Message-ID. */
  domain: string;
  now: () => number;
  log?: Logger;
  /** How long a claim holds before another process may take the entry over. */
  leaseMs?: number;
  /** Entries per run. */
  batch?: number;
}

export type Outcome = 'sent' | 'retry' | 'failed' | 'skipped' | 'lost-claim';
export type Summary = Record<Outcome, number>;

export interface Delivery {
  /** One pass over the due entries; runs of one Delivery never overlap (a second call waits for the first). */
  runOnce(): Promise<Summary>;
}

export function createDelivery(o: DeliveryOptions): Delivery {
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  let running: Promise<unknown> = Promise.resolve();

  async function links(entry: OutboxEntry, member: MemberContact) {
    const unsubscribe = UNSUBSCRIBABLE[entry.kind];
    return {
      action: unsubscribe
        ? ''
        : o.links.action(entry.team, (entry.facts as NoticeFacts).account.id, member.id),
      settings: o.links.settings(entry.team, member.id),
      unsubscribe: unsubscribe ? await o.links.unsubscribe(entry.team, member.id, unsubscribe, o.now()) : '',
    };
  }

  function message(
    entry: OutboxEntry,
    to: MemberContact & { email: string },
    email: RenderedEmail,
    unsubscribe: string,
  ) {
    const headers: Record<string, string> = {
      // RFC 3834: automatic mail, so auto-responders (out of office) do not answer it.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    };
    if (UNSUBSCRIBABLE[entry.kind]) {
      // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to this address.
      headers['List-Unsubscribe'] = `<${unsubscribe}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const mail: OutgoingMail = {
      to: { name: to.name, address: to.email },
      ...email,
      messageId: `${entry.id}@${o.domain}`,
      headers,
    };
    return mail;
  }

  /** Everything short of sending: why this entry is not to be sent, or the message to send. */
  async function prepare(c: ClaimedEntry): Promise<Completion | OutgoingMail> {
    const { entry, member } = c;
    if (c.inDoubt && IN_DOUBT[entry.kind] === 'give-up') {
      return {
        state: 'failed',
        reason:
          'in-doubt: the server stopped while handing this email to the SMTP server; it may have arrived',
      };
    }
    if (!member) return { state: 'skipped', reason: 'member-gone' };
    if (!member.email) return { state: 'skipped', reason: 'no-address' };
    const kind = UNSUBSCRIBABLE[entry.kind];
    if (kind && !member.subscribed[kind]) return { state: 'skipped', reason: 'unsubscribed' };
    try {
      const l = await links(entry, member);
      const email = renderEmail(entry.facts, member, l);
      if (!email) return { state: 'skipped', reason: 'nothing-to-send' };
      return message(entry, { ...member, email: member.email }, email, l.unsubscribe);
    } catch (error) {
      // A defect (bad facts, a link that is not a web address), not a delivery problem: retrying would
      // fail the same way, and the rest of the batch must still go out.
      return { state: 'failed', reason: `Could not render the email: ${(error as Error).message}` };
    }
  }

  async function deliver(c: ClaimedEntry): Promise<Outcome> {
    const { entry } = c;
    const prepared = await prepare(c);
    let completion: Completion;
    if ('state' in prepared) {
      completion = prepared;
    } else {
      if (!(await o.store.handOff(entry.id, entry.attempts, o.now()))) return 'lost-claim';
      const result = await o.mailer.send(prepared);
      const at = o.now();
      completion =
        result.status === 'sent'
          ? { state: 'sent', at, response: result.response }
          : result.status === 'failed'
            ? { state: 'failed', reason: result.reason }
            : entry.attempts >= RETRY.attempts
              ? { state: 'failed', reason: `Gave up after ${entry.attempts} attempts: ${result.reason}` }
              : { state: 'pending', nextAttemptAt: at + backoff(entry.attempts), reason: result.reason };
    }
    if (!(await o.store.complete(entry.id, entry.attempts, completion))) return 'lost-claim';
    const outcome: Outcome = completion.state === 'pending' ? 'retry' : completion.state;
    const fields = {
      outbox: entry.id,
      team: entry.team,
      member: entry.member,
      kind: entry.kind,
      attempt: entry.attempts,
    };
    if (outcome === 'sent') o.log?.info(fields, 'email sent');
    else
      o.log?.warn(
        { ...fields, reason: 'reason' in completion ? completion.reason : null },
        `email ${outcome}`,
      );
    return outcome;
  }

  async function pass(): Promise<Summary> {
    const summary: Summary = { sent: 0, retry: 0, failed: 0, skipped: 0, 'lost-claim': 0 };
    const claimed = await o.store.claim(o.now(), leaseMs, o.batch ?? 50);
    for (const c of claimed) summary[await deliver(c)] += 1;
    return summary;
  }

  return {
    runOnce() {
      const run = running.then(pass, pass);
      running = run.catch(() => {});
      return run;
    },
  };
}
