// Languages: the three catalogues (en, nb, nl) are complete and agree on placeholders, every core rejection
// has its `msg_<key>` with the template's parameters, refusals read in the reader's language, and no
// component carries a hard-coded user-visible string.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGES as CORE } from '../../core/messages.ts';
import { TimelineView } from '../../extension/components/Timeline.ts';
import { LOG_PARAMS } from '../../extension/lib/log-text.ts';
import { paramOrder, refusalText } from '../../extension/lib/refusal.ts';
import type { Timeline } from '../../extension/lib/timeline.ts';
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
      expect(declaredOrder(entry!), key).toEqual(paramOrder(key));
    }
  });
});

const declaredOrder = (entry: { placeholders?: Record<string, { content: string }> }) =>
  Object.entries(entry.placeholders ?? {})
    .sort(([, a], [, b]) => a.content.localeCompare(b.content))
    .map(([name]) => name);

describe('log lines', () => {
  it('every log line key has log_<key>, its placeholders the parameters LOG_PARAMS names, in order', () => {
    for (const [key, order] of Object.entries(LOG_PARAMS)) {
      const entry = en[`log_${key}`];
      expect(entry, `log_${key}`).toBeDefined();
      expect(declaredOrder(entry!), key).toEqual(order.map((name) => name.toLowerCase()));
    }
  });

  it('no refusal or log line declares an id-only parameter (an account the core could not find, a post)', () => {
    const ids = Object.entries(en).filter(
      ([key, entry]) =>
        /^(msg|log)_/.test(key) && ['account', 'post'].some((p) => p in (entry.placeholders ?? {})),
    );
    expect(ids.map(([key]) => key)).toEqual([]);
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

/** Dates as Intl writes them in en-GB ("2 December at 06:55", "2 Dec 2026"): data, not words of ours. */
const DATES =
  /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)( \d{4})?( at \d\d:\d\d)?/g;

describe('the timeline (drawn with h(), which the JSX check above cannot read)', () => {
  const H = 3_600_000;
  const timeline: Timeline = {
    from: 0,
    to: 100 * H,
    lanes: [
      {
        account: 'acct-1',
        name: 'Lane Alpha',
        network: 'linkedin',
        bands: [
          { from: 0, to: 20 * H, status: 'connected', reason: null, rule: 'R1' },
          { from: 20 * H, to: 40 * H, status: 'reauth-soon', reason: null, rule: 'R7' },
          { from: 40 * H, to: 60 * H, status: 'disconnected', reason: 'revoked', rule: 'R2' },
          { from: 60 * H, to: 100 * H, status: 'lapsed', reason: 'revoked', rule: 'R5' },
        ],
        markers: [
          { at: 20 * H, until: 20 * H, kind: 'reminder', rule: 'R6', count: 1, recipients: ['u1'] },
          { at: 40 * H, until: 40 * H, kind: 'alert', rule: 'R6', count: 1, recipients: ['u1', 'u2'] },
          ...(['ok', 'auth-error', 'rate-limited'] as const).map((outcome, i) => ({
            at: (41 + i) * H,
            until: (41 + i) * H,
            kind: 'check' as const,
            rule: 'R11' as const,
            count: 1 + i,
            outcome,
          })),
          ...(['published', 'cancelled', 'restored', 'missed', 'lost'] as const).map((kind, i) => ({
            at: (50 + 5 * i) * H,
            until: (50 + 5 * i) * H,
            kind,
            rule: 'R4' as const,
            count: 1 + i,
          })),
        ],
      },
    ],
  };

  it('shows only catalogue words and data: every text and accessible name is a key, a date, a name or a rule', () => {
    const marked = (key: string, ...subs: Array<string | number>) => `⟦${key}${subs.join('')}⟧`;
    const html = render(
      h(TimelineView, {
        timeline,
        id: 't',
        users: { u1: 'Person One', u2: 'Person Two' },
        words: { t: marked, plural: marked, clock: { locale: 'en-GB', timeZone: 'UTC' } },
      }),
    );
    const texts = [
      ...html.replace(/<[^>]*>/g, '\n').split('\n'),
      ...[...html.matchAll(/(?:aria-label|aria-valuetext|title|placeholder|alt)="([^"]*)"/g)].map(
        (m) => m[1]!,
      ),
    ];
    const leftover = texts
      .map((text) =>
        text
          .replace(/⟦[^⟧]*⟧/g, '')
          .replace(DATES, '')
          .replace(/Lane Alpha|\bR\d+\b|\bin\b/g, ''),
      )
      .filter((text) => /\p{L}/u.test(text));
    expect(html).toContain('⟦tlHeading⟧');
    expect(leftover).toEqual([]);
  });
});
