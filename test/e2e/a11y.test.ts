// Accessibility of the popup, the settings page (each tab) and the simulator panel, in light and dark
// themes (THEMES below) and in every browser of the run, checked with axe-core
// (https://github.com/dequelabs/axe-core): any serious or critical violation fails, with the rule, its
// help URL and the offending elements.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BROWSERS, type BrowserName, type E2E, type Page, useExtension } from './harness.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[] }[];
}

/** axe's serious and critical findings on the page as it is now. */
async function serious(page: Page): Promise<string[]> {
  // Evaluated by the driver (DevTools protocol, WebDriver BiDi), so the extension page's CSP does not block it.
  await page.tab.inject(AXE);
  const violations = await page.evaluate(
    async () =>
      (await (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run())
        .violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} ${v.helpUrl} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

async function open(ext: E2E, path: string, ready: (p: Page) => Promise<unknown>) {
  const tab = await ext.open(path);
  await ready(tab);
  return tab;
}

const simulatorReady = (p: Page) => p.getByRole('heading', { level: 1 }).waitFor();
const settingsReady = (p: Page) => p.getByRole('table').waitFor();

/**
 * Both themes in Chromium; the light one in Firefox. The dark theme is the same CSS variables in every
 * browser (style.css styles the form controls too), so a second Firefox (a theme is a launch preference
 * there) would check the same colours again for about ten seconds of the suite; what differs in Firefox
 * (its own controls, focus rings, accessible names) shows in the light run.
 */
const THEMES: Record<BrowserName, Array<'light' | 'dark'>> = {
  chromium: ['light', 'dark'],
  firefox: ['light'],
};

describe.each(BROWSERS)('%s', (browser) => {
  describe.each(THEMES[browser])('%s theme', (colorScheme) => {
    const ext = useExtension({ browser, colorScheme });

    it('the page really is in this theme', async () => {
      const page = await ext().open('simulator.html');
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        colorScheme === 'dark',
      );
      await page.close();
    });

    it('the popup has no serious or critical accessibility violation', async () => {
      const popup = await open(ext(), 'popup.html', (p) => p.getByRole('listitem').first().waitFor());
      expect(await serious(popup)).toEqual([]);
      await popup.close();
    });

    it('every settings tab has no serious or critical accessibility violation', async () => {
      const page = await open(ext(), 'options.html', settingsReady);
      for (const tab of ['Accounts', 'Email notifications', 'Network client ids']) {
        await page.getByRole('tab', { name: tab }).click();
        expect(await serious(page), tab).toEqual([]);
      }
      await page.getByRole('tab', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'Connect account' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await serious(page), 'Connect account dialog').toEqual([]);
      await page.close();
    });

    it('the simulator panel has no serious or critical accessibility violation', async () => {
      const page = await open(ext(), 'simulator.html', simulatorReady);
      expect(await serious(page)).toEqual([]);
      await page.close();
    });

    // Theme-independent: once per browser.
    if (colorScheme === 'dark') return;

    it('the check itself reports a serious violation when there is one (an unlabelled control)', async () => {
      const page = await open(ext(), 'simulator.html', simulatorReady);
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('select')));
      expect((await serious(page)).join('\n')).toMatch(/^select-name \(critical\)/m);
      await page.close();
    });

    it('keyboard: every control of the settings page is reachable with Tab and shows a visible focus', async () => {
      const page = await open(ext(), 'options.html', settingsReady);
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName,
            label: el.getAttribute('aria-label') ?? el.textContent,
            outline: style.outlineStyle,
          };
        });
        if (!focus) continue;
        expect(focus.outline, `${focus.tag} ${focus.label}`).not.toBe('none');
        seen.add(focus.tag);
      }
      expect([...seen].sort()).toEqual(expect.arrayContaining(['BUTTON', 'INPUT', 'SELECT']));
      await page.close();
    });
  });
});
