// @vitest-environment happy-dom
// The settings page against the real background (core rules, IndexedDB store, fake network): each S-rule
// exercised from its control, refusals shown with their rule and message, R9's Connect-account dialog,
// controls disabled with the reason where the current user lacks a permission.
import { createHash } from 'node:crypto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StateInput } from '../../core/index.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { Options } from '../../extension/components/Options.tsx';
import { Settings, type SettingsSource } from '../../extension/components/Settings.tsx';
import { openHealthDb } from '../../extension/lib/db.ts';
import type { Request } from '../../extension/lib/protocol.ts';
import { CHROME_STORE_ID, chromeRedirectUrl, GECKO_ID, redirectUrls } from '../../extension/lib/stores.ts';
import { acct, days, fakeNetwork, T0, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/** What the page's copy buttons copied. */
let copied: string[] = [];

beforeEach(() => {
  resetBrowser();
  copied = [];
});
afterEach(cleanup);

interface Shown {
  bg: Background;
  sent: Request[];
}

async function show(
  accounts: StateInput['accounts'],
  me = 'ada',
  extra: Partial<StateInput> = {},
): Promise<Shown> {
  const state = team(accounts, { blogs: ['news'], teams: ['emea'], ...extra });
  const net = fakeNetwork(state, me);
  const store = new Store(await openHealthDb(freshDbName()));
  const bg = await Background.open({ store, setup: net.setup, now: () => T0 });
  await bg.wake();
  const sent: Request[] = [];
  let onChange = () => {};
  const source: SettingsSource = {
    load: () => store.get('settings'),
    send: async (request) => {
      sent.push(request);
      const reply = await bg.handle(request);
      onChange();
      return reply;
    },
    subscribe: (fn) => {
      onChange = fn;
      return () => {};
    },
    now: () => T0,
    locale: 'en-GB',
    clients: {},
    redirects: await redirectUrls('chrome', 'https://test-extension-id.chromiumapp.org/'),
    copy: async (text) => {
      copied.push(text);
    },
  };
  render(<Settings source={source} initial={await store.get('settings')} />);
  return { bg, sent };
}

const row = (name: string) => screen.getByText(name).closest('tr')!;
const alert = () => screen.findByRole('alert');

describe('S1 blog auto-publishing', () => {
  it('S1: auto-publishing to Instagram is refused with the rule message', async () => {
    const { bg } = await show([acct('ig-1', 'instagram', { connectedBy: 'ada' })]);
    fireEvent.change(screen.getByLabelText('Blog auto-published to Account ig-1'), {
      target: { value: 'news' },
    });
    expect((await alert()).textContent).toBe(
      'Not saved (S1): Blog posts cannot be auto-published to Instagram, because links are not allowed in Instagram posts.',
    );
    expect(bg.state.accounts.get('ig-1')!.autopublishBlog).toBeNull();
    expect((screen.getByLabelText('Blog auto-published to Account ig-1') as HTMLSelectElement).value).toBe(
      '',
    );
  });

  it('S1: an account not shared with everyone cannot auto-publish', async () => {
    await show([acct('fb-1', 'facebook', { connectedBy: 'ada', access: 'private' })]);
    fireEvent.change(screen.getByLabelText('Blog auto-published to Account fb-1'), {
      target: { value: 'news' },
    });
    expect((await alert()).textContent).toMatch(
      /^Not saved \(S1\): Auto-publishing needs Account fb-1 to be shared/,
    );
  });

  it('S1: a Facebook page shared with everyone auto-publishes the blog (saved at once)', async () => {
    const { bg } = await show([acct('fb-1', 'facebook', { connectedBy: 'ada' })]);
    fireEvent.change(screen.getByLabelText('Blog auto-published to Account fb-1'), {
      target: { value: 'news' },
    });
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(bg.state.accounts.get('fb-1')!.autopublishBlog).toBe('news');
  });
});

describe('S2 account access', () => {
  it('S2: only super admins change access: the control is disabled with the reason', async () => {
    await show([acct('fb-1', 'facebook')], 'dee');
    const select = screen.getByLabelText('Who has access to Account fb-1') as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    const why = document.getElementById(select.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toBe('Unavailable: Only super admins can change who has access to an account.');
  });

  it('S2: selected users and teams are offered only on enterprise', async () => {
    await show([acct('fb-1', 'facebook')], 'ada', { plan: 'professional' });
    const options = within(screen.getByLabelText('Who has access to Account fb-1')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Only me', 'Everyone']);
  });

  it('S2: on enterprise a super admin grants access to a list of users and teams', async () => {
    const { bg } = await show([acct('fb-1', 'facebook')]);
    fireEvent.change(screen.getByLabelText('Who has access to Account fb-1'), {
      target: { value: 'selected' },
    });
    fireEvent.click(screen.getByLabelText('Dee Editor'));
    fireEvent.click(screen.getByLabelText('Team emea'));
    fireEvent.click(screen.getByRole('button', { name: 'Save access' }));
    await screen.findByRole('status');
    expect(bg.state.accounts.get('fb-1')!.access).toEqual({ users: ['dee'], teams: ['emea'] });
  });

  it('S1 x S2: restricting an account that auto-publishes is refused', async () => {
    await show([acct('fb-1', 'facebook', { connectedBy: 'ada' })]);
    fireEvent.change(screen.getByLabelText('Blog auto-published to Account fb-1'), {
      target: { value: 'news' },
    });
    await screen.findByRole('status');
    fireEvent.change(screen.getByLabelText('Who has access to Account fb-1'), {
      target: { value: 'private' },
    });
    expect((await alert()).textContent).toMatch(/^Not saved \(S1\): Account fb-1 auto-publishes blog posts/);
  });
});

describe('S3 publishing permissions', () => {
  it('S3: a draft-only user cannot edit auto-publishing or connect accounts, but may set defaults', async () => {
    const { bg } = await show([acct('fb-1', 'facebook')], 'cy');
    const blog = screen.getByLabelText('Blog auto-published to Account fb-1') as HTMLSelectElement;
    expect(blog.disabled).toBe(true);
    expect(document.getElementById(blog.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Unavailable: Your permission does not let you change Account fb-1. Ask someone with full access to it.',
    );
    const connect = screen.getByRole('button', { name: 'Connect account' }) as HTMLButtonElement;
    expect(connect.disabled).toBe(true);
    expect(document.getElementById(connect.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /"Draft only" permission cannot connect or disconnect accounts/,
    );
    fireEvent.click(screen.getByLabelText('Default account for new posts: Account fb-1'));
    await screen.findByRole('status');
    expect(bg.state.accounts.get('fb-1')!.isDefault).toBe(true);
  });

  it('S3: a control disabled for an account I have no access to names the account, never its id', async () => {
    await show([acct('yt-1', 'youtube', { connectedBy: 'ben', access: 'private' })], 'dee');
    const box = within(row('Account yt-1')).getByRole('switch');
    expect((box as HTMLInputElement).disabled).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Unavailable: You do not have access to Account yt-1.',
    );
  });

  it('S3: a draft-only user does not even see accounts they have no access to', async () => {
    await show([acct('fb-1', 'facebook'), acct('yt-1', 'youtube', { access: 'private' })], 'cy');
    expect(screen.queryByText('Account yt-1')).toBeNull();
    expect(screen.getByText('Account fb-1')).toBeTruthy();
  });
});

describe('S4 X post visibility', () => {
  it('S4: changing X post visibility offers a reconnect with the other choice, which applies it', async () => {
    const { bg, sent } = await show([
      acct('x-1', 'x', { connectedBy: 'ada', postVisibility: 'all-sources' }),
    ]);
    expect(within(row('Account x-1')).getByText('Sharing is on and cannot be changed')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Post visibility of Account x-1'), {
      target: { value: 'app-only' },
    });
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toMatch(/needs a reconnect with the new choice \(Published here only\)/);
    expect(bg.state.accounts.get('x-1')!.postVisibility).toBe('all-sources'); // nothing saved half-way
    fireEvent.click(within(ask).getByRole('button', { name: 'Reconnect with this choice' }));
    await screen.findByRole('status');
    expect(sent.at(-1)).toEqual({ type: 'refresh-connection', account: 'x-1', postVisibility: 'app-only' });
    expect(bg.state.accounts.get('x-1')!.postVisibility).toBe('app-only');
  });

  it('R8: an own-accounts user cannot change the post visibility of an X account they connected; the reason says who can', async () => {
    await show([acct('x-1', 'x', { connectedBy: 'ben' })], 'ben');
    const select = screen.getByLabelText('Post visibility of Account x-1') as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    const why = document.getElementById(select.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toContain(
      'Only users with the "All accounts" permission and access to Account x-1 can reconnect it. Ask a super admin (Ada Admin).',
    );
  });

  it('R8: an all-accounts user without access is told to ask the connector when the connector may reconnect', async () => {
    await show([acct('x-1', 'x', { connectedBy: 'ada', access: { users: [], teams: ['emea'] } })], 'dee');
    const select = screen.getByLabelText('Post visibility of Account x-1') as HTMLSelectElement;
    const why = document.getElementById(select.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toContain('Ask Ada Admin, who connected it.');
  });

  it('S4: "Keep as it is" changes nothing', async () => {
    const { sent } = await show([acct('x-1', 'x', { connectedBy: 'ada' })]);
    fireEvent.change(screen.getByLabelText('Post visibility of Account x-1'), {
      target: { value: 'all-sources' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Keep as it is' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sent.filter((r) => r.type === 'refresh-connection')).toEqual([]);
  });
});

describe('S5 default accounts', () => {
  it('S5: a second default X account is refused with the rule message', async () => {
    await show([acct('x-1', 'x', { default: true }), acct('x-2', 'x')]);
    fireEvent.click(screen.getByLabelText('Default account for new posts: Account x-2'));
    expect((await alert()).textContent).toBe(
      'Not saved (S5): Only one X account can be a default, and Account x-1 already is. Remove it as default first.',
    );
    expect(
      (screen.getByLabelText('Default account for new posts: Account x-2') as HTMLInputElement).checked,
    ).toBe(false);
  });

  it('S5: the 11th default on professional is refused', async () => {
    const many = Array.from({ length: 11 }, (_, i) => acct(`fb-${i}`, 'facebook', { default: i < 10 }));
    await show(many, 'ada', { plan: 'professional' });
    fireEvent.click(screen.getByLabelText('Default account for new posts: Account fb-10'));
    expect((await alert()).textContent).toBe(
      'Not saved (S5): You already have 10 default accounts, the most the Professional plan allows. Remove one first.',
    );
  });
});

describe('S6 post visibility', () => {
  it('S6: networks other than X always report all sources, with no control to change it', async () => {
    await show([acct('li-1', 'linkedin')]);
    expect(screen.queryByLabelText('Post visibility of Account li-1')).toBeNull();
    expect(within(row('Account li-1')).getByText('All sources')).toBeTruthy();
  });
});

describe('S7 email notifications', () => {
  it('S7: the preview lists accounts shared with everyone and says why the others are left out', async () => {
    const { bg } = await show([
      acct('fb-1', 'facebook'),
      acct('ig-1', 'instagram'),
      acct('x-1', 'x'),
      acct('li-1', 'linkedin', { access: 'private' }),
    ]);
    fireEvent.click(screen.getByRole('tab', { name: 'Email notifications' }));
    expect(screen.getByText('Your inbox digest is off, so it lists no accounts.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Weekly'));
    await screen.findByRole('status');
    expect(bg.state.users.ada!.digest.frequency).toBe('weekly');
    const items = (await screen.findAllByRole('listitem')).map((li) => li.textContent);
    expect(items).toEqual([
      'Account fb-1: Included',
      'Account ig-1: Included; interactions from Instagram are never counted',
      'Account x-1: Included; new followers counted',
      'Account li-1: Left out: only accounts shared with everyone are included',
    ]);
    fireEvent.click(screen.getByLabelText('Yes, send me a monthly email with my social reports'));
    await waitFor(() =>
      expect(bg.state.users.ada!.digest).toEqual({ frequency: 'weekly', monthlyReport: true }),
    );
  });
});

describe('S8 brands', () => {
  const brands = { brandsAddon: true, brands: ['north', 'south'] };
  it("S8: the brand switcher shows only that brand's accounts; assigning moves an account", async () => {
    const { bg } = await show(
      [acct('fb-1', 'facebook', { brand: 'north' }), acct('li-1', 'linkedin', { brand: 'south' })],
      'ada',
      brands,
    );
    fireEvent.change(screen.getByLabelText('Show brand'), { target: { value: 'north' } });
    expect(screen.queryByText('Account li-1')).toBeNull();
    fireEvent.change(screen.getByLabelText('Brand of Account fb-1'), { target: { value: 'south' } });
    await screen.findByRole('status');
    expect(bg.state.accounts.get('fb-1')!.brand).toBe('south');
    await waitFor(() => expect(screen.queryByText('Account fb-1')).toBeNull());
  });

  it('S8: without the add-on there is no brand column', async () => {
    await show([acct('fb-1', 'facebook')]);
    expect(screen.queryByRole('columnheader', { name: 'Brand' })).toBeNull();
  });
});

describe('R9 hidden accounts', () => {
  it('R9: an account disconnected for more than 90 days is not in the table but in the Connect dialog, pre-selected and greyed, and Continue reconnects it', async () => {
    const { bg } = await show([
      acct('fb-1', 'facebook'),
      acct('li-1', 'linkedin', {
        state: 'disconnected',
        disconnectedAt: days(-95),
        reason: 'revoked',
        connectedAt: days(-200),
      }),
      acct('x-1', 'x', {
        state: 'disconnected',
        disconnectedAt: days(-100),
        reason: 'revoked',
        connectedBy: 'ada',
      }),
    ]);
    expect(screen.queryByText('Account x-1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect account' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect account' });
    const box = within(dialog).getByRole('checkbox', {
      name: /Account x-1, disconnected/,
    }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(bg.state.accounts.get('x-1')!.status).toBe('connected'));
    expect(await screen.findByText('Account x-1')).toBeTruthy();
  });
});

describe('real-mode configuration', () => {
  it("shows each browser's redirect URL to register, this browser's first-hand, with copy buttons", async () => {
    await show([acct('fb-1', 'facebook')]);
    fireEvent.click(screen.getByRole('tab', { name: 'Network client ids' }));
    const chrome = screen.getByLabelText('Chrome redirect URL (this browser)') as HTMLInputElement;
    expect(chrome.value).toBe('https://test-extension-id.chromiumapp.org/');
    // Firefox's: the hex SHA-1 of the add-on id (what Firefox answers; the Firefox e2e journey checks it).
    const sha1 = createHash('sha1').update(GECKO_ID).digest('hex');
    const firefox = screen.getByLabelText('Firefox redirect URL') as HTMLInputElement;
    expect(firefox.value).toBe(`https://${sha1}.extensions.allizom.org/`);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Firefox redirect URL' }));
    expect((await screen.findByRole('status')).textContent).toBe('Copied.');
    expect(copied).toEqual([firefox.value]);
  });

  it("in Firefox, before the Chrome Web Store has given the extension its id, says where Chrome's URL comes from", async () => {
    const redirects = await redirectUrls('firefox', 'https://0123.extensions.allizom.org/');
    expect(redirects).toEqual([
      { browser: 'chrome', current: false, url: CHROME_STORE_ID && chromeRedirectUrl(CHROME_STORE_ID) },
      { browser: 'firefox', current: true, url: 'https://0123.extensions.allizom.org/' },
    ]);
    render(<Options initial={{}} redirects={redirects} send={async () => ({ ok: true })} />);
    expect((screen.getByLabelText('Firefox redirect URL (this browser)') as HTMLInputElement).value).toBe(
      'https://0123.extensions.allizom.org/',
    );
    if (CHROME_STORE_ID === null)
      expect(screen.getByText(/^Chrome gives the extension its id when it is published/)).toBeTruthy();
  });
});
