// Keyboard use of the popup and the settings page in every browser of the run, and the axe-core check
// (./axe.ts) proven to find a violation when there is one. axe itself runs on every page in both themes in
// pages.test.ts, where any violation of any impact fails. Keys do not depend on the theme: light only.
import { describe, expect, it } from 'vitest';
import { violations } from './axe.ts';
import { account, BROWSERS, type E2E, type Page, STATUS, useExtension } from './harness.ts';

async function open(ext: E2E, path: string, ready: (p: Page) => Promise<unknown>) {
  const tab = await ext.open(path);
  await ready(tab);
  return tab;
}

const simulatorReady = (p: Page) => p.getByRole('heading', { level: 1 }).waitFor();
const settingsReady = (p: Page) => p.getByRole('table').waitFor();

interface Focus {
  tag: string;
  cls: string;
  /** Its own name: aria-label, else its text. */
  name: string;
  pressed: string | null;
}

/** What has the keyboard focus in the page. */
const focused = (page: Page) =>
  page.evaluate((): Focus => {
    const el = document.activeElement as HTMLElement;
    return {
      tag: el.tagName,
      cls: el.className,
      name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
      pressed: el.getAttribute('aria-pressed'),
    };
  });

/** Presses Tab until `found` says the focus is there (at most 40 times). */
async function tabTo(page: Page, what: string, found: (f: Focus) => boolean): Promise<Focus> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    if (found(focus)) return focus;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** The focused account row's accessible name ("NAME STATUS"), or null when the focus is not on a row. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el?.matches('li.account')) return null;
    return (el.getAttribute('aria-labelledby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  });

async function typeText(page: Page, text: string) {
  for (const key of text) await page.keyboard.press(key);
}

describe.each(BROWSERS)('%s', (browser) => {
  const ext = useExtension({ browser, colorScheme: 'light' });

  it('the check itself reports a violation when there is one (an unlabelled control)', async () => {
    const page = await open(ext(), 'simulator.html', simulatorReady);
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('select')));
    expect((await violations(page)).join('\n')).toMatch(/^select-name \(critical\)/m);
    await page.close();
  });

  it('keyboard: the popup without a mouse: Check now, a status filter, the search, arrow keys between accounts, Enter runs the row’s fix (R7), Disconnect asks and Escape keeps it', async () => {
    const popup = await ext().openPopup();
    const view = (await ext().kv('view'))!;
    const rows = popup.getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(view.accounts.length);

    // Check now, the first stop: Enter checks every connected account again.
    const lastChecked = (v: typeof view) => Math.max(0, ...v.accounts.map((a) => a.lastCheck?.at ?? 0));
    const before = lastChecked(view);
    expect((await tabTo(popup, 'Check now', () => true)).name).toBe('Check now');
    await popup.keyboard.press('Enter');
    await expect
      .poll(async () => lastChecked((await ext().kv('view'))!), { timeout: 30_000 })
      .toBeGreaterThan(before);

    // The summary strip: a status's count is a toggle; Space filters the list to it and back.
    const disconnected = view.accounts.filter((a) => a.status === 'disconnected').length;
    expect(disconnected).toBeGreaterThan(0);
    await tabTo(popup, 'the Disconnected count', (f) => f.cls.includes('count disconnected'));
    await popup.keyboard.press(' ');
    expect((await focused(popup)).pressed).toBe('true');
    await expect.poll(() => rows.count()).toBe(disconnected);
    await popup.keyboard.press(' ');
    await expect.poll(() => rows.count()).toBe(view.accounts.length);

    // A disconnected account I may reconnect, with a first word no other account has.
    const words = view.accounts.map((a) => a.name.split(' ')[0]!.toLowerCase());
    const target = await popup
      .locator('li.account[data-status="disconnected"]')
      .filter({ has: popup.getByRole('button', { name: 'Reconnect', disabled: false }) })
      .evaluateAll((els) => els.map((el) => el.querySelector('.name')?.textContent ?? ''))
      .then((names) =>
        names.find((n) => words.filter((w) => w === n.split(' ')[0]!.toLowerCase()).length === 1),
      );
    expect(target, 'a disconnected account the demo user may reconnect').toBeDefined();
    const name = target!;

    // The search: typing its first word leaves that one account; ArrowDown goes from the search to it.
    await tabTo(popup, 'the search', (f) => f.tag === 'INPUT');
    const word = name.split(' ')[0]!;
    await typeText(popup, word);
    await expect.poll(() => rows.count()).toBe(1);
    await popup.keyboard.press('ArrowDown');
    expect(await focusedRow(popup)).toBe(`${name} ${STATUS.disconnected}`);

    // Enter on the row runs its fix, Reconnect: the consent page opens; allowed (by keyboard), it is connected.
    const consent = await ext().pageOpenedBy(() => popup.keyboard.press('Enter'));
    await tabTo(consent, 'Allow', (f) => f.name === 'Allow');
    await consent.keyboard.press('Enter');
    await account(popup, name, 'connected').waitFor({ timeout: 30_000 });

    // Back to the whole list: the arrow keys, Home and End move between accounts.
    await popup.getByRole('searchbox').focus();
    for (const _ of word) await popup.keyboard.press('Backspace');
    await expect.poll(() => rows.count()).toBe(view.accounts.length);
    await popup.keyboard.press('ArrowDown');
    const names = await popup.locator('li.account').evaluateAll((els) =>
      els.map((el) =>
        (el.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      ),
    );
    expect(await focusedRow(popup)).toBe(names[0]);
    await popup.keyboard.press('ArrowDown');
    expect(await focusedRow(popup)).toBe(names[1]);
    await popup.keyboard.press('End');
    expect(await focusedRow(popup)).toBe(names.at(-1));
    await popup.keyboard.press('ArrowUp');
    expect(await focusedRow(popup)).toBe(names.at(-2));
    await popup.keyboard.press('Home');
    expect(await focusedRow(popup)).toBe(names[0]);

    // Disconnect on a connected account asks first, focus on the safe choice; Escape keeps it connected.
    await popup.keyboard.press('End');
    const last = (await focusedRow(popup))!;
    expect(last.endsWith(` ${STATUS.connected}`), last).toBe(true);
    await tabTo(popup, 'Disconnect', (f) => f.name === 'Disconnect');
    await popup.keyboard.press('Enter');
    await popup.getByRole('alertdialog').waitFor();
    // The focus moves once the dialog has painted (an effect).
    await expect.poll(async () => (await focused(popup)).name).toBe('Keep connected');
    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.getByRole('alertdialog').count()).toBe(0);
    await expect.poll(async () => (await focused(popup)).name).toBe('Disconnect');
    expect(await popup.getByRole('listitem', { name: last }).count()).toBe(1);
    await popup.close();
  });

  it('keyboard: every control of the settings page is reachable with Tab and shows a visible focus', async () => {
    const page = await open(ext(), 'options.html', settingsReady);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName,
          label: el.getAttribute('aria-label') ?? el.textContent,
          outline: style.outlineStyle,
        };
      });
      if (!focus) continue;
      expect(focus.outline, `${focus.tag} ${focus.label}`).not.toBe('none');
      seen.add(focus.tag);
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['BUTTON', 'INPUT', 'SELECT']));
    await page.close();
  });
});
