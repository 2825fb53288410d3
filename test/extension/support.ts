// Shared test support for the extension: WXT's fakeBrowser with i18n filled in from the English catalogue
// (fakeBrowser leaves i18n unimplemented), and an in-memory IndexedDB.
// Each test file still declares `vi.mock('wxt/browser', ...)` itself: vi.mock is hoisted per file.
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearMessageCache } from '../../extension/lib/i18n.ts';
import catalogue from '../../extension/public/_locales/en/messages.json';
import nb from '../../extension/public/_locales/nb/messages.json';
import nl from '../../extension/public/_locales/nl/messages.json';

interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export const MESSAGES: Record<string, CatalogueEntry> = catalogue;
export const CATALOGUES: Record<'en' | 'nb' | 'nl', Record<string, CatalogueEntry>> = {
  en: catalogue,
  nb,
  nl,
};
let active: Record<string, CatalogueEntry> = MESSAGES;

/**
 * chrome.i18n.getMessage as Chrome does it: named placeholders ($NAME$, case-insensitive) expand to their
 * `content`, then $1..$9 take the substitutions; an unknown key answers ''.
 */
export function getMessage(name: string, substitutions?: string | string[]): string {
  const entry = active[name];
  if (!entry) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (_, key: string) => {
    return entry.placeholders?.[key.toLowerCase()]?.content ?? '';
  });
  return named.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

/** A clean fake browser for each test, speaking English (or `lang`, for the locale tests). */
export function resetBrowser(lang: keyof typeof CATALOGUES = 'en'): typeof fakeBrowser {
  fakeBrowser.reset();
  clearMessageCache();
  active = CATALOGUES[lang];
  const ui = { en: 'en-GB', nb: 'nb-NO', nl: 'nl-NL' }[lang];
  Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => ui });
  Object.assign(fakeBrowser.identity, { getRedirectURL: () => 'https://test-extension-id.chromiumapp.org/' });
  return fakeBrowser;
}

let dbCount = 0;
/** A database name no other test uses (fake-indexeddb is shared within a file). */
export function freshDbName(): string {
  dbCount += 1;
  return `test-${dbCount}-${Math.random().toString(36).slice(2)}`;
}
