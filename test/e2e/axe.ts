// axe-core (https://github.com/dequelabs/axe-core) on a page as it is now, injected by the driver (DevTools
// protocol, WebDriver BiDi), so an extension page's CSP does not block it. Every violation counts, whatever
// its impact, and is reported with its rule, its help URL and the offending elements.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from './page.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[] }[];
}

/** axe's violations on the page, one line each: `rule (impact): help URL at element, element`. */
export async function violations(page: Page): Promise<string[]> {
  await page.tab.inject(AXE);
  const found = await page.evaluate(
    async () =>
      (await (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run())
        .violations,
  );
  return found.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} ${v.helpUrl} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
