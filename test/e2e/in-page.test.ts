// @vitest-environment happy-dom
// The locator semantics every journey relies on (in-page.js, the same code that runs in Chromium and
// Firefox), checked here on a small document: exact names, RegExp names, `disabled`, `has`, strictness and
// form controls. No browser: a journey that passes because a locator matched too much proves nothing.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCRIPT, type Step } from './page.ts';

interface InPage {
  resolve(steps: Step[]): Element[];
  one(steps: Step[], describe: string): Element;
  select(el: HTMLSelectElement, value: string): void;
  setValue(el: HTMLInputElement, value: string): void;
}
let e2e: InPage;

beforeAll(() => {
  new Function(SCRIPT)();
  e2e = (globalThis as unknown as { __e2e: InPage }).__e2e;
});

beforeEach(() => {
  document.body.innerHTML = `
    <main>
      <ul aria-label="Accounts">
        <li aria-labelledby="n1 s1"><span id="n1">Ann</span> <span id="s1">Disconnected</span>
          <button type="button">Reconnect</button></li>
        <li aria-labelledby="n2 s2"><span id="n2">Bob</span> <span id="s2">Disconnected</span>
          <button type="button" aria-disabled="true">Reconnect</button></li>
        <li aria-labelledby="n3 s3"><span id="n3">Cy</span> <span id="s3">Connected</span>
          <div aria-disabled="true"><button type="button">Disconnect</button></div></li>
      </ul>
      <button type="button">Check now</button>
      <label>Days <input value="1" /></label>
      <label>Network <select><option value="">All</option><option value="x">X (Twitter)</option></select></label>
    </main>`;
});

const role = (r: string, extra: Partial<Extract<Step, { kind: 'role' }>> = {}): Step => ({
  kind: 'role',
  role: r,
  ...extra,
});

describe('locators resolved in the page (test/e2e/in-page.js)', () => {
  it('a string name matches the whole accessible name, not a part of it', () => {
    expect(e2e.resolve([role('button', { name: { s: 'Check' } })])).toHaveLength(0);
    expect(e2e.resolve([role('button', { name: { s: 'Check now' } })])).toHaveLength(1);
    // aria-labelledby names: "NAME STATUS".
    expect(e2e.resolve([role('listitem', { name: { s: 'Ann Disconnected' } })])).toHaveLength(1);
  });

  it('a RegExp name is tested against the accessible name', () => {
    expect(e2e.resolve([role('listitem', { name: { re: ' Disconnected$', flags: '' } })])).toHaveLength(2);
  });

  it('disabled: false leaves out aria-disabled controls and controls inside an aria-disabled region', () => {
    const enabled = e2e.resolve([role('button', { disabled: false })]).map((b) => b.textContent);
    expect(enabled).toEqual(['Reconnect', 'Check now']);
    expect(e2e.resolve([role('button', { disabled: true })])).toHaveLength(2);
  });

  it('has keeps the elements that contain a match; nth picks one', () => {
    const rows = [
      role('listitem'),
      { kind: 'has', steps: [role('button', { name: { s: 'Reconnect' }, disabled: false })] },
    ] satisfies Step[];
    expect(e2e.resolve(rows).map((li) => li.getAttribute('aria-labelledby'))).toEqual(['n1 s1']);
    expect(e2e.resolve([role('listitem'), { kind: 'nth', index: -1 }])[0]!.textContent).toContain('Cy');
    expect(e2e.resolve([role('listitem'), { kind: 'hasText', text: { s: 'Bob' } }])).toHaveLength(1);
  });

  it('an action on a locator that matches two elements fails and names the locator', () => {
    expect(() => e2e.one([role('button', { name: { s: 'Reconnect' } })], 'the Reconnect button')).toThrow(
      'the Reconnect button matched 2 elements, not exactly one',
    );
  });

  it('labels find their controls; select and fill fire the events a person would', () => {
    const select = e2e.one([{ kind: 'label', text: { s: 'Network' } }], 'network') as HTMLSelectElement;
    const events: string[] = [];
    select.addEventListener('input', () => events.push('input'));
    select.addEventListener('change', () => events.push(`change:${select.value}`));
    e2e.select(select, 'X (Twitter)');
    expect(events).toEqual(['input', 'change:x']);
    expect(() => e2e.select(select, 'Mastodon')).toThrow(/no option "Mastodon"/);
    const days = e2e.one([{ kind: 'label', text: { s: 'Days' } }], 'days') as HTMLInputElement;
    e2e.setValue(days, '61');
    expect(days.value).toBe('61');
  });
});
