// The extension's English catalogue (extension/public/_locales/en/messages.json) read from disk, for the
// headless HTML report: the same words a reader of the extension sees in English, filled in as
// chrome.i18n.getMessage does ($NAME$ placeholders become their $n, then the substitutions), and plurals
// chosen with Intl.PluralRules (`<key>_one` / `<key>_other`, as extension/lib/i18n.ts does).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKey } from '../extension/lib/i18n.ts';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export interface Words {
  t(key: MessageKey, ...substitutions: Array<string | number>): string;
  plural(key: string, count: number, ...rest: string[]): string;
  locale: string;
}

const CATALOGUE = join(import.meta.dirname, '../extension/public/_locales/en/messages.json');

export function englishWords(): Words {
  const entries = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Record<string, Entry>;
  const get = (name: string, subs: ReadonlyArray<string | number>): string => {
    const entry = entries[name];
    if (!entry) return '';
    const named = entry.message.replace(
      /\$([a-z0-9_@]+)\$/gi,
      (_, key: string) => entry.placeholders?.[key.toLowerCase()]?.content ?? '',
    );
    return named.replace(/\$(\d)/g, (_, n: string) => String(subs[Number(n) - 1] ?? ''));
  };
  const rules = new Intl.PluralRules('en');
  return {
    locale: 'en-GB',
    t: (key, ...subs) => get(key, subs) || key,
    plural: (key, count, ...rest) =>
      get(`${key}_${rules.select(count)}`, [count, ...rest]) || get(`${key}_other`, [count, ...rest]) || key,
  };
}
