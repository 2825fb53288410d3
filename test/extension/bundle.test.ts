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

  it('has no consent page (simulation only)', () => {
    expect(readdirSync(out)).not.toContain('consent.html');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('consent');
  });

  it(`keeps the popup's JavaScript under ${POPUP_BUDGET / 1024} KB gzipped`, () => {
    const html = readFileSync(join(out, 'popup.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
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
    const html = readFileSync(join(out, 'popup.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    // Class names and catalogue keys only the timeline uses survive minification as strings.
    const found = scripts.flatMap((s) =>
      ['tl-lane', 'tl-band', 'tlHeading'].filter((m) => readFileSync(join(out, s), 'utf8').includes(m)),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  it('loads the popup as one script and no stylesheet file (each file is a round trip before its first line)', () => {
    const html = readFileSync(join(out, 'popup.html'), 'utf8');
    expect([...html.matchAll(/<script\b/g)]).toHaveLength(1);
    expect(html).not.toMatch(/rel="(stylesheet|modulepreload)"/);
    const script = html.match(/src="\/?([^"]+\.js)"/)![1]!;
    expect(readFileSync(join(out, script), 'utf8')).not.toMatch(/\bimport\s*[{*"'(]|from\s*"\.\//);
  });
});
