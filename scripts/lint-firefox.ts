// `npm run lint:firefox` (part of `npm test`): the checks addons.mozilla.org runs on every upload
// (addons-linter, through web-ext) on the Firefox production build. Fails on any error, warning or notice:
// a reviewer asks about each one, and "passes with warnings" is how a first review bounces.
//
//   node scripts/lint-firefox.ts [dir]      (default .output/firefox-mv3-production)
import { resolve } from 'node:path';
import webExt from 'web-ext';

interface Finding {
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}
interface Report {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

const dir = resolve(process.argv[2] ?? '.output/firefox-mv3-production');
const report = (await webExt.cmd.lint(
  { sourceDir: dir, output: 'none', warningsAsErrors: false },
  { shouldExitProgram: false },
)) as Report;

const findings = (['errors', 'warnings', 'notices'] as const).flatMap((kind) =>
  report[kind].map((f) => ({ kind, ...f })),
);
const counts = `${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`;
if (findings.length === 0) {
  console.log(`web-ext lint ${dir}: ${counts}`);
} else {
  for (const f of findings) {
    const where = f.file ? ` (${f.file}${f.line ? `:${f.line}:${f.column ?? 0}` : ''})` : '';
    const why = [f.description ?? []].flat().join(' ');
    console.error(`${f.kind.slice(0, -1)} ${f.code}${where}: ${f.message}${why ? ` ${why}` : ''}`);
  }
  console.error(`web-ext lint ${dir}: ${counts}; AMO's review asks about each of them.`);
  process.exitCode = 1;
}
