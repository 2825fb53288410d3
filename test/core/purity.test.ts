// core/ is pure: it imports only itself and zod/mini, and touches no network, browser or clock (issue #2).
// zod/mini, not classic zod: core ships in the extension's background, where classic zod's methods on every
// schema tree-shake to nothing less than the whole library (the 60 KB background budget).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../core');
// Every source file, the rule families in core/rules/ included.
const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const FORBIDDEN = [
  /\bfetch\s*\(/,
  /Date\.now\s*\(/,
  /new Date\(\s*\)/,
  /\bchrome\./,
  /\bbrowser\./,
  /indexedDB/,
  /localStorage/,
  /Math\.random/,
  /\bprocess\./,
];

/** A relative import of a core/ source file, resolved from `file`; anything else (a package, ..) is not. */
const insideCore = (file: string, spec: string) =>
  /^\.\.?\/[\w./-]+\.ts$/.test(spec) && !relative(CORE, join(CORE, dirname(file), spec)).startsWith('..');

describe('core purity', () => {
  it('core/ has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports nothing but core/ and zod/mini', (file) => {
    const source = readFileSync(join(CORE, file), 'utf8');
    const imports = [...source.matchAll(/(?:from\s+|import\s*\(?\s*)'([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports)
      expect(spec === 'zod/mini' || insideCore(file, spec), `${file} imports ${spec}`).toBe(true);
  });

  it.each(files)('%s uses no network, browser, storage, randomness or wall clock', (file) => {
    const source = readFileSync(join(CORE, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(pattern.test(source), `${file} matches ${pattern}`).toBe(false);
  });
});
