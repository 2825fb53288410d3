// The renderers on their own (no SMTP): user data escaped, headers kept to one line, links only to web
// addresses, R8's fallbacks when the recommended person cannot act, singular forms, unknown zones and
// languages, and the unsubscribe pages.
import { describe, expect, it } from 'vitest';
import { createState } from '../../core/index.ts';
import {
  languageOf,
  type NoticeFacts,
  noticeFacts,
  renderDigest,
  renderNotice,
  unsubscribePage,
} from '../../runtime/email/index.ts';
import { DIGEST_ENTRY, REMINDER, reminder, securityAlert, TEAM, USERS } from './fixtures.ts';

const LINKS = {
  action: 'https://h.example/reconnect',
  settings: 'https://h.example/s',
  unsubscribe: 'https://h.example/u',
};
const KARI = { name: 'Kari', locale: 'en-GB', timeZone: 'Europe/London' };

function factsFor(member: string, alert = false): NoticeFacts {
  const { state, notification } = alert ? securityAlert() : reminder();
  return noticeFacts(state, notification, TEAM)!.find((f) => f.member === member)!.facts;
}

describe('user data in emails', () => {
  it('HTML escapes account and team names; plain text keeps them as typed', () => {
    const f = factsFor('ada');
    const hostile = {
      ...f,
      account: { ...f.account, name: '<img src=x onerror="alert(1)"> & Co' },
      team: { id: 't', name: 'O\'Brien "Team"' },
    };
    const r = renderNotice(hostile, KARI, LINKS);
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co');
    expect(r.html).toContain('O&#39;Brien &quot;Team&quot;');
    expect(r.text).toContain('<img src=x onerror="alert(1)"> & Co');
  });

  it('a name with line breaks cannot add a header line: the subject is one line', () => {
    const f = factsFor('ada');
    const r = renderNotice(
      { ...f, account: { ...f.account, name: 'Page\r\nBcc: victim@example.com' } },
      KARI,
      LINKS,
    );
    expect(r.subject).toBe(
      'Refresh the connection to Page Bcc: victim@example.com on Facebook before 30 November 2026',
    );
  });

  it('links must be web addresses', () => {
    expect(() => renderNotice(factsFor('ada'), KARI, { action: 'javascript:alert(1)' })).toThrow(
      'An email link must be an http(s) address',
    );
  });
});

describe('R8: who may act', () => {
  it('R8: when the last connector left the team, a reader who may not act is told to ask a super admin', () => {
    // The Page is private to its connector, who is no longer a member: nobody has access to it.
    const state = createState({
      users: USERS,
      accounts: [{ id: 'fb-1', network: 'facebook', connectedBy: 'gone', connectedAt: 0, access: 'private' }],
      posts: [{ id: 'p', account: 'fb-1', state: 'scheduled', at: 200 * 86_400_000, author: 'cas' }],
    });
    const notification = {
      at: 83 * 86_400_000,
      kind: 'reauth-reminder' as const,
      account: 'fb-1',
      recipients: ['ada', 'cas'],
    };
    const all = noticeFacts(state, notification, TEAM)!;
    const cas = all.find((f) => f.member === 'cas')!.facts;
    expect(cas.act).toMatchObject({ readerMay: false, recommended: null, ask: 'Ada Lovelace', names: [] });
    expect(renderNotice(cas, KARI, LINKS).text).toContain(
      'You cannot refresh the connection yourself: that takes the All accounts permission and access to the account. Ask Ada Lovelace.',
    );
    // Ada is the only super admin and has no access either: there is nobody else to name.
    const ada = all.find((f) => f.member === 'ada')!.facts;
    expect(ada.act.ask).toBeNull();
    expect(renderNotice(ada, KARI, LINKS).text).toContain(
      'Nobody can do it right now: ask a super admin to give someone with the All accounts permission access to the account.',
    );
  });

  it('R8: a long list of people who can act is cut to four names and a count', () => {
    const f = factsFor('cas');
    const many = {
      ...f,
      act: { ...f.act, readerMay: false, names: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], ask: 'A' },
    };
    expect(renderNotice(many, KARI, LINKS).text).toContain('People who can: A, B, C, D and 3 more.');
    expect(renderNotice(many, { ...KARI, locale: 'nb' }, LINKS).text).toContain(
      'Disse kan: A, B, C, D og 3 til.',
    );
  });
});

describe('numbers, languages and zones', () => {
  it('R3: one cancelled post reads in the singular', () => {
    const f = { ...factsFor('ada', true), posts: { count: 1, first: null } };
    expect(renderNotice(f, KARI, LINKS).text).toContain('Its 1 scheduled post was cancelled.');
    expect(renderNotice(f, { ...KARI, locale: 'nb-NO' }, LINKS).text).toContain(
      'Det ene planlagte innlegget ble kansellert.',
    );
    expect(renderNotice(f, { ...KARI, locale: 'nl' }, LINKS).text).toContain(
      'Het ene geplande bericht is geannuleerd.',
    );
  });

  it('an unknown time zone writes dates in UTC and says so; another language reads English, dates too', () => {
    const r = renderNotice(
      factsFor('ada'),
      { name: 'Kari', locale: 'de-DE', timeZone: 'Mars/Olympus' },
      LINKS,
    );
    expect(r.subject).toBe(
      'Refresh the connection to Fjord & Fjell <Oslo> on Facebook before November 30, 2026',
    );
    expect(r.text).toContain('by Monday, November 30, 2026 at 10:00 AM UTC');
    expect(languageOf('nn-NO')).toBe('nb');
    expect(languageOf('no')).toBe('nb');
    expect(languageOf('nl-BE')).toBe('nl');
    expect(languageOf('fr')).toBe('en');
  });

  it('the reminder is due when the rules say: R1 + R6 timing survives the trip through the facts', () => {
    const f = factsFor('ada');
    expect(f.reauthDueAt! - REMINDER).toBe(7 * 86_400_000);
  });
});

describe('S7 rules in the renderer', () => {
  const digest = DIGEST_ENTRY.facts as Parameters<typeof renderDigest>[0];

  it('S7: a digest that is off renders nothing', () => {
    expect(renderDigest({ ...digest, frequency: 'off' }, KARI, LINKS)).toBeNull();
  });

  it('S7: a digest whose accounts are all restricted, or Instagram and YouTube only, renders nothing', () => {
    const restricted = digest.accounts.map((a) => ({ ...a, access: 'private' as const }));
    expect(renderDigest({ ...digest, accounts: restricted }, KARI, LINKS)).toBeNull();
    const visualOnly = digest.accounts.map((a) => ({ ...a, network: 'instagram' as const }));
    expect(renderDigest({ ...digest, accounts: visualOnly }, KARI, LINKS)).toBeNull();
  });
});

describe('unsubscribe pages', () => {
  it('S7: a genuine link asks first, with a button that POSTs the one-click form (RFC 8058); no script', () => {
    const page = unsubscribePage('nb-NO', {
      state: 'confirm',
      kind: 'digest',
      team: 'Nordlys <Media>',
      action: 'https://h.example/unsubscribe?token=abc',
    });
    expect(page).toContain('<html lang="nb">');
    expect(page).toContain(
      'Vil du slutte å motta sammendraget for sosiale medier for Nordlys &lt;Media&gt;?',
    );
    expect(page).toContain('<form method="post" action="https://h.example/unsubscribe?token=abc">');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page).not.toMatch(/<script/i);
  });

  it('S7: done, tampered and expired links each say what happened and where to go instead', () => {
    expect(unsubscribePage('en', { state: 'done', kind: 'report', team: 'Nordlys' })).toContain(
      'Done: you will no longer receive the monthly social report for Nordlys.',
    );
    expect(unsubscribePage('nl', { state: 'invalid' })).toContain('Deze afmeldlink is niet geldig');
    expect(unsubscribePage('en', { state: 'expired' })).toContain('This unsubscribe link has expired.');
  });
});
