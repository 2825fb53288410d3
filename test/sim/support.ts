// Runs scenario files through the real CLI (`node sim/cli.ts FILE`), as a tester would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
let n = 0;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `content` (an object is JSON-encoded) to a temporary file and simulates it with `flags`. */
export function simulate(content: string | object, ...flags: string[]): CliRun {
  return simulateOn([], content, ...flags);
}

/** The same, with options for node itself (e.g. a heap limit). */
export function simulateOn(nodeOptions: string[], content: string | object, ...flags: string[]): CliRun {
  const file = join(dir, `s-${process.pid}-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const r = spawnSync(process.execPath, [...nodeOptions, 'sim/cli.ts', file, ...flags], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A one-user team with the given accounts, connected a month before the start, and events. */
export function scenario(accounts: Array<{ id: string; network: string }>, events: object[], extra = {}) {
  return {
    name: 'hardening',
    start: '2026-01-01T00:00:00Z',
    users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: accounts.map((a) => ({ ...a, connectedBy: 'ada', connectedAt: '2025-12-01T00:00:00Z' })),
    events,
    ...extra,
  };
}
