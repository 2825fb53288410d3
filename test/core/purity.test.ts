// core/ is pure: it imports only itself and zod, and touches no network, browser or clock (issue #2).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../core');
const files = readdirSync(CORE).filter((f) => f.endsWith('.ts'));
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

describe('core purity', () => {
  it('core/ has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports nothing but core/ and zod', (file) => {
    const source = readFileSync(join(CORE, file), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports)
      expect(spec === 'zod' || /^\.\/[\w-]+\.ts$/.test(spec), `${file} imports ${spec}`).toBe(true);
  });

  it.each(files)('%s uses no network, browser, storage, randomness or wall clock', (file) => {
    const source = readFileSync(join(CORE, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(pattern.test(source), `${file} matches ${pattern}`).toBe(false);
  });
});
