// Languages: the three catalogues (en, nb, nl) are complete and agree on placeholders, every core rejection
// has its `msg_<key>` with the template's parameters, refusals read in the reader's language, and no
// component carries a hard-coded user-visible string.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGES as CORE } from '../../core/messages.ts';
import { paramOrder, refusalText } from '../../extension/lib/refusal.ts';
import { CATALOGUES, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const LANGS = Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>;
const en = CATALOGUES.en;
const used = (message: string) => [
  ...new Set([...message.matchAll(/\$([A-Za-z_]+)\$/g)].map((m) => m[1]!.toLowerCase())),
];

describe('catalogues', () => {
  it.each(LANGS)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGS)(
    '%s declares the same placeholders (name -> $n) as English and uses each of them',
    (lang) => {
      for (const [key, entry] of Object.entries(CATALOGUES[lang])) {
        expect(entry.placeholders ?? {}, `${lang}:${key}`).toEqual(en[key]!.placeholders ?? {});
        const declared = Object.keys(en[key]!.placeholders ?? {}).sort();
        // A singular form may say "1" instead of using the count; every other message uses all it declares.
        if (key.endsWith('_one'))
          expect(declared, `${lang}:${key}`).toEqual(expect.arrayContaining(used(entry.message)));
        else expect(used(entry.message).sort(), `${lang}:${key}`).toEqual(declared);
      }
    },
  );

  it.each(['nb', 'nl'] as const)('%s is a translation, not a copy of English', (lang) => {
    const same = Object.keys(en).filter((k) => CATALOGUES[lang][k]!.message === en[k]!.message);
    // Network names, plan names, "Status"... stay the same; sentences must not.
    expect(same.length / Object.keys(en).length).toBeLessThan(0.1);
  });

  it('every core rejection has msg_<key>, with the template parameters in template order', () => {
    for (const key of Object.keys(CORE) as Array<keyof typeof CORE>) {
      const entry = en[`msg_${key}`];
      expect(entry, `msg_${key}`).toBeDefined();
      const declared = Object.entries(entry!.placeholders ?? {})
        .sort(([, a], [, b]) => a.content.localeCompare(b.content))
        .map(([name]) => name);
      expect(declared, key).toEqual(paramOrder(key));
    }
  });
});

describe('refusals in the reader language', () => {
  const refusal = {
    rule: 'S5',
    message: CORE.defaultLimit,
    key: 'defaultLimit',
    params: { limit: 10, plan: 'professional' },
  };
  it('S5: English reads as the core template, filled', () => {
    resetBrowser('en');
    expect(refusalText(refusal)).toBe(
      'You already have 10 default accounts, the most the Professional plan allows. Remove one first.',
    );
  });
  it('S5: Norwegian and Dutch read their own catalogue', () => {
    resetBrowser('nb');
    expect(refusalText(refusal)).toMatch(/^Du har allerede 10 standardkontoer/);
    resetBrowser('nl');
    expect(refusalText(refusal)).toMatch(/^Je hebt al 10 standaardaccounts/);
  });
  it('an unknown key falls back to the English message', () => {
    resetBrowser('nb');
    expect(refusalText({ message: 'As the core said', key: 'somethingNew' })).toBe('As the core said');
  });
});

/** JSX text and user-facing attributes that are string literals rather than t(...) calls. */
export function hardCoded(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  // Text between a tag's end and the next tag or expression: `<p>Hello</p>`, `</b> world {x}`.
  for (const m of code.matchAll(/(?<![=-])>([^<>{}();=]*?)(?=<|\{)/g)) {
    const text = m[1]!.trim();
    if (/\p{L}/u.test(text)) found.push(text);
  }
  for (const m of code.matchAll(
    /\b(aria-label|aria-description|title|placeholder|alt|label)=(["'])([^"']*)\2/g,
  )) {
    if (/\p{L}/u.test(m[3]!)) found.push(`${m[1]}="${m[3]}"`);
  }
  return found;
}

describe('components', () => {
  const dir = new URL('../../extension/components/', import.meta.url).pathname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.tsx'));

  it('the detector finds JSX text and literal labels (so the next test can fail)', () => {
    expect(hardCoded('const a = <p class="x">Hello there</p>;')).toEqual(['Hello there']);
    expect(hardCoded('<button aria-label="Close" title={t("x")}>{t("y")}</button>')).toEqual([
      'aria-label="Close"',
    ]);
    expect(hardCoded('<p>{t("a")} — {b}</p>')).toEqual([]);
  });

  it.each(files)('%s has no hard-coded user-visible string', (file) => {
    expect(hardCoded(readFileSync(join(dir, file), 'utf8'))).toEqual([]);
  });
});
