// Every user-visible string goes through browser i18n (extension/public/_locales/<lang>/messages.json,
// https://developer.chrome.com/docs/extensions/reference/api/i18n), so Norwegian and Dutch are only new
// files. Keys are typed from the English catalogue; plurals pick `<key>_one` / `<key>_other` with
// Intl.PluralRules in the browser's UI language (chrome.i18n has no plural support of its own).
import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;
type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

/** WXT types getMessage per key (overloads); plural forms are built at run time, so call it loosely. */
type GetMessage = (name: string, substitutions?: string[]) => string;

/**
 * Each message is fetched once, with markers in place of $1..$9, and filled in here afterwards: a
 * getMessage call crosses into the browser (about 5-10 µs), and a 1,000-account popup would make ten
 * thousand of them on its first render.
 */
const MARK = '\uE000';
const MARKERS = Array.from({ length: 9 }, (_, i) => `${MARK}${i + 1}`);
const FILL = new RegExp(`${MARK}(\\d)`, 'g');
const templates = new Map<string, string>();

function template(name: string): string {
  let text = templates.get(name);
  if (text === undefined) {
    text = (browser.i18n.getMessage as GetMessage)(name, MARKERS);
    templates.set(name, text);
  }
  return text;
}

function fill(text: string, substitutions: ReadonlyArray<string | number>): string {
  return text.includes(MARK)
    ? text.replace(FILL, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''))
    : text;
}

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const text = template(key);
  return text ? fill(text, substitutions) : key;
}

let rules: Intl.PluralRules | undefined;

/**
 * `count` picks the plural form and is also the first substitution. A form the language's catalogue
 * lacks (getMessage answers '') falls back to `_other`.
 */
export function plural(key: PluralKey, count: number, ...rest: string[]): string {
  rules ??= new Intl.PluralRules(locale());
  const text = template(`${key}_${rules.select(count)}`) || template(`${key}_other`);
  return text ? fill(text, [count, ...rest]) : key;
}

/**
 * The language for Intl (dates, numbers, lists): the browser's UI language when the catalogue shown is in
 * that language (keeping its region, e.g. en-GB), else the catalogue's own (`catalogueLocale`), so dates
 * never read in another language than the words around them (Chromium's --lang changes the catalogue but
 * not getUILanguage).
 */
export function locale(): string {
  const ui = browser.i18n.getUILanguage();
  const shown = template('catalogueLocale');
  return shown && !ui.toLowerCase().startsWith(shown) ? shown : ui;
}

/** Tests switch catalogues between cases. */
export function clearMessageCache(): void {
  templates.clear();
  rules = undefined;
}
