// @vitest-environment happy-dom
// The popup's screen (issue #19): the summary strip (a count per status, each a pressed-or-not toggle that
// filters the list), the urgency headings, the search over name and handle past eight accounts, compact rows
// for healthy accounts, the keyboard (arrow keys between accounts, Enter runs the primary action, R7), and
// refusals that name people, never ids (R8, R10).
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { State } from '../../core/index.ts';
import type { PopupView } from '../../extension/lib/types.ts';
import { acct, days, T0, team } from './fixtures.ts';
import { everyStatus, patchAccount, show, viewOf } from './popup-support.tsx';
import { resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

beforeEach(() => void resetBrowser());
afterEach(cleanup);

const names = () => screen.queryAllByRole('listitem').map((li) => li.querySelector('.name')!.textContent);
const toggle = (name: string) => screen.getByRole('button', { name });

/** every status, plus a lapsed LinkedIn account (R5). */
const withLapsed = (): State => {
  const state = everyStatus();
  return patchAccount(state, 'li-1', {
    id: 'li-2',
    profile: { ...state.accounts.get('li-1')!.profile!, name: 'Account li-2' },
    status: 'lapsed',
    lost: 2,
  });
};

/** Nine accounts or more: the popup offers its search field. */
const crowd = (): PopupView =>
  viewOf(
    team([
      acct('li-1', 'linkedin', {
        state: 'disconnected',
        disconnectedAt: days(-2),
        reason: 'revoked',
        profile: { networkUserId: 'n1', name: 'Café Olé', handle: '@cafe_ole', avatarUrl: null },
      }),
      ...['Bjørn Bakery', 'Studio North', 'Studio South', 'Harbour News', 'Hill Farm', 'Quay Books'].map(
        (name, i) =>
          acct(`fb-${i}`, 'facebook', {
            profile: { networkUserId: `n-${i}`, name, handle: `@h${i}`, avatarUrl: null },
          }),
      ),
      acct('x-1', 'x', {
        profile: { networkUserId: 'x', name: 'Plain X', handle: '@studio_x', avatarUrl: null },
      }),
      acct('yt-1', 'youtube'),
    ]),
  );

describe('the summary strip', () => {
  it('counts the accounts in each status, in the fixed vocabulary', () => {
    show(viewOf(withLapsed()));
    const strip = screen.getByRole('group', { name: 'Show only accounts that are' });
    expect(
      within(strip)
        .getAllByRole('button')
        .map((b) => [b.textContent, b.getAttribute('aria-pressed')]),
    ).toEqual([
      ['1 Disconnected', 'false'],
      ['1 Lapsed', 'false'],
      ['1 Reauthorize soon', 'false'],
      ['2 Connected', 'false'],
    ]);
  });

  it('each count filters the list, says it is pressed, and says how many are shown; pressed again, it shows all', () => {
    show(viewOf(withLapsed()));
    fireEvent.click(toggle('2 Connected'));
    expect(toggle('2 Connected').getAttribute('aria-pressed')).toBe('true');
    expect(names()).toEqual(['Account fb-1', 'Account yt-1']);
    expect(document.querySelector('.showing')!.textContent).toBe('Showing 2 of 5 accounts');
    // Another count replaces the filter; only one is pressed.
    fireEvent.click(toggle('1 Lapsed'));
    expect(names()).toEqual(['Account li-2']);
    expect(toggle('2 Connected').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle('1 Lapsed'));
    expect(toggle('1 Lapsed').getAttribute('aria-pressed')).toBe('false');
    expect(names()).toHaveLength(5);
    expect(document.querySelector('.showing')!.textContent).toBe('');
  });
});

describe('urgency headings', () => {
  it('R7/R2/R5: needs action, reauthorize soon and fine, each list named by its heading with its count', () => {
    show(viewOf(withLapsed()));
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Needs action (2)', 'Reauthorize soon (1)', 'Fine (2)']);
    const list = (name: string) =>
      within(screen.getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.name')!.textContent);
    expect(list('Needs action (2)')).toEqual(['Account li-1', 'Account li-2']);
    expect(list('Reauthorize soon (1)')).toEqual(['Account ig-1']);
    expect(list('Fine (2)')).toEqual(['Account fb-1', 'Account yt-1']);
  });

  it('healthy accounts are compact rows; the ones that need a person are not', () => {
    show(viewOf(withLapsed()));
    const compact = screen
      .getAllByRole('listitem')
      .map((li) => [li.querySelector('.name')!.textContent, li.classList.contains('compact')]);
    expect(compact).toEqual([
      ['Account li-1', false],
      ['Account li-2', false],
      ['Account ig-1', false],
      ['Account fb-1', true],
      ['Account yt-1', true],
    ]);
  });

  it('a filter counts what it shows under each heading', () => {
    show(viewOf(withLapsed()));
    fireEvent.change(screen.getByRole('combobox', { name: 'Network' }), { target: { value: 'linkedin' } });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Needs action (2)',
    ]);
  });
});

describe('search', () => {
  it('is offered only above eight accounts, as a labelled search box', () => {
    show(viewOf(everyStatus()));
    expect(screen.queryByRole('searchbox')).toBeNull();
    cleanup();
    show(crowd());
    const box = screen.getByRole('searchbox', { name: 'Search accounts by name or handle' });
    expect(box.getAttribute('type')).toBe('search');
  });

  it.each([
    // In the list's order: X's due date (90 days after its last activity, R1) comes first.
    ['studio', ['Plain X', 'Studio North', 'Studio South']],
    ['STUDIO north', ['Studio North']],
    ['cafe', ['Café Olé']],
    ['@cafe_ole', ['Café Olé']],
    ['@h3', ['Harbour News']],
    ['nobody here', []],
  ])('"%s" finds %j by name or handle, whatever the case or accents', (query, expected) => {
    show(crowd());
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } });
    expect(names()).toEqual(expected);
    expect(document.querySelector('.showing')!.textContent).toBe(`Showing ${expected.length} of 9 accounts`);
    if (expected.length === 0) expect(screen.getByText('No accounts match this filter.')).toBeTruthy();
  });
});

describe('keyboard', () => {
  const rows = () => screen.getAllByRole('listitem');
  const key = (el: Element, k: string) => fireEvent.keyDown(el, { key: k });

  it('one account is in the tab order; the arrow keys, Home and End move between accounts across headings', () => {
    show(viewOf(withLapsed()));
    expect(rows().map((li) => li.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1']);
    rows()[0]!.focus();
    key(rows()[0]!, 'ArrowDown');
    expect(document.activeElement).toBe(rows()[1]);
    key(rows()[1]!, 'ArrowDown');
    // From "needs action" into "reauthorize soon": the next account, whatever its heading.
    expect(document.activeElement).toBe(rows()[2]);
    // The account last moved to is the one Tab comes back to.
    expect(rows().map((li) => li.getAttribute('tabindex'))).toEqual(['-1', '-1', '0', '-1', '-1']);
    key(rows()[2]!, 'ArrowUp');
    expect(document.activeElement).toBe(rows()[1]);
    key(rows()[1]!, 'End');
    expect(document.activeElement).toBe(rows()[4]);
    key(rows()[4]!, 'ArrowDown');
    expect(document.activeElement).toBe(rows()[4]);
    key(rows()[4]!, 'Home');
    expect(document.activeElement).toBe(rows()[0]);
  });

  it('the arrow keys also leave a button of a row for the next account', () => {
    show(viewOf(withLapsed()));
    const reconnect = within(rows()[0]!).getByRole('button', { name: 'Reconnect' });
    reconnect.focus();
    key(reconnect, 'ArrowDown');
    expect(document.activeElement).toBe(rows()[1]);
  });

  it('R7: Enter on an account runs its primary action: Reconnect when disconnected or lapsed, Refresh connection when due soon', async () => {
    const source = show(viewOf(withLapsed()));
    key(rows()[0]!, 'Enter');
    key(rows()[1]!, 'Enter');
    key(rows()[2]!, 'Enter');
    await vi.waitFor(() =>
      expect(source.sent.filter((r) => r.type !== 'wake')).toEqual([
        { type: 'reconnect', account: 'li-1' },
        { type: 'reconnect', account: 'li-2' },
        { type: 'refresh-connection', account: 'ig-1' },
      ]),
    );
  });

  it('Enter does nothing on a healthy account (its one button, Disconnect, asks first) or where I may not act (R8)', () => {
    // Dee may not reconnect yt-1: private, connected by Ben (R8).
    const down = patchAccount(everyStatus(), 'yt-1', {
      status: 'disconnected',
      reason: 'inactive',
      disconnectedAt: days(-1),
    });
    const source = show(viewOf(down, 'dee'));
    const yt = screen.getByRole('listitem', { name: 'Account yt-1 Disconnected' });
    key(yt, 'Enter');
    key(screen.getByRole('listitem', { name: 'Account fb-1 Connected' }), 'Enter');
    expect(source.sent.filter((r) => r.type !== 'wake')).toEqual([]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('ArrowDown in the search box goes to the first account found', () => {
    show(crowd());
    const box = screen.getByRole('searchbox');
    fireEvent.input(box, { target: { value: 'studio' } });
    box.focus();
    key(box, 'ArrowDown');
    expect(document.activeElement).toBe(screen.getByRole('listitem', { name: 'Plain X Connected' }));
  });

  it('R3: the Disconnect confirmation takes the focus on its safe choice; Escape closes it and gives the focus back', () => {
    show(viewOf(everyStatus()));
    const row = screen.getByRole('listitem', { name: 'Account fb-1 Connected' });
    fireEvent.click(within(row).getByRole('button', { name: 'Disconnect' }));
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Keep connected' }));
    key(document.activeElement!, 'Escape');
    expect(within(row).queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Disconnect' }));
  });

  it('every row says what the keys do', () => {
    show(viewOf(everyStatus()));
    const hint = document.getElementById(rows()[0]!.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/^Up and down arrows: next or previous account\. Enter: /);
    expect(rows().every((li) => li.getAttribute('aria-describedby') === hint.id)).toBe(true);
  });
});

describe('refusals name people, never ids', () => {
  const refusals = {
    R8: {
      ok: false as const,
      rule: 'R8',
      key: 'reconnectForbidden',
      params: { name: 'Account li-1', recommended: 'dee' },
      message:
        'Only users with the "All accounts" permission and access to Account li-1 can reconnect it. Ask dee, who connected it.',
    },
    'R8 (super admins)': {
      ok: false as const,
      rule: 'R8',
      key: 'reconnectForbiddenAdmin',
      params: { name: 'Account li-1', admins: 'ada, dee' },
      message:
        'Only users with the "All accounts" permission and access to Account li-1 can reconnect it. Ask a super admin (ada, dee).',
    },
    R10: {
      ok: false as const,
      rule: 'R10',
      key: 'disconnectForbidden',
      params: { name: 'Account li-1', connector: 'ben' },
      message: 'Only a super admin or the user who last connected Account li-1 (ben) can disconnect it.',
    },
  };

  it.each([
    ['R8', 'Ask Dee Editor, who connected it.'],
    ['R8 (super admins)', 'Ask a super admin (Ada Admin or Dee Editor).'],
    ['R10', 'last connected Account li-1 (Ben Own) can disconnect it.'],
  ] as const)(
    '%s: a refused action in the popup names the people by their display names',
    async (rule, words) => {
      show(viewOf(everyStatus()), null, () => refusals[rule]);
      fireEvent.click(
        within(screen.getByRole('listitem', { name: 'Account li-1 Disconnected' })).getByRole('button'),
      );
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(words);
      expect(alert.textContent).not.toMatch(/\b(ada|ben|dee)\b/);
    },
  );

  it('R8: the refusal stored as the notice, shown when the popup opens again, names them too', () => {
    const { ok: _, ...notice } = refusals.R8;
    show({ ...viewOf(everyStatus()), notice: { at: T0 - 1_000, account: 'li-1', ...notice } });
    expect(screen.getByRole('alert').textContent).toContain('Ask Dee Editor, who connected it.');
  });
});
