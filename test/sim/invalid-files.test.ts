// Issue #4: a bad scenario file exits 2 before anything runs, and stderr names the path of every bad field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
const example = () => JSON.parse(readFileSync(join(ROOT, 'scenarios/linkedin-lapse.json'), 'utf8'));

function simulate(content: string | object) {
  const file = join(dir, `s-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const r = spawnSync(process.execPath, ['sim/cli.ts', file], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const cases: Array<[string, (s: ReturnType<typeof example>) => unknown, RegExp[]]> = [
  ['a file that is not JSON', () => '{ "name": ', [/\(file\): not valid JSON/]],
  [
    'an unknown field',
    (s) => {
      s.events[0].acount = 'li-1';
      return s;
    },
    [/events\[0\]\.acount: unknown field "acount"/],
  ],
  [
    'a bad date',
    (s) => {
      s.events[1].at = 'next tuesday';
      return s;
    },
    [/events\[1\]\.at: expected an ISO date/],
  ],
  [
    'an unknown network',
    (s) => {
      s.accounts[0].network = 'myspace';
      return s;
    },
    [/accounts\[0\]\.network: expected one of "facebook"/],
  ],
  [
    'an unknown user',
    (s) => {
      s.events[2].by = 'zed';
      return s;
    },
    [/events\[2\]\.by: unknown user "zed"/],
  ],
  [
    'an unknown account',
    (s) => {
      s.posts[1].account = 'li-9';
      return s;
    },
    [/posts\[1\]\.account: unknown account "li-9"/],
  ],
  [
    'events out of order',
    (s) => {
      s.events[2].at = '2026-01-05T00:00:00Z';
      return s;
    },
    [/events\[2\]\.at: events must be in time order/],
  ],
  [
    'several bad fields at once',
    (s) => {
      s.users[1].permission = 'boss';
      s.events[0].at = '2026-13-01';
      return s;
    },
    [/users\[1\]\.permission: expected one of/, /events\[0\]\.at: expected an ISO date/],
  ],
  [
    'a missing required field',
    (s) => {
      delete s.start;
      return s;
    },
    [/start: missing \(required\)/],
  ],
  [
    'an unknown event type',
    (s) => {
      s.events[0].type = 'hack';
      return s;
    },
    [/events\[0\]\.type: unknown event type/],
  ],
];

describe('simulate: invalid files', () => {
  it.each(cases)('exits 2 for %s and names the field', (_name, mutate, patterns) => {
    const r = simulate(mutate(example()) as object | string);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const p of patterns) expect(r.stderr).toMatch(p);
  });

  it('exits 2 when the file cannot be read', () => {
    const r = spawnSync(process.execPath, ['sim/cli.ts', join(dir, 'missing.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});
