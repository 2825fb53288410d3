// SMTP_URL and MAIL_FROM: what the server says when email is off or misconfigured, secure defaults, and
// the SMTP credentials never in a status line, an outbox reason or a log line (a real SMTP server that
// echoes them back in its refusal).
import { describe, expect, it } from 'vitest';
import { type MailOn, mailConfig, mailStatus } from '../../server/mail/config.ts';
import { createDelivery } from '../../server/mail/delivery.ts';
import { noticeEntries } from '../../server/mail/entries.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { MemoryOutbox } from '../../server/mail/outbox.ts';
import { MEMBERS, REMINDER, reminder, TEAM, TEST_LINKS } from './fixtures.ts';
import { startSmtp } from './smtp.ts';

const FROM = 'Social health <alerts@health.example>';

describe('configuration', () => {
  it('without SMTP_URL email is off, and the status says what to set', () => {
    const status = mailStatus(mailConfig({}));
    expect(status.enabled).toBe(false);
    expect(status.message).toMatch(
      /^Email is off: SMTP_URL is not set\. Set SMTP_URL \(smtp:\/\/user:password@host:587/,
    );
    expect(status.message).toContain('MAIL_FROM');
  });

  it.each([
    ['ftp://mail.example.com', 'SMTP_URL must start with smtp:// or smtps://'],
    ['not a url', 'SMTP_URL is not a URL'],
    ['smtp://mail.example.com?tls=never', 'tls= must be "required" or "optional"'],
  ])('a bad SMTP_URL (%s) turns email off with the reason', (url, reason) => {
    const config = mailConfig({ SMTP_URL: url, MAIL_FROM: FROM });
    expect(config.enabled).toBe(false);
    expect(mailStatus(config).message).toContain(reason);
  });

  it('MAIL_FROM is required and must be one address', () => {
    expect(mailStatus(mailConfig({ SMTP_URL: 'smtp://mail.example.com' })).message).toContain(
      'MAIL_FROM is not set',
    );
    expect(
      mailStatus(mailConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'nobody' })).message,
    ).toContain('MAIL_FROM is not an email address');
  });

  it('smtp:// to another host requires STARTTLS on port 587; smtps:// is TLS from the start on 465', () => {
    const plain = mailConfig({ SMTP_URL: 'smtp://u:p@mail.example.com', MAIL_FROM: FROM }) as MailOn;
    expect(plain.transport).toMatchObject({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      requireTLS: true,
    });
    expect(plain.transport.auth).toEqual({ user: 'u', pass: 'p' });
    const tls = mailConfig({ SMTP_URL: 'smtps://u:p@mail.example.com', MAIL_FROM: FROM }) as MailOn;
    expect(tls.transport).toMatchObject({ port: 465, secure: true });
    const custom = mailConfig({ SMTP_URL: 'smtps://mail.example.com:2465', MAIL_FROM: FROM }) as MailOn;
    expect(custom.transport).toMatchObject({ port: 2465, secure: true });
    expect(custom.transport.auth).toBeUndefined();
  });

  it('a relay on this machine may speak plain SMTP; elsewhere only when asked for with tls=optional', () => {
    const local = mailConfig({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: FROM }) as MailOn;
    expect(local.transport.requireTLS).toBe(false);
    const optional = mailConfig({
      SMTP_URL: 'smtp://relay.internal:25?tls=optional',
      MAIL_FROM: FROM,
    }) as MailOn;
    expect(optional.transport.requireTLS).toBe(false);
  });

  it('percent-encoded credentials are decoded; the summary names the server, never the user or password', () => {
    const config = mailConfig({
      SMTP_URL: 'smtp://postmark-token%40x:p%40ss%3Aword@smtp.example.com:587',
      MAIL_FROM: FROM,
    }) as MailOn;
    expect(config.transport.auth).toEqual({ user: 'postmark-token@x', pass: 'p@ss:word' });
    expect(config.domain).toBe('health.example');
    const status = mailStatus(config).message;
    expect(status).toBe(
      'Email is on: smtp://***@smtp.example.com:587 (STARTTLS required), from alerts@health.example.',
    );
    expect(status).not.toMatch(/postmark|p@ss|p%40ss/);
  });
});

describe('SMTP credentials never leak', () => {
  it('a refused sign-in that echoes the password is retried, and neither the outbox nor the log shows it', async () => {
    const smtp = await startSmtp({ user: 'mailer', pass: 'right-Pa55word' });
    const wrong = smtp.url.replace('right-Pa55word', 'wrong-Pa55word');
    const config = mailConfig({ SMTP_URL: wrong, MAIL_FROM: FROM }) as MailOn;
    const mailer = createMailer(config);
    const store = new MemoryOutbox();
    for (const m of Object.values(MEMBERS)) store.members.set(m.id, m);
    const { state, notification } = reminder();
    const [entry] = store.add(
      noticeEntries(state, notification, TEAM).filter((e) => e.member === 'ada'),
      REMINDER,
    );
    const lines: string[] = [];
    const log = {
      info: (fields: object, msg: string) => void lines.push(JSON.stringify({ ...fields, msg })),
      warn: (fields: object, msg: string) => void lines.push(JSON.stringify({ ...fields, msg })),
    };
    const d = createDelivery({
      store,
      mailer,
      links: TEST_LINKS,
      domain: config.domain,
      now: () => REMINDER,
      log,
    });
    expect(await d.runOnce()).toMatchObject({ retry: 1 });
    const reason = store.get(entry!.id)!.reason!;
    expect(reason).toMatch(
      /^The SMTP server refused the sign-in: check the user and password in SMTP_URL \(535 /,
    );
    expect(reason).toContain('***/***');
    const verify = await mailer.verify();
    const everything = [reason, ...lines, JSON.stringify(verify), mailStatus(config).message].join('\n');
    expect(everything).not.toContain('wrong-Pa55word');
    expect(everything).not.toContain('mailer/');
    mailer.close();

    // With the right password the same server takes the message.
    const good = createMailer(mailConfig({ SMTP_URL: smtp.url, MAIL_FROM: FROM }) as MailOn);
    expect(await good.verify()).toEqual({ ok: true });
    good.close();
    await smtp.close();
  });
});
