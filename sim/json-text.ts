// A scenario file's text, read defensively before the schema sees it (issue #13): strict JSON, no nesting
// deep enough to exhaust a recursive validator, `respond.body` within its caps, and no duplicate keys (a JSON
// parser silently keeps the last of two, so `"type":"check","type":"revoke"` would run a revoke).
// Duplicates are found with Microsoft's jsonc-parser (VS Code's JSON scanner): JSON.parse cannot report them,
// and its visitor hands over each property's decoded name (`"\u0074ype"` is `type`), line and path.
import { visit } from 'jsonc-parser';
import { formatPath } from './issues.ts';

/** The deepest nesting of objects and arrays a `respond.body` may have (real API bodies stay under 10). */
export const MAX_BODY_DEPTH = 64;
/** The largest `respond.body`, as characters of JSON (real error bodies are a few kilobytes). */
export const MAX_BODY_CHARS = 1_000_000;
/** Nothing else in a scenario file nests deeper than a handful of levels. */
const MAX_FIELD_DEPTH = 16;
/** Enough duplicate keys to show the pattern without flooding the terminal. */
const MAX_DUPLICATES = 20;

export type TextCheck = { ok: true; json: unknown } | { ok: false; errors: string[] };

/** Levels of objects and arrays in a JSON value (a scalar is 0, `[]` is 1), without recursion. */
export function nesting(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Depth and size caps: `events[i].body` against its own caps, every other field against a small depth. */
function limits(json: unknown): string[] {
  if (!isObject(json)) return [];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const items = Array.isArray(value)
      ? value.map((v, i) => [[key, i], v] as const)
      : [[[key], value] as const];
    for (const [path, item] of items) {
      const body = key === 'events' && isObject(item) && 'body' in item ? item.body : undefined;
      const rest = body === undefined ? item : { ...(item as object), body: null };
      const depth = nesting(rest) + path.length - 1;
      if (depth > MAX_FIELD_DEPTH) {
        errors.push(
          `${formatPath(path)}: nested ${depth} levels deep; a scenario file nests at most ${MAX_FIELD_DEPTH}`,
        );
      }
      if (body === undefined) continue;
      const where = formatPath([...path, 'body']);
      const bodyDepth = nesting(body);
      if (bodyDepth > MAX_BODY_DEPTH) {
        errors.push(
          `${where}: nested ${bodyDepth} levels deep; a response body may nest at most ${MAX_BODY_DEPTH}`,
        );
        continue;
      }
      const chars = JSON.stringify(body).length;
      if (chars > MAX_BODY_CHARS) {
        errors.push(
          `${where}: ${chars.toLocaleString('en')} characters of JSON; a response body may have at most ${MAX_BODY_CHARS.toLocaleString('en')}`,
        );
      }
    }
  }
  return errors;
}

/** Every key that appears twice in one object, with its path and line. Call only on text JSON.parse took. */
function duplicates(text: string): string[] {
  const errors: string[] = [];
  const open: Array<Set<string>> = [];
  visit(
    text,
    {
      onObjectBegin: () => void open.push(new Set()),
      onObjectEnd: () => void open.pop(),
      onObjectProperty: (name, _offset, _length, line, _column, path) => {
        const seen = open[open.length - 1]!;
        if (!seen.has(name)) return void seen.add(name);
        if (errors.length < MAX_DUPLICATES) {
          errors.push(
            `${formatPath([...path(), name])}: duplicate key "${name}" (line ${line + 1}); JSON keeps only the last value, so remove one`,
          );
        }
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return errors;
}

/** Parses a scenario file's text; every problem comes back as a line naming the field. Never throws. */
export function readScenarioText(text: string): TextCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`(file): not valid JSON (${(error as Error).message})`] };
  }
  // Depth first: the duplicate-key visitor and the schema recurse, and must only see bounded nesting.
  const tooBig = limits(json);
  if (tooBig.length > 0) return { ok: false, errors: tooBig };
  if (nesting(json) > MAX_FIELD_DEPTH + MAX_BODY_DEPTH) {
    return { ok: false, errors: [`(file): nested too deeply to be a scenario`] };
  }
  const dups = duplicates(text);
  return dups.length > 0 ? { ok: false, errors: dups } : { ok: true, json };
}
