// The reader's language and time zone: catalogue lookups, plurals, dates, numbers and lists, all through
// Intl (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl) so nothing here
// knows a language's grammar. Works in Node and in the extension's pages alike (no Node-only imports).
import { fill } from '../../core/messages.ts';
import { type Catalogue, type CatalogueKey, en } from './catalogue/en.ts';
import { nb } from './catalogue/nb.ts';
import { nl } from './catalogue/nl.ts';
import { type Inline, rich } from './document.ts';

export const CATALOGUES = { en, nb, nl } as const satisfies Record<string, Catalogue>;
export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

/** Norwegian in any of its tags (no, nb, nn) reads bokmål; any other language reads English. */
const ALIASES: Record<string, Language> = { no: 'nb', nn: 'nb', nb: 'nb', nl: 'nl', en: 'en' };

/** The catalogue for a BCP 47 tag ('nb-NO', 'nl-BE', 'en-GB', 'de'), English when there is none. */
export function languageOf(locale: string): Language {
  return ALIASES[locale.toLowerCase().split(/[-_]/)[0] ?? ''] ?? 'en';
}

/** An IANA zone Intl accepts, else UTC (an unknown zone must not stop an email). */
export function validTimeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/**
 * The locale for Intl: the reader's own when the catalogue is in its language (keeps en-GB's day-month
 * order, nl-BE's conventions), else the catalogue's, so dates never read in another language than the
 * words around them (a German reader gets English words, so English dates).
 */
function intlLocale(locale: string, language: Language): string {
  try {
    const canonical = Intl.getCanonicalLocales(locale)[0];
    return canonical?.toLowerCase().split('-')[0] === language ? canonical : language;
  } catch {
    return language;
  }
}

export type PluralBase = CatalogueKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;
export type Params = Record<string, string | number>;

export interface Words {
  /** The reader's locale as given (for Intl) and the catalogue it picked. */
  locale: string;
  language: Language;
  timeZone: string;
  t(key: CatalogueKey, params?: Params): string;
  /** A sentence whose placeholders may be links (see document.ts `rich`). */
  rich(key: CatalogueKey, params: Record<string, Inline | number>): Inline[];
  /** `<key>_one` / `<key>_other` by Intl.PluralRules; `count` is also the {count} parameter. */
  plural(key: PluralBase, count: number, params?: Params): string;
  /** "Friday 4 December 2026 at 10:30 CET": an instant in the reader's zone, with the zone named. */
  dateTime(at: number): string;
  /** "4 December 2026" */
  date(at: number): string;
  /** "Friday 4 December 2026" */
  day(at: number): string;
  /** "1–7 December 2026": a range of days, `to` exclusive. */
  days(from: number, to: number): string;
  /** "December 2026" */
  month(at: number): string;
  number(n: number): string;
  /** "A, B and C" in the reader's language. */
  list(items: readonly string[]): string;
}

export function words(locale: string, timeZone: string | null | undefined): Words {
  const language = languageOf(locale);
  const catalogue: Catalogue = CATALOGUES[language];
  const loc = intlLocale(locale, language);
  const zone = validTimeZone(timeZone);
  const rules = new Intl.PluralRules(loc);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(loc, { timeZone: zone, ...options });
  const dateTime = format({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const date = format({ dateStyle: 'long' });
  const day = format({ dateStyle: 'full' });
  const month = format({ month: 'long', year: 'numeric' });
  const numbers = new Intl.NumberFormat(loc);
  const lists = new Intl.ListFormat(loc, { type: 'conjunction' });
  const t = (key: CatalogueKey, params: Params = {}) => fill(catalogue[key], params);
  return {
    locale: loc,
    language,
    timeZone: zone,
    t,
    rich: (key, params) => rich(catalogue[key], params),
    plural: (key, count, params = {}) => {
      const form = `${key}_${rules.select(count)}`;
      const chosen = (form in catalogue ? form : `${key}_other`) as CatalogueKey;
      return t(chosen, { count: numbers.format(count), ...params });
    },
    dateTime: (at) => dateTime.format(at),
    date: (at) => date.format(at),
    day: (at) => day.format(at),
    days: (from, to) => date.formatRange(from, Math.max(from, to - 1)),
    month: (at) => month.format(at),
    number: (n) => numbers.format(n),
    list: (items) => lists.format(items),
  };
}
