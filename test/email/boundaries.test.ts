// Where email code may reach (design.md: shells -> runtime -> core): runtime/email runs in the extension's
// pages too, so it imports no Node module and no package, and core's schemas only as types (no zod in the
// settings page for this); nothing in the extension imports the server's mail code (nodemailer).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each import of a file: resolved from the repository root (packages stay bare), and whether type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/import\s+(type\s+)?[^'";]*?from\s*'([^']+)'|import\s*\(\s*'([^']+)'/g)].map(
    (m) => {
      const raw = (m[2] ?? m[3])!;
      return {
        spec: raw.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', raw)) : raw,
        typeOnly: m[1] !== undefined,
      };
    },
  );
}

describe('email boundaries', () => {
  it('runtime/email imports only itself and core/ (no node:, no package), core schemas as types only', () => {
    const found = files('runtime/email').flatMap((f) =>
      imports(f)
        .filter(
          ({ spec, typeOnly }) =>
            !(spec.startsWith('runtime/email/') || spec.startsWith('core/')) ||
            (spec === 'core/schemas.ts' && !typeOnly),
        )
        .map(({ spec }) => `${f} imports ${spec}`),
    );
    expect(files('runtime/email').length).toBeGreaterThan(8);
    expect(found).toEqual([]);
  });

  it('the detector sees value and type imports (so the test above can fail)', () => {
    expect(imports('server/mail/mailer.ts').map((i) => i.spec)).toContain('nodemailer');
    expect(imports('runtime/email/notice.ts')).toContainEqual({ spec: 'core/schemas.ts', typeOnly: true });
  });

  it('the extension never imports server/ code', () => {
    const found = files('extension').flatMap((f) =>
      imports(f)
        .filter(({ spec }) => spec.startsWith('server/') || spec === 'nodemailer')
        .map(({ spec }) => `${f} imports ${spec}`),
    );
    expect(found).toEqual([]);
  });

  it('server/mail never imports mocks/ (only the simulation wiring may)', () => {
    const found = files('server/mail').flatMap((f) =>
      imports(f)
        .filter(({ spec }) => spec.startsWith('mocks/'))
        .map(({ spec }) => `${f} imports ${spec}`),
    );
    expect(found).toEqual([]);
  });
});
