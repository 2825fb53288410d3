// Builds the extension for the benchmarks into a temporary folder (not .output, which the e2e suite and
// `npm start` use), through WXT's JavaScript API, quietly.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'wxt';

export const ROOT = resolve(import.meta.dirname, '..');

const quiet = () => undefined;
const logger = {
  debug: quiet,
  log: quiet,
  info: quiet,
  success: quiet,
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => console.error(...args),
  fatal: (...args: unknown[]) => console.error(...args),
  level: 1,
};

export async function buildInto(mode: 'simulation' | 'production', browser: 'chrome' | 'firefox' = 'chrome') {
  const out = mkdtempSync(join(tmpdir(), `bench-${mode}-`));
  await build({ root: ROOT, mode, browser, outDir: out, logger } as Parameters<typeof build>[0]);
  return join(out, `${browser}-mv3-${mode}`);
}
