// (d) Bundle sizes, gzipped: the production popup's JavaScript (every script popup.html loads or
// preloads and every chunk they import, budget 30 KB), the production background (budget 60 KB), and the bytes of production scripts
// that carry MSW (budget: none). The simulation build's background is shown beside it for scale.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './report.ts';

const KB = 1024;
/** Strings only MSW or its interceptors put into a bundle (test/extension/bundle.test.ts has the full list). */
const MSW_MARKERS = ['msw', 'mswjs', 'defineNetwork', 'InterceptorSource', 'HttpResponse'];

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
}

/**
 * Every script the popup runs: those popup.html loads or preloads, and every chunk they import, at once or
 * later (`import("./mount-….js")`: Preact and the components load after the first paint).
 */
function popupScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const found = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!));
  for (const script of found)
    for (const m of readFileSync(join(dir, script), 'utf8').matchAll(
      /["'](?:\.\/|\/?chunks\/)([\w-]+\.js)["']/g,
    ))
      found.add(`chunks/${m[1]}`);
  return [...found];
}

export function bundleFigures(production: string, simulation: string): Figure[] {
  const popup = popupScripts(production).reduce((sum, s) => sum + gz(join(production, s)), 0);
  const background = gz(join(production, 'background.js'));
  const simBackground = gz(join(simulation, 'background.js'));
  const msw = scripts(production)
    .filter((f) => MSW_MARKERS.some((m) => readFileSync(join(production, f), 'utf8').includes(m)))
    .reduce((sum, f) => sum + readFileSync(join(production, f)).length, 0);
  const simMsw = scripts(simulation)
    .filter((f) => MSW_MARKERS.some((m) => readFileSync(join(simulation, f), 'utf8').includes(m)))
    .reduce((sum, f) => sum + readFileSync(join(simulation, f)).length, 0);
  return [
    {
      name: 'production popup JS (gzip)',
      value: popup / KB,
      unit: 'KB',
      budget: '< 30 KB',
      ok: popup < 30 * KB,
      note: popupScripts(production).join(' + '),
    },
    {
      name: 'production background JS (gzip)',
      value: background / KB,
      unit: 'KB',
      baseline: { name: 'simulation build', value: simBackground / KB },
      budget: '< 60 KB',
      ok: background < 60 * KB,
    },
    {
      name: 'MSW bytes in production scripts',
      value: msw,
      unit: 'B',
      baseline: { name: 'simulation build', value: simMsw },
      budget: '0',
      ok: msw === 0,
    },
  ];
}
