// `npm run zip:check` (CI, after `npm run zip`): what an AMO reviewer does with the sources zip. Unzip it
// into an empty folder, follow BUILDING.md (`npm ci`, `npm run build:firefox`) and compare the result with
// the submitted Firefox zip, file for file and byte for byte. Exits 1 on any difference.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import JSZip from 'jszip';

const root = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const zipPath = (kind: string) => join(root, '.output', `${name}-${version}-${kind}.zip`);

async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

function run(cwd: string, command: string, args: string[]): void {
  console.log(`\n$ ${command} ${args.join(' ')}   (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const work = mkdtempSync(join(tmpdir(), 'sources-check-'));
try {
  const sources = await unzip(zipPath('sources'));
  if (!sources.has('BUILDING.md')) throw new Error('The sources zip has no BUILDING.md');
  for (const [file, bytes] of sources) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    writeFileSync(join(work, file), bytes);
  }
  console.log(`Unzipped ${sources.size} files of ${zipPath('sources')} into ${work}`);
  run(work, 'npm', ['ci', '--no-audit', '--no-fund']);
  run(work, 'npm', ['run', 'build:firefox']);

  const submitted = await unzip(zipPath('firefox'));
  const builtDir = join(work, '.output/firefox-mv3-production');
  const built = new Set(walk(builtDir));
  const problems = [
    ...[...submitted.keys()].filter((f) => !built.has(f)).map((f) => `missing from the rebuild: ${f}`),
    ...[...built].filter((f) => !submitted.has(f)).map((f) => `only in the rebuild: ${f}`),
    ...[...submitted]
      .filter(([f, bytes]) => built.has(f) && !readFileSync(join(builtDir, f)).equals(bytes))
      .map(([f]) => `differs: ${f}`),
  ];
  if (problems.length) {
    console.error(
      `\nThe rebuild from the sources zip does not match ${zipPath('firefox')}:\n  ${problems.join('\n  ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `\nRebuilt from the sources zip alone: all ${submitted.size} files equal ${zipPath('firefox')}.`,
    );
  }
} finally {
  if (!process.env.KEEP_SOURCES_CHECK) rmSync(work, { recursive: true, force: true });
}
