// A page as the journeys see it: Playwright-style locators (`getByRole`, `getByLabel`, `locator`, `filter`,
// `first`, ...) resolved inside the page by ./in-page.js, so Chromium and Firefox find the same elements
// with the same code, and clicks and keys go through the driver's real input. Locators are lazy and
// strict like Playwright's: an action waits (up to ACTION_TIMEOUT_MS) for its element and fails when the
// locator matches more than one. Names match exactly (Playwright's default is a case-insensitive
// substring): a journey says the whole name or a RegExp.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Tab } from './driver/types.ts';

const ACTION_TIMEOUT_MS = 10_000;

/** Testing Library's UMD build and in-page.js: what every page gets before its first locator runs. */
export const SCRIPT = [
  readFileSync(
    createRequire(import.meta.url).resolve('@testing-library/dom/dist/@testing-library/dom.umd.min.js'),
    'utf8',
  ),
  readFileSync(resolve(import.meta.dirname, 'in-page.js'), 'utf8'),
].join('\n;\n');

export type Matcher = { s: string } | { re: string; flags: string };
export type Step =
  | { kind: 'role'; role: string; name?: Matcher; level?: number; disabled?: boolean }
  | { kind: 'label'; text: Matcher }
  | { kind: 'css'; selector: string }
  | { kind: 'has'; steps: Step[] }
  | { kind: 'hasText'; text: Matcher }
  | { kind: 'nth'; index: number };

export interface RoleOptions {
  name?: string | RegExp;
  level?: number;
  /** true: only disabled ones (natively or aria-disabled); false: only enabled ones. */
  disabled?: boolean;
}

const match = (m: string | RegExp): Matcher =>
  typeof m === 'string' ? { s: m } : { re: m.source, flags: m.flags };

const MISSING = '__e2e-missing';

/**
 * Runs `body(e2e, arg)` in the page, where `e2e` is in-page.js's helpers, injecting them first if this
 * document has none yet (a new page, a reload). `body` is source text: it is composed into the function
 * the driver serialises, so the helpers need no second round trip.
 */
async function inPage<R>(tab: Tab, body: string, arg: unknown): Promise<R> {
  const fn = new Function(
    'a',
    `const e2e = globalThis.__e2e; if (!e2e) return '${MISSING}'; return (${body})(e2e, a);`,
  ) as (a: unknown) => unknown;
  let result = await tab.evaluate(fn, arg);
  if (result === MISSING) {
    await tab.inject(SCRIPT);
    result = await tab.evaluate(fn, arg);
  }
  return result as R;
}

async function retry<T>(what: string, attempt: () => Promise<T>, ms = ACTION_TIMEOUT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > end) throw new Error(`${what} (after ${ms} ms)`, { cause: error });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class Locator {
  readonly tab: Tab;
  readonly steps: Step[];
  readonly description: string;

  constructor(tab: Tab, steps: Step[], description: string) {
    this.tab = tab;
    this.steps = steps;
    this.description = description;
  }

  private then_(step: Step, what: string): Locator {
    return new Locator(this.tab, [...this.steps, step], `${this.description} ${what}`);
  }

  getByRole(role: string, options: RoleOptions = {}): Locator {
    const { name, ...rest } = options;
    return this.then_(
      { kind: 'role', role, ...(name === undefined ? {} : { name: match(name) }), ...rest },
      `role=${role}${name === undefined ? '' : `[name=${name}]`}`,
    );
  }

  getByLabel(text: string | RegExp): Locator {
    return this.then_({ kind: 'label', text: match(text) }, `label=${text}`);
  }

  locator(selector: string): Locator {
    return this.then_({ kind: 'css', selector }, selector);
  }

  /** Keeps the elements that contain `has` (searched inside each) and/or whose text contains `hasText`. */
  filter({ has, hasText }: { has?: Locator; hasText?: string | RegExp }): Locator {
    let next: Locator = this;
    if (has) next = next.then_({ kind: 'has', steps: has.steps }, `has(${has.description})`);
    if (hasText !== undefined)
      next = next.then_({ kind: 'hasText', text: match(hasText) }, `hasText=${hasText}`);
    return next;
  }

  nth(index: number): Locator {
    return this.then_({ kind: 'nth', index }, `nth=${index}`);
  }

  first(): Locator {
    return this.nth(0);
  }

  count(): Promise<number> {
    return inPage(this.tab, '(e2e, a) => e2e.resolve(a).length', this.steps);
  }

  /** Resolves once exactly one element matches (the strictness of every action below). */
  async waitFor({ timeout = ACTION_TIMEOUT_MS }: { timeout?: number } = {}): Promise<void> {
    await this.onOne('(e2e, el) => true', undefined, timeout);
  }

  /** Runs `body(element, arg)` in the page on the one element, once there is one. */
  private onOne<R>(body: string, arg: unknown, timeout = ACTION_TIMEOUT_MS): Promise<R> {
    return retry(
      `${this.description}: no single element`,
      () =>
        inPage<R>(this.tab, `(e2e, a) => (${body})(e2e, e2e.one(a.steps, a.description), a.arg)`, {
          steps: this.steps,
          description: this.description,
          arg,
        }),
      timeout,
    );
  }

  textContent(): Promise<string> {
    return this.onOne('(e2e, el) => el.textContent ?? ""', undefined);
  }

  getAttribute(name: string): Promise<string | null> {
    return this.onOne('(e2e, el, name) => el.getAttribute(name)', name);
  }

  /** Every match's text (none is fine). */
  allTextContents(): Promise<string[]> {
    return inPage(this.tab, '(e2e, a) => e2e.resolve(a).map((el) => el.textContent ?? "")', this.steps);
  }

  /** `fn(element, arg)` in the page; `fn` must be self-contained (it is sent as source text). */
  evaluate<R, A = undefined>(fn: (element: HTMLElement, arg: A) => R, arg?: A): Promise<Awaited<R>> {
    return this.onOne(`(e2e, el, arg) => (${fn.toString()})(el, arg)`, arg);
  }

  /** `fn(elements, arg)` in the page on every match (none is fine). */
  evaluateAll<R, A = undefined>(fn: (elements: HTMLElement[], arg: A) => R, arg?: A): Promise<Awaited<R>> {
    return inPage(this.tab, `(e2e, a) => (${fn.toString()})(e2e.resolve(a.steps), a.arg)`, {
      steps: this.steps,
      arg,
    });
  }

  /** A real mouse click on the one element. */
  async click(): Promise<void> {
    await this.waitFor();
    const steps = this.steps;
    const description = this.description;
    await retry(`${description}: click`, () =>
      this.tab.click(
        new Function('a', 'return globalThis.__e2e.one(a.steps, a.description)') as (a: unknown) => Element,
        { steps, description },
      ),
    );
  }

  async focus(): Promise<void> {
    await this.onOne('(e2e, el) => el.focus()', undefined);
  }

  /** Picks the option with this value (or label), with the input and change events a pick fires. */
  async selectOption(value: string): Promise<void> {
    await this.onOne('(e2e, el, value) => e2e.select(el, value)', value);
  }

  /** Replaces a text field's value, with the input and change events typing fires. */
  async fill(value: string): Promise<void> {
    await this.onOne('(e2e, el, value) => { el.focus(); e2e.setValue(el, value); }', value);
  }
}

/** An extension page: locators from its document, plus the tab's own evaluate, keyboard and reload. */
export class Page {
  private readonly root: Locator;
  readonly keyboard: { press(key: string): Promise<void> };

  readonly tab: Tab;

  constructor(tab: Tab) {
    this.tab = tab;
    this.root = new Locator(tab, [], 'page:');
    this.keyboard = { press: (key) => tab.press(key) };
  }

  getByRole(role: string, options?: RoleOptions): Locator {
    return this.root.getByRole(role, options);
  }

  getByLabel(text: string | RegExp): Locator {
    return this.root.getByLabel(text);
  }

  locator(selector: string): Locator {
    return this.root.locator(selector);
  }

  /** `fn(arg)` in the page; `fn` must be self-contained (it is sent as source text). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.tab.evaluate(fn, arg as A);
  }

  reload(): Promise<void> {
    return this.tab.reload();
  }

  close(): Promise<void> {
    return this.tab.close();
  }

  isClosed(): boolean {
    return this.tab.isClosed();
  }
}
