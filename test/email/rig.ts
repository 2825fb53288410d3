// One SMTP server, one mailer and a fresh outbox (with the fixture team's members) per test, for the files
// that send through real SMTP.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type MailOn, mailConfig } from '../../server/mail/config.ts';
import { createMailer, type Mailer } from '../../server/mail/mailer.ts';
import { MemoryOutbox } from '../../server/mail/outbox.ts';
import { MEMBERS } from './fixtures.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';

export const FROM = 'Social health <alerts@health.example>';

export interface MailRig {
  smtp: TestSmtp;
  mailer: Mailer;
  store: MemoryOutbox;
  /** Another mailer on the same server, as a second process (or a restarted one) would have. */
  mailerFor(url?: string): Mailer;
}

export function useMailRig(): MailRig {
  const rig = {} as MailRig;
  const extra: Mailer[] = [];
  beforeAll(async () => {
    rig.smtp = await startSmtp();
    rig.mailerFor = (url = rig.smtp.url) => {
      const mailer = createMailer(mailConfig({ SMTP_URL: url, MAIL_FROM: FROM }) as MailOn);
      extra.push(mailer);
      return mailer;
    };
    rig.mailer = rig.mailerFor();
  });
  afterAll(async () => {
    for (const mailer of extra) mailer.close();
    await rig.smtp.close();
  });
  beforeEach(() => {
    rig.smtp.reset();
    rig.store = new MemoryOutbox();
    for (const m of Object.values(MEMBERS)) rig.store.members.set(m.id, m);
  });
  return rig;
}
