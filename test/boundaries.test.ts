// The dependency direction of design.md: extension -> adapters -> core, mocks -> core (schemas only), and
// nothing in the product imports mocks/ except the simulation wiring (extension/simulation/, sim/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports, resolved to a path from the repository root (packages stay bare). */
function imports(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec]) =>
    spec!.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec!)) : spec!,
  );
}

const offenders = (dir: string, allowed: (spec: string) => boolean) =>
  files(dir).flatMap((f) =>
    imports(f)
      .filter((s) => !allowed(s))
      .map((s) => `${f} imports ${s}`),
  );

describe('dependency boundaries (design.md)', () => {
  it('server/ (the third shell) imports nothing from the extension', () => {
    expect(files('server').length).toBeGreaterThan(10);
    expect(offenders('server', (s) => !s.startsWith('extension/'))).toEqual([]);
  });

  it("adapters/ depends on core/'s types and its time-zone clock only, and never on mocks/", () => {
    expect(files('adapters').length).toBeGreaterThan(5);
    const core = new Set(['core/schemas.ts', 'core/zone.ts']);
    const zod = new Set(['zod/mini', 'zod/locales']);
    expect(offenders('adapters', (s) => zod.has(s) || s.startsWith('adapters/') || core.has(s))).toEqual([]);
  });

  it('mocks/ depends on core/ schemas only, never on adapters/', () => {
    // faker's own locale entries too (mocks/profiles.ts loads the English one only).
    const allowed = (s: string) =>
      ['msw', '@faker-js/faker'].includes(s) ||
      s.startsWith('@faker-js/faker/locale/') ||
      s.startsWith('mocks/') ||
      s === 'core/schemas.ts';
    expect(offenders('mocks', allowed)).toEqual([]);
  });

  it('only the simulation wiring imports mocks/', () => {
    const product = ['core', 'adapters', 'runtime', 'extension', 'server'].flatMap(files);
    const wiring = (f: string) => f.startsWith('extension/simulation/') || f.startsWith('server/sim/');
    const found = product
      .filter((f) => !wiring(f))
      .flatMap((f) =>
        imports(f)
          .filter((s) => s.startsWith('mocks/'))
          .map((s) => `${f} imports ${s}`),
      );
    expect(found).toEqual([]);
  });

  it('the background reaches no component and no Preact, directly or through what it imports (issue #14)', () => {
    // Followed module by module: the popup's first screen once came in through view.ts -> a .tsx helper.
    const seen = new Set<string>();
    const visit = (file: string): string[] => {
      if (seen.has(file)) return [];
      seen.add(file);
      return imports(file).flatMap((s) => {
        if (s.startsWith('extension/components/') || s === 'preact' || s.startsWith('preact/'))
          return [`${file} imports ${s}`];
        return /^(core|adapters|runtime|mocks|sim|extension)\//.test(s) ? visit(s) : [];
      });
    };
    const found = [...files('extension/background'), 'extension/entrypoints/background.ts'].flatMap(visit);
    expect(seen.size).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it("the extension's production scripts import zod/mini, never classic zod (the 60 KB background budget)", () => {
    // Classic zod puts every method on every schema, so nothing of it tree-shakes: it was half the
    // background. Followed module by module from every production entrypoint, type imports included (a
    // classic type does not fit a mini schema); extension/simulation/ is left out because the production
    // build drops it (background/main.ts, behind import.meta.env.MODE).
    const seen = new Set<string>();
    const visit = (file: string): string[] => {
      if (seen.has(file) || file.startsWith('extension/simulation/')) return [];
      seen.add(file);
      return imports(file).flatMap((s) => {
        if ((s === 'zod' || s.startsWith('zod/')) && s !== 'zod/mini' && s !== 'zod/locales')
          return [`${file} imports ${s}`];
        return /^(core|adapters|runtime|mocks|sim|extension)\/.*\.tsx?$/.test(s) ? visit(s) : [];
      });
    };
    const entrypoints = files('extension/entrypoints').filter((f) => !/\/(consent|simulator)\//.test(f));
    const found = entrypoints.flatMap(visit);
    expect([...seen]).toEqual(expect.arrayContaining(['core/schemas.ts', 'extension/lib/protocol.ts']));
    expect(found).toEqual([]);
  });
});
