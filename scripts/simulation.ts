// Runs the headless simulator as `npm run simulate` runs it (the same Node and the same Node options, read
// from package.json) in a child process, and measures it: wall-clock time, CPU time and peak resident
// memory. Used by `npm run scale` and by `npm run bench` (bench/simulate.ts).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..');

export interface Measured {
  /** The simulator's exit code (0: the scenario ran). */
  code: number;
  seconds: number;
  cpuSeconds: number;
  /** Peak resident set size, in MB (10^6 bytes). */
  peakMB: number;
}

/** The Node options of package.json's `simulate` script (`node [options] sim/cli.ts`). */
export function simulateNodeOptions(): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const words = scripts.simulate?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.at(-1) !== 'sim/cli.ts')
    throw new Error(`package.json "simulate" is no longer "node [options] sim/cli.ts": ${scripts.simulate}`);
  return words.slice(1, -1);
}

/**
 * `npm run simulate -- <args>` without npm in between, stdout into `stdoutFile` (or dropped), stderr passed
 * through (or, when `quiet`, kept and shown only if the simulator fails). Resolves once the child has exited.
 */
export async function simulate(args: string[], stdoutFile: string | null, quiet = false): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'social-health-usage-'));
  const usageFile = join(dir, 'usage.json');
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  try {
    const node = [...simulateNodeOptions(), '--import', pathToFileURL(join(ROOT, 'scripts/usage.ts')).href];
    const start = performance.now();
    const child = spawn(process.execPath, [...node, join(ROOT, 'sim/cli.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', out, quiet ? 'pipe' : 'inherit'],
      env: { ...process.env, SOCIAL_HEALTH_USAGE: usageFile },
    });
    const errors: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
    const code = await new Promise<number>((done, fail) => {
      child.on('error', fail);
      child.on('close', (status, signal) => done(status ?? (signal ? 128 : 1)));
    });
    if (code !== 0 && quiet) process.stderr.write(Buffer.concat(errors));
    const seconds = (performance.now() - start) / 1000;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
      maxRSS: number;
      userCPUTime: number;
      systemCPUTime: number;
    };
    return {
      code,
      seconds,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      // resourceUsage().maxRSS is in KiB.
      peakMB: (usage.maxRSS * 1024) / 1e6,
    };
  } finally {
    if (typeof out === 'number') closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the scale scenario of `accounts` accounts over `days` days (scripts/scale-scenario.ts) to `file`. */
export async function writeScaleScenario(accounts: number, days: number, file: string): Promise<void> {
  const out = openSync(file, 'w');
  try {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts/scale-scenario.ts'), String(accounts), String(days)],
      {
        cwd: ROOT,
        stdio: ['ignore', out, 'inherit'],
      },
    );
    const code = await new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`scripts/scale-scenario.ts exited with code ${code}`);
  } finally {
    closeSync(out);
  }
}
