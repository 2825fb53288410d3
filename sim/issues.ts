// How a scenario file's problems are worded: `path: what was expected, what was found` (scenario.md).
// The same lines are printed by `npm run simulate` and shown by the extension's simulator panel.
import type { z } from 'zod';

/** A key printed bare when it reads as a name (`events[1].at`), quoted otherwise (`headers["bad name"]`). */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `events[1].at`, `accounts[0].access.users[2]`, `events[0].headers["x y"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (!PLAIN_KEY.test(String(key))) out += `[${JSON.stringify(String(key))}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(file)';
}

/** What a value is, in words: "a string", "a number", "an array", "null". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short, safe rendering of a value for a message: scalars as JSON (long strings cut), containers by kind. */
export function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return kindOf(value);
}

/** zod's type names as a reader would say them. */
const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
};

/** One issue as lines (an unknown-key issue names every key). zod 4 passes `input` only with reportInput. */
export function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  // JSON has no undefined: an undefined input is a field that is not there (a union such as
  // respond.body's any-JSON reports it as invalid_union, a plain field as invalid_type).
  if (input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return [`${at}: missing (required)`];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map(
        (k) =>
          `${formatPath([...issue.path, k])}: unknown field "${k}" (check the spelling against scenario.md)`,
      );
    case 'invalid_value':
      return [
        `${at}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${preview(input)})`,
      ];
    case 'invalid_type': {
      const expected = issue.message.startsWith('expected')
        ? issue.message
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}`;
      const found = issue.expected === 'int' ? preview(input) : kindOf(input);
      return [`${at}: ${expected}, got ${found}`];
    }
    case 'too_small':
    case 'too_big': {
      const shown = typeof input === 'number' || typeof input === 'string' ? ` (got ${preview(input)})` : '';
      return [`${at}: ${issue.message}${issue.message.includes('(got') ? '' : shown}`];
    }
    default:
      return [`${at}: ${issue.message}`];
  }
}
