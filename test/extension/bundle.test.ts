// The production build leaves the simulation out entirely (design.md: "the production build leaves it
// out entirely (check the bundle)"), and the popup stays small enough to open instantly.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';

/** Strings only MSW, the interceptors, the mock networks or faker put into a bundle. */
const SIMULATION_MARKERS = [
  'msw',
  'mswjs',
  'defineNetwork',
  'InterceptorSource',
  'HttpResponse',
  'faker',
  'mock_consent',
  'chromiumapp.org/?code', // nothing should fabricate redirects
  MOCK_CLIENTS.facebook.clientId,
  MOCK_CLIENTS.x.clientId,
];
/** Issue #5: the production popup's JavaScript, gzipped. */
const POPUP_BUDGET = 30 * 1024;
const BACKGROUND_BUDGET = 60 * 1024;

let out = '';
const files = () =>
  readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ name: f, text: readFileSync(join(out, f), 'utf8') }));

/**
 * Every script the popup runs: what popup.html loads or preloads, and every chunk those import, at once or
 * later (bench/bundle.ts counts the same).
 */
function popupScripts(): string[] {
  const html = readFileSync(join(out, 'popup.html'), 'utf8');
  const found = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!));
  for (const script of found)
    for (const m of readFileSync(join(out, script), 'utf8').matchAll(
      /["'](?:\.\/|\/?chunks\/)([\w-]+\.js)["']/g,
    ))
      found.add(`chunks/${m[1]}`);
  return [...found];
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'wxt-production-'));
  await build({ root: new URL('../..', import.meta.url).pathname, mode: 'production', outDir: out });
  out = join(out, 'chrome-mv3-production');
}, 120_000);
afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

describe('production bundle', () => {
  it('has no MSW, mock-network or faker code in any script', () => {
    const js = files();
    expect(js.map((f) => f.name)).toContain('background.js');
    const found = js.flatMap((f) =>
      SIMULATION_MARKERS.filter((m) => f.text.includes(m)).map((m) => `${f.name}: ${m}`),
    );
    expect(found).toEqual([]);
  });

  it('carries zod/mini, never classic zod (whose methods on every schema kept half the background)', () => {
    // Every classic schema is built by zod's constructor named "ZodType"; mini's are "ZodMini...", core's "$Zod...".
    const js = files();
    expect(js.find((f) => f.name === 'background.js')?.text).toContain('ZodMiniObject');
    expect(js.filter((f) => /["'`]ZodType["'`]/.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it('has no consent page (simulation only)', () => {
    expect(readdirSync(out)).not.toContain('consent.html');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('consent');
  });

  it(`keeps the popup's JavaScript under ${POPUP_BUDGET / 1024} KB gzipped, the chunks it loads after its first paint included`, () => {
    const scripts = popupScripts();
    expect(scripts.length).toBeGreaterThan(1);
    const gzipped = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(join(out, s))).length, 0);
    console.info(`production popup JS: ${scripts.join(', ')} = ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(POPUP_BUDGET);
  });

  it(`keeps the background's JavaScript under ${BACKGROUND_BUDGET / 1024} KB gzipped (team mode included)`, () => {
    // gzip -9, as bench/bundle.ts measures it.
    const gzipped = gzipSync(readFileSync(join(out, 'background.js')), { level: 9 }).length;
    console.info(`production background JS = ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(BACKGROUND_BUDGET);
  });

  it("keeps the simulator's timeline (components/Timeline.ts, lib/timeline.ts) out of the popup", () => {
    const scripts = popupScripts();
    // Class names and catalogue keys only the timeline uses survive minification as strings.
    const found = scripts.flatMap((s) =>
      ['tl-lane', 'tl-band', 'tlHeading'].filter((m) => readFileSync(join(out, s), 'utf8').includes(m)),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  it('paints the first screen from one script and the chunk it preloads, no stylesheet file; Preact and the components load after that paint', () => {
    const html = readFileSync(join(out, 'popup.html'), 'utf8');
    expect([...html.matchAll(/<script\b/g)]).toHaveLength(1);
    expect(html).not.toMatch(/rel="stylesheet"/);
    const script = html.match(/src="\/?([^"]+\.js)"/)![1]!;
    const text = readFileSync(join(out, script), 'utf8');
    // Each static import is a file fetched before the script's first line: only what popup.html preloads
    // (fetched in parallel with the script itself).
    const preloaded = [...html.matchAll(/rel="modulepreload"[^>]*href="\/?chunks\/([^"]+\.js)"/g)].map(
      (m) => m[1],
    );
    const staticImports = [...text.matchAll(/\bimport\s*[{*\w][^;]*?from\s*["']\.\/([\w-]+\.js)["']/g)].map(
      (m) => m[1],
    );
    expect(staticImports.sort()).toEqual(preloaded.sort());
    // The interactive popup (entrypoints/popup/mount.tsx: Preact, App) is imported when it is needed.
    const later = [...text.matchAll(/\bimport\(\s*["']\.\/([\w-]+\.js)["']\s*\)/g)].map((m) => m[1]!);
    expect(later.some((f) => f.startsWith('mount-'))).toBe(true);
    for (const f of later) expect(preloaded, f).not.toContain(f);
  });
});
