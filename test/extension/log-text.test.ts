// Words, not instants: every log line in the reader's language (en, nb, nl), instants through Intl in the
// reader's time zone, people and accounts by display name (never an id), the rule id left to a tag.
import { describe, expect, it, vi } from 'vitest';
import { LOG_MESSAGES, MESSAGES } from '../../core/index.ts';
import { LOG_PARAMS, type LogContext, logText, sourceText } from '../../extension/lib/log-text.ts';
import { refusalLine, refusalText } from '../../extension/lib/refusal.ts';
import type { LogEntry } from '../../extension/lib/types.ts';
import { resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const DUE = Date.parse('2026-12-02T06:55:39Z');
const names = { users: { 'u-ada': 'Ada Lovelace', 'u-ben': 'Ben Hur' }, accounts: { 'acct-7': 'Our Page' } };
const context = (locale: string, now = Date.parse('2026-11-28T08:00:00Z')): LogContext => ({
  locale,
  timeZone: 'UTC',
  names,
  now,
});
const line = (key: string, params: LogEntry['params'], more: Partial<LogEntry> = {}): LogEntry => ({
  at: DUE,
  rule: 'R6',
  account: 'acct-7',
  message: 'English as the core wrote it',
  key,
  params,
  source: 'rule',
  ...more,
});

describe('log lines in the reader language', () => {
  const reminder = line('reminder', { due: DUE }, { recipients: ['u-ada', 'u-ben'] });

  it('R6: English, with the date through Intl and the recipients by name', () => {
    resetBrowser('en');
    expect(logText(reminder, context('en-GB'))).toBe(
      'Reminder sent: re-authorize before 2 December at 06:55. Sent to Ada Lovelace and Ben Hur.',
    );
  });

  it('R6: Norwegian and Dutch, with their own date words', () => {
    resetBrowser('nb');
    expect(logText(reminder, context('nb-NO'))).toBe(
      'Påminnelse sendt: reautoriser før 2. desember kl. 06:55. Sendt til Ada Lovelace og Ben Hur.',
    );
    resetBrowser('nl');
    expect(logText(reminder, context('nl-NL'))).toBe(
      'Herinnering verstuurd: herautoriseer vóór 2 december om 06:55. Verstuurd naar Ada Lovelace en Ben Hur.',
    );
  });

  it("R6: the date is in the reader's time zone, with the year when it is not this year's", () => {
    resetBrowser('en');
    const oslo = { ...context('en-GB', Date.parse('2025-06-01T00:00:00Z')), timeZone: 'Europe/Oslo' };
    expect(logText(line('reminder', { due: DUE }), oslo)).toBe(
      'Reminder sent: re-authorize before 2 December 2026 at 07:55.',
    );
  });

  it('R3: a disconnect says its reason in words and how many posts it cancelled', () => {
    resetBrowser('en');
    const entry = line('disconnected', { reason: 'revoked', network: 'linkedin', cancelled: 2 });
    expect(logText(entry, context('en-GB'))).toBe(
      'Access was revoked on LinkedIn. Scheduled posts cancelled: 2.',
    );
  });

  it('R11: a transient check names its outcome and the next check', () => {
    resetBrowser('nl');
    const entry = line('checkTransient', { outcome: 'rate-limited', retryAt: DUE });
    expect(logText(entry, context('nl-NL'))).toBe(
      'Controle: te veel verzoeken. De status is ongewijzigd; de volgende controle is op 2 december om 06:55.',
    );
  });

  it('S7: settings vocabulary is translated and the user named', () => {
    resetBrowser('en');
    const entry = line('digestSet', { user: 'u-ben', frequency: 'weekly', monthlyReport: 'on' });
    expect(logText(entry, context('en-GB'))).toBe(
      'Ben Hur changed the email settings: inbox digest “Weekly”, monthly report on.',
    );
  });

  it('no line shows an internal id, whatever its key', () => {
    for (const lang of ['en', 'nb', 'nl'] as const) {
      resetBrowser(lang);
      for (const key of Object.keys(LOG_PARAMS)) {
        const params = {
          by: 'u-ada',
          user: 'u-ben',
          post: 'post-8812',
          users: 'u-ada, u-ben',
          teams: 'emea',
          reason: 'security',
          network: 'x',
          cancelled: 1,
          restored: 1,
          missed: 0,
          lost: 3,
          due: DUE,
          at: DUE,
          retryAt: DUE,
          outcome: 'unavailable',
          access: 'private',
          frequency: 'daily',
          monthlyReport: 'off',
          blog: 'News',
          brand: 'Acme',
          title: 'Hello',
          fault: 'outage',
          amount: 3,
        };
        const text = logText(line(key, params, { recipients: ['u-ben'] }), context('en-GB'));
        expect(text, `${lang}:${key}`).not.toMatch(/u-ada|u-ben|post-8812|acct-7|\$\w+\$|\{\w+\}/);
        expect(text, `${lang}:${key}`).not.toBe('English as the core wrote it');
      }
    }
  });

  it('every core log key has its words (and the extension adds only its own keys)', () => {
    expect(Object.keys(LOG_PARAMS)).toEqual(expect.arrayContaining(Object.keys(LOG_MESSAGES)));
  });

  it('a line stored before keys existed keeps its English text; a simulated fault keeps its label', () => {
    resetBrowser('nb');
    expect(logText({ ...line('', {}), key: undefined }, context('nb-NO'))).toBe(
      'English as the core wrote it',
    );
    const fault = { ...line('', {}), key: undefined, message: 'revoke', source: 'simulator' };
    expect(logText(fault, context('nb-NO'))).toBe('Tilgang trukket tilbake');
  });

  it('the source of a line is a word too', () => {
    resetBrowser('en');
    expect(['user', 'rule', 'schedule', 'simulator'].map(sourceText)).toEqual([
      'A person',
      'A rule',
      'Health check',
      'Simulator',
    ]);
  });
});

describe('refusals name people and accounts, never ids', () => {
  it('R10: the connector is named by display name', () => {
    resetBrowser('en');
    const r = {
      rule: 'R10',
      message: MESSAGES.disconnectForbidden,
      key: 'disconnectForbidden',
      params: { name: 'Our Page', connector: 'u-ben' },
    };
    expect(refusalLine(r, names)).toBe(
      'Not saved (R10): Only a super admin or the user who last connected Our Page (Ben Hur) can disconnect it.',
    );
  });

  it('S3: an account the core could not find is not named by its id', () => {
    resetBrowser('en');
    const r = { message: 'x', key: 'unknownAccount', params: { account: 'youtube-2' } };
    expect(refusalText(r, names)).toBe('This account is no longer in the list. Reload the page.');
  });

  it('R3: a post is never named by its id', () => {
    resetBrowser('nl');
    const r = { message: 'x', key: 'publishNotDue', params: { post: 'li-1-post-7' } };
    expect(refusalText(r)).not.toContain('li-1-post-7');
  });
});
