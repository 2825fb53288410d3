// Email on this server (issue #17), put together from its configuration: the mailer, the database outbox,
// the delivery, the links, the step's hook and the jobs. Without SMTP the server says so once at start and
// in /readyz, writes no email and works otherwise. The link secret is derived from the token key (HKDF,
// RFC 5869), so every process of one server signs and checks the same links with no secret to add.
import { hkdfSync } from 'node:crypto';
import { unsubscribeKey } from '../../runtime/email/index.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { StepMail } from '../step.ts';
import { mailConfig, mailStatus } from './config.ts';
import { createDelivery } from './delivery.ts';
import { noticeEntries } from './entries.ts';
import { MailJobs, type TeamReader } from './jobs.ts';
import { type Links, type ReconnectSigner, reconnectSigner, serverLinks } from './links.ts';
import { createMailer } from './mailer.ts';
import { DatabaseOutbox, writeEntries } from './store.ts';

export interface Mail {
  /** What the server says at start and in /readyz. */
  status: { enabled: boolean; message: string };
  /** Links already sent keep working whether or not SMTP is configured now. */
  unsubscribeKey: CryptoKey;
  reconnect: ReconnectSigner;
  /** Null when email is off: steps write no email. */
  step: StepMail | null;
  jobs: MailJobs | null;
  close(): void;
}

export interface MailOptions {
  config: Config;
  /** The server's token key (32 bytes); the link secret is derived from it. */
  tokenKey: Buffer;
  teams: TeamReader;
  log: Logger;
  publicUrl: () => string;
  toWall: (at: number) => number;
}

export async function createMail(o: MailOptions): Promise<Mail> {
  const secret = Buffer.from(
    hkdfSync('sha256', o.tokenKey, Buffer.alloc(0), 'social-health email links', 32),
  );
  const key = await unsubscribeKey(new Uint8Array(secret));
  const reconnect = reconnectSigner(secret);
  const config = mailConfig(o.config.mail);
  const status = mailStatus(config);
  if (!config.enabled) {
    o.log.warn({ email: status }, status.message);
    return { status, unsubscribeKey: key, reconnect, step: null, jobs: null, close: () => {} };
  }
  o.log.info({ email: status }, status.message);
  const mailer = createMailer(config);
  // A wrong password shows up now, not a day later; the server starts either way (retries come later).
  void mailer.verify().then((r) => {
    if (!r.ok) o.log.warn({ reason: r.reason }, 'the SMTP server cannot be reached or refused the sign-in');
  });
  const now = () => o.teams.now();
  const at = () => serverLinks(o.publicUrl(), key, { signer: reconnect, now });
  const links: Links = {
    action: (team, account, member) => at().action(team, account, member),
    settings: (team, member) => at().settings(team, member),
    unsubscribe: (team, member, kind, when) => at().unsubscribe(team, member, kind, when),
  };
  const store = new DatabaseOutbox(o.teams.db);
  const delivery = createDelivery({ store, mailer, links, domain: config.domain, now, log: o.log });
  const jobs = new MailJobs({
    teams: o.teams,
    store,
    delivery,
    log: o.log,
    toWall: o.toWall,
    pollingSeconds: o.config.jobs.pollingSeconds,
    expireSeconds: o.config.jobs.expireSeconds,
  });
  const step: StepMail = {
    entries: (state, notification, team) => noticeEntries(state, notification, team),
    write: (tx, entries, when) => writeEntries(tx, entries, when).then(() => {}),
  };
  return { status, unsubscribeKey: key, reconnect, step, jobs, close: () => mailer.close() };
}
