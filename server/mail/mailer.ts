// Sending one email through SMTP (nodemailer) and saying what the answer means for the outbox: delivered,
// try again later, or never. RFC 5321 §4.2.1: 4yz replies are transient, 5yz permanent; nodemailer marks
// the reply class on its errors (`permanent`, https://nodemailer.com/errors/). Errors without an SMTP reply
// (refused connection, timeout, DNS, TLS) are transient: the server may be back in a minute.
import nodemailer, { type NodemailerError } from 'nodemailer';
import { type MailOn, scrub } from './config.ts';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: `ob-000123@example.com`. The same on every attempt, so a resend is recognisable. */
  messageId: string;
  headers: Record<string, string>;
}

export type SendResult =
  | { status: 'sent'; response: string }
  /** Temporary: try again after a backoff. */
  | { status: 'retry'; reason: string }
  /** Permanent: the server refused this message for good (its reason), or it can never be sent. */
  | { status: 'failed'; reason: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Connect and sign in without sending: for start-up and /readyz. */
  verify(): Promise<{ ok: true } | { ok: false; reason: string }>;
  close(): void;
}

/** Errors that carry no SMTP reply, and what they mean for a person reading the outbox. */
const WITHOUT_REPLY: Record<string, { status: 'retry' | 'failed'; says: string }> = {
  ECONNECTION: { status: 'retry', says: 'The SMTP server closed the connection' },
  ETIMEDOUT: { status: 'retry', says: 'The SMTP server did not answer in time' },
  ESOCKET: { status: 'retry', says: 'Could not reach the SMTP server' },
  EDNS: { status: 'retry', says: 'Could not look up the SMTP server' },
  ETLS: { status: 'retry', says: 'The TLS connection to the SMTP server failed' },
  EPROXY: { status: 'retry', says: 'The proxy to the SMTP server failed' },
  // The configuration, not the message: retried so that mail flows once an operator fixes SMTP_URL.
  EAUTH: {
    status: 'retry',
    says: 'The SMTP server refused the sign-in: check the user and password in SMTP_URL',
  },
  ENOAUTH: { status: 'retry', says: 'The SMTP server needs a sign-in: add user and password to SMTP_URL' },
  // The message itself can never go out as it is.
  EENVELOPE: { status: 'failed', says: 'The recipient address was refused' },
  EMESSAGE: { status: 'failed', says: 'The message could not be built' },
};

/** What an error from nodemailer means for the outbox. Pure; the reason is scrubbed of SMTP credentials. */
export function classify(
  error: NodemailerError,
  secrets: readonly string[],
): Exclude<SendResult, { status: 'sent' }> {
  const known = error.code ? WITHOUT_REPLY[error.code] : undefined;
  const reply =
    typeof error.responseCode === 'number' ? (error.response ?? String(error.responseCode)) : null;
  let status: 'retry' | 'failed';
  let reason: string;
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') {
    status = 'retry';
    reason = `${known!.says}${reply ? ` (${reply})` : ''}.`;
  } else if (reply !== null) {
    // 4yz, 503 and replies nodemailer does not call permanent are transient; every other 5yz is final.
    status = error.permanent === true ? 'failed' : 'retry';
    // The command the server refused says what it refused (RCPT TO: the address); nodemailer names a 421,
    // which closes the connection, `CONN`, which says nothing to a reader.
    reason = error.command && error.command !== 'CONN' ? `${error.command}: ${reply}` : reply;
  } else {
    status = known?.status ?? 'retry';
    const detail = error.originalCode ?? error.message;
    reason = `${known?.says ?? 'Sending failed'} (${detail}).`;
  }
  return { status, reason: scrub(reason, secrets) };
}

export function createMailer(config: MailOn): Mailer {
  const transport = nodemailer.createTransport(config.transport);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.messageId}>`,
          headers: mail.headers,
        });
        // One recipient per message, so a rejection without an error is that recipient refused.
        if (info.rejected.length > 0) {
          return { status: 'failed', reason: scrub(`RCPT TO: ${info.response}`, config.secrets) };
        }
        return { status: 'sent', response: scrub(info.response, config.secrets) };
      } catch (error) {
        return classify(error as NodemailerError, config.secrets);
      }
    },
    async verify() {
      try {
        await transport.verify();
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: classify(error as NodemailerError, config.secrets).reason };
      }
    },
    close: () => transport.close(),
  };
}
