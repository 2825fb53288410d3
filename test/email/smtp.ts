// A real SMTP server for the tests (the `smtp-server` package on 127.0.0.1, a free port), which keeps
// every message it accepts, parsed with `mailparser`, and answers the next transactions with scripted
// failures on demand (421 at RCPT TO, 550 at RCPT TO, 451 after DATA ...).
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface Received {
  envelope: { from: string; to: string[] };
  raw: string;
  mail: ParsedMail;
}

export interface Failure {
  /** When the server refuses: at the recipient, or after the whole message was sent. */
  at: 'rcpt' | 'data';
  code: number;
  message: string;
}

export interface TestSmtp {
  port: number;
  /** SMTP_URL for this server. */
  url: string;
  received: Received[];
  /** Every transaction that got as far as RCPT TO, refused or not. */
  attempts: number;
  /** The next transactions' answers, in order; an empty queue accepts. */
  fail(...failures: Failure[]): void;
  /** Forget what was received and attempted, and any failures still queued (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const smtpError = (f: Failure): SMTPServerError =>
  Object.assign(new Error(f.message), { responseCode: f.code });

export async function startSmtp(auth?: { user: string; pass: string }): Promise<TestSmtp> {
  const queue: Failure[] = [];
  const received: Received[] = [];
  const state = { attempts: 0 };
  const current = new WeakMap<object, Failure | undefined>();
  const server = new SMTPServer({
    logger: false,
    // Loopback only: the client is told STARTTLS is not required to a local relay (server/mail/config.ts).
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    onAuth(a, _session, callback) {
      if (auth && a.username === auth.user && a.password === auth.pass)
        return callback(null, { user: a.username });
      // Some servers echo what they were given; the mailer must scrub it (server/mail/config.ts `scrub`).
      return callback(
        smtpError({
          at: 'rcpt',
          code: 535,
          message: `Authentication failed for ${a.username}/${a.password}`,
        }),
      );
    },
    onRcptTo(_address, session, callback) {
      state.attempts += 1;
      const failure = queue.shift();
      current.set(session, failure);
      if (failure?.at === 'rcpt') return callback(smtpError(failure));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const failure = current.get(session);
        if (failure?.at === 'data') return callback(smtpError(failure));
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              mail,
            });
            callback(null, `Ok: queued as ${received.length}`);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    get attempts() {
      return state.attempts;
    },
    fail: (...failures) => void queue.push(...failures),
    reset() {
      received.length = 0;
      queue.length = 0;
      state.attempts = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header as the message carried it (unfolded), without mailparser's interpretation. */
export function header(r: Received, name: string): string | undefined {
  const head = r.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
