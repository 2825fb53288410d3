// @vitest-environment happy-dom
// The popup from the current user's point of view: status labels, accessible names, the action offered
// (R7), refused actions with reasons and names (R8, R10), the disconnect confirmation (R3), sorting,
// filters (S8) and live updates.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, State } from '../../core/index.ts';
import { glanceOf } from '../../extension/background/view.ts';
import { App } from '../../extension/components/App.tsx';
import { FIRST_ROWS } from '../../extension/lib/present.ts';
import { acct, days, T0, team } from './fixtures.ts';
import { everyStatus, fakeSource, patchAccount, show, viewOf } from './popup-support.tsx';
import { resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const item = (name: string) => screen.getByRole('listitem', { name });

beforeEach(() => void resetBrowser());
afterEach(cleanup);

describe('labels and accessible names', () => {
  it('each account is a list item named by the account and its status, in the fixed vocabulary', () => {
    show(viewOf(everyStatus()));
    expect(item('Account fb-1 Connected')).toBeTruthy();
    expect(item('Account li-1 Disconnected')).toBeTruthy();
    expect(item('Account ig-1 Reauthorize soon')).toBeTruthy();
  });

  it('on a team whose server cannot be reached, a row says once why its actions wait, and both buttons point to it', () => {
    const view = viewOf(everyStatus());
    show({
      ...view,
      team: {
        server: 'https://h.example',
        team: { id: 'd', name: 'D' },
        asOf: T0 - 60_000,
        problem: 'unreachable',
      },
    });
    const li = item('Account ig-1 Reauthorize soon');
    const reasons = li.querySelectorAll('p.why');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]!.textContent).toMatch(/cannot be reached/);
    const buttons = within(li).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-disabled'))).toEqual(['true', 'true']);
    for (const b of buttons) expect(b.getAttribute('aria-describedby')).toBe(reasons[0]!.id);
  });

  it('R5: a lapsed account says so and how many posts were lost', () => {
    const lapsed = patchAccount(everyStatus(), 'li-1', { status: 'lapsed', lost: 4 });
    show(viewOf(lapsed));
    const li = item('Account li-1 Lapsed');
    expect(li.textContent).toContain('4 posts were lost when the account lapsed');
    expect(within(li).getByRole('button', { name: 'Reconnect' })).toBeTruthy();
  });

  it('R2/R3/R4: the reason, the deadline and the fate of the posts in plain words', () => {
    show(viewOf(everyStatus()));
    const li = item('Account li-1 Disconnected');
    expect(li.textContent).toContain('Access was revoked on LinkedIn');
    expect(li.textContent).toContain('Reconnect within 42 days (by 12 April)');
    expect(li.textContent).toContain('3 scheduled posts cancelled; they return if you reconnect by 12 April');
  });

  it('R7: a connection inside its reminder window says by when to refresh', () => {
    show(viewOf(everyStatus()));
    expect(item('Account ig-1 Reauthorize soon').textContent).toContain('Refresh by 6 March (in 5 days)');
  });
});

describe('R7: which action is offered', () => {
  it.each([
    ['Account li-1 Disconnected', ['Reconnect']],
    ['Account ig-1 Reauthorize soon', ['Refresh connection', 'Disconnect']],
    ['Account fb-1 Connected', ['Disconnect']],
  ])('%s offers %j', (name, buttons) => {
    show(viewOf(everyStatus()));
    const offered = within(item(name))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(offered).toEqual(buttons);
  });

  it('Reconnect sends the reconnect request for that account', async () => {
    const source = show(viewOf(everyStatus()));
    fireEvent.click(within(item('Account li-1 Disconnected')).getByRole('button', { name: 'Reconnect' }));
    await vi.waitFor(() => expect(source.sent).toContainEqual({ type: 'reconnect', account: 'li-1' }));
  });
});

describe('refused actions explain why and who can act', () => {
  const downYt = (more: Partial<Account> = {}): State =>
    patchAccount(everyStatus(), 'yt-1', {
      status: 'disconnected',
      reason: 'inactive',
      disconnectedAt: days(-1),
      ...more,
    });
  const reconnectWhy = (name: string) => {
    const button = within(item(name)).getByRole('button', { name: 'Reconnect' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    return { button, text: document.getElementById(button.getAttribute('aria-describedby')!)!.textContent };
  };

  it('R8: without access to a private account connected by an own-accounts user, Reconnect is disabled: ask a super admin', () => {
    const source = show(viewOf(downYt(), 'dee'));
    const why = reconnectWhy('Account yt-1 Disconnected');
    expect(why.text).toBe(
      'Only people with the All accounts permission and access to it can reconnect it. Ask a super admin.',
    );
    fireEvent.click(why.button);
    expect(source.sent.filter((r) => r.type === 'reconnect')).toEqual([]);
  });

  it('R8: the own-accounts user who connected it may not reconnect it either; the recommended person is named when they may', () => {
    show(viewOf(everyStatus(), 'ben'));
    // li-1 was connected by ben (own-accounts): ask a super admin.
    expect(reconnectWhy('Account li-1 Disconnected').text).toContain('Ask a super admin.');
    cleanup();
    // Connected by Dee (all-accounts, with access): Ben is told to ask Dee.
    show(viewOf(downYt({ connectedBy: 'dee', access: 'everyone' }), 'ben'));
    expect(reconnectWhy('Account yt-1 Disconnected').text).toBe(
      'Only people with the All accounts permission and access to it can reconnect it. Ask Dee Editor, who connected it.',
    );
  });

  it('R8: a super admin without access is told they can give access in Settings', () => {
    show(viewOf(downYt(), 'ada'));
    expect(reconnectWhy('Account yt-1 Disconnected').text).toBe(
      'Only people with the All accounts permission and access to it can reconnect it. As a super admin, you can give access to someone with that permission in Settings.',
    );
  });

  it('R10: someone who is neither a super admin nor the connector cannot disconnect, and is told who can', () => {
    show(viewOf(everyStatus(), 'dee'));
    const button = within(item('Account fb-1 Connected')).getByRole('button', { name: 'Disconnect' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Only a super admin or the person who last connected it can disconnect it. Ask Ben Own or Ada Admin.',
    );
  });

  it('R10: the super admin may disconnect, after a confirmation saying what will be cancelled (R3)', async () => {
    const source = show(viewOf(everyStatus(), 'ada'));
    const li = item('Account fb-1 Connected');
    fireEvent.click(within(li).getByRole('button', { name: 'Disconnect' }));
    const dialog = within(li).getByRole('alertdialog', { name: 'Disconnect Account fb-1?' });
    expect(dialog.textContent).toContain(
      'Its 2 scheduled posts will be cancelled; published posts are hidden until you reconnect.',
    );
    expect(source.sent.filter((r) => r.type === 'disconnect')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await vi.waitFor(() => expect(source.sent).toContainEqual({ type: 'disconnect', account: 'fb-1' }));
  });
});

describe('order and filters', () => {
  it('accounts needing action come first, the most urgent first', () => {
    show(viewOf(everyStatus()));
    const names = screen.getAllByRole('listitem').map((li) => li.querySelector('.name')!.textContent);
    expect(names).toEqual(['Account li-1', 'Account ig-1', 'Account fb-1', 'Account yt-1']);
  });

  it('filters by network', () => {
    show(viewOf(everyStatus()));
    fireEvent.change(screen.getByRole('combobox', { name: 'Network' }), { target: { value: 'linkedin' } });
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.name')!.textContent)).toEqual([
      'Account li-1',
    ]);
  });

  it('S8: the brand filter appears only on enterprise with the brands add-on, and shows that brand only', () => {
    const plain = everyStatus();
    show(viewOf(plain));
    expect(screen.queryByRole('combobox', { name: 'Brand' })).toBeNull();
    cleanup();
    const branded: State = {
      ...plain,
      settings: { ...plain.settings, brandsAddon: true, brands: ['Acme', 'Globex'] },
      accounts: plain.accounts.set('fb-1', { ...plain.accounts.get('fb-1')!, brand: 'Acme' }),
    };
    show(viewOf(branded));
    fireEvent.change(screen.getByRole('combobox', { name: 'Brand' }), { target: { value: 'Acme' } });
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.name')!.textContent)).toEqual([
      'Account fb-1',
    ]);
  });
});

describe('rendering from the stored view', () => {
  it('renders the stored view at once, then follows the background broadcasts', async () => {
    const state = everyStatus();
    const source = show(viewOf(state));
    expect(item('Account li-1 Disconnected')).toBeTruthy();
    expect(source.sent).toContainEqual({ type: 'wake' });
    const reconnected = patchAccount(state, 'li-1', {
      status: 'connected',
      reason: null,
      disconnectedAt: null,
      connectedAt: T0,
    });
    source.change(viewOf(reconnected));
    await vi.waitFor(() => expect(item('Account li-1 Connected')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toBe('1 account needs attention');
  });

  it('Check now asks for a sweep and shows its progress', async () => {
    const view = viewOf(everyStatus());
    const source = show(view);
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(source.sent).toContainEqual({ type: 'check-now' });
    source.change({ ...view, sweep: { done: 1, total: 3 } });
    await vi.waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Checking 1 of 3 accounts…' })).toBeTruthy(),
    );
  });

  it('R11 (#13): when Check now went ahead although a network had asked to wait, this popup says so', async () => {
    const view = viewOf(everyStatus());
    const source = fakeSource(view);
    source.send = async (request) => {
      source.sent.push(request);
      return { ok: true, askedToWait: [{ account: 'li-1', until: T0 + 90 * 60_000 }] };
    };
    render(<App source={source} initial={view} focus={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Account li-1: the network had asked us to wait until 1 March at 01:30; checked anyway because you asked.',
      ),
    );
  });

  it(`a long list shows its first ${FIRST_ROWS} rows at once and the rest right after (first-render budget)`, async () => {
    const ids = Array.from({ length: FIRST_ROWS + 15 }, (_, i) => `fb-${String(i).padStart(3, '0')}`);
    const view = viewOf(team(ids.map((id) => acct(id, 'facebook'))));
    render(<App source={fakeSource(view)} initial={view} focus={ids.at(-1)!} />);
    // The focused account (a notification click) is rendered at once even beyond the first rows.
    expect(screen.getAllByRole('listitem')).toHaveLength(ids.length);
    cleanup();
    render(<App source={fakeSource(view)} initial={view} focus={null} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(FIRST_ROWS);
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(ids.length));
  });

  it("opens on the stored first screen (glance), with the whole list's count, then reads the whole list", async () => {
    const ids = Array.from({ length: FIRST_ROWS + 3 }, (_, i) => `li-${String(i).padStart(2, '0')}`);
    const full = viewOf(
      team(ids.map((id) => acct(id, 'linkedin', { state: 'disconnected', disconnectedAt: days(-1) }))),
    );
    const glance = glanceOf(full, 'en');
    const source = fakeSource(full);
    render(<App source={source} initial={glance} focus={null} />);
    // First render: only the glance's rows, but the summary counts every account that needs attention.
    expect(screen.getAllByRole('listitem')).toHaveLength(FIRST_ROWS);
    expect(screen.getByRole('status').textContent).toBe(`${ids.length} accounts need attention`);
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(ids.length));
  });

  it('a notification click opens the popup on its account', () => {
    show(viewOf(everyStatus()), 'fb-1');
    expect(document.activeElement).toBe(item('Account fb-1 Connected'));
  });
});
