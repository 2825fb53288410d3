// The email catalogues (runtime/email/catalogue/): the same keys and {placeholders} in en, nb and nl, real
// translations, and no English reaching a Norwegian or Dutch reader through a string outside them.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type Language } from '../../runtime/email/i18n.ts';
import { noticeFacts, renderDigest, renderNotice, unsubscribePage } from '../../runtime/email/index.ts';
import { DIGEST_ENTRY, reminder, securityAlert, TEAM } from './fixtures.ts';

const en = CATALOGUES.en as Record<string, string>;
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

describe('email catalogues', () => {
  it.each(['nb', 'nl'] as const)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(['nb', 'nl'] as const)('%s uses the same {placeholders} as English in every message', (lang) => {
    for (const [key, text] of Object.entries(CATALOGUES[lang] as Record<string, string>)) {
      // A singular form may say "1" (or "det ene") instead of {count}; it uses nothing English does not.
      if (key.endsWith('_one')) {
        expect(placeholders(en[key]!), `${lang}:${key}`).toEqual(expect.arrayContaining(placeholders(text)));
      } else {
        expect(placeholders(text), `${lang}:${key}`).toEqual(placeholders(en[key]!));
      }
    }
  });

  it.each(['nb', 'nl'] as const)('%s is a translation, not a copy of English', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    const same = Object.keys(en).filter((k) => catalogue[k] === en[k]);
    // Network names and "Account" stay the same; sentences must not.
    expect(same.length / Object.keys(en).length).toBeLessThan(0.1);
  });

  it('every plural has its _other form', () => {
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one'))) {
      expect(en, key).toHaveProperty(key.replace(/_one$/, '_other'));
    }
  });
});

/** Words of four letters or more. */
const wordsOf = (text: string) => new Set(text.match(/\p{L}{4,}/gu) ?? []);

/** Every email and page a Norwegian or Dutch reader can get, as plain text (the HTML says the same). */
function everything(locale: string): string {
  const links = {
    action: 'https://h.example/a',
    settings: 'https://h.example/s',
    unsubscribe: 'https://h.example/u',
  };
  const texts: string[] = [];
  for (const { state, notification } of [reminder(), securityAlert()]) {
    for (const { facts } of noticeFacts(state, notification, TEAM)!) {
      for (const readerMay of [true, false]) {
        for (const ask of ['Ada Lovelace', null]) {
          const f = { ...facts, act: { ...facts.act, readerMay, ask } };
          const r = renderNotice(f, { name: 'Kari', locale, timeZone: 'Europe/Oslo' }, links);
          texts.push(r.subject, r.text);
        }
      }
    }
  }
  const digest = DIGEST_ENTRY.facts as Parameters<typeof renderDigest>[0];
  for (const facts of [
    digest,
    { ...digest, kind: 'monthly-report' as const, frequency: 'monthly' as const },
  ]) {
    const r = renderDigest(facts, { name: 'Kari', locale, timeZone: 'Europe/Oslo' }, links)!;
    texts.push(r.subject, r.text);
  }
  for (const state of ['invalid', 'expired'] as const) texts.push(unsubscribePage(locale, { state }));
  texts.push(
    unsubscribePage(locale, { state: 'confirm', kind: 'digest', team: 'Nordlys', action: links.unsubscribe }),
  );
  texts.push(unsubscribePage(locale, { state: 'done', kind: 'report', team: 'Nordlys' }));
  return texts.join('\n');
}

/** Words Intl writes in this locale: month and weekday names, "kl."/"om", zone abbreviations. */
function intlWords(locale: string): Set<string> {
  // Twelve months, and seven days in a row for every weekday.
  const samples = [
    ...Array.from({ length: 12 }, (_, m) => Date.UTC(2026, m, 1, 10)),
    ...Array.from({ length: 7 }, (_, d) => Date.UTC(2026, 6, 1 + d, 10)),
  ];
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    hour: 'numeric',
    timeZone: 'Europe/Oslo',
    timeZoneName: 'short',
  });
  return wordsOf(samples.map((d) => format.format(d)).join(' '));
}

/** The test data: people, team and account names. */
const DATA = wordsOf(
  'Kari Ada Lovelace Bjørn Hansen Cas de Vries Dee Quinn Nordlys Media Fjord Fjell Oslo Page',
);

describe('no user-visible string outside the catalogues', () => {
  it.each([
    ['nb', 'nb-NO'],
    ['nl', 'nl-NL'],
  ] as const)(
    'every word a %s reader reads comes from their catalogue, Intl or the data',
    (lang: Language, locale) => {
      const allowed = new Set([
        ...wordsOf(Object.values(CATALOGUES[lang]).join(' ')),
        ...intlWords(locale),
        ...DATA,
      ]);
      // The HTML markup and the URLs are not prose; strip them, keep the words people read.
      const prose = everything(locale)
        .replace(/<[^>]*>/g, ' ')
        .replace(/https?:\/\/\S+/g, ' ');
      expect(wordsOf(prose).size).toBeGreaterThan(150);
      expect([...wordsOf(prose)].filter((w) => !allowed.has(w))).toEqual([]);
    },
  );
});
