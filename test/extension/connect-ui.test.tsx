// @vitest-environment happy-dom
// The pages' side of issue #13 findings 1, 6 and 7 and issue #16's standalone mode: "Connect account" per
// network in the popup's empty state and the settings page's dialog, the options page without secrets,
// an action whose background stopped, and refusals shown only in the page that asked.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSettingsView } from '../../extension/background/settings-view.ts';
import { buildView } from '../../extension/background/view.ts';
import { App } from '../../extension/components/App.tsx';
import { Options } from '../../extension/components/Options.tsx';
import { Settings, type SettingsSource } from '../../extension/components/Settings.tsx';
import type { Request } from '../../extension/lib/protocol.ts';
import type { Notice, PopupView } from '../../extension/lib/types.ts';
import type { Reply } from '../../extension/lib/wire.ts';
import { acct, days, T0, team } from './fixtures.ts';
import { fakeSource } from './popup-support.tsx';
import { MESSAGES, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const NEEDS_SERVER = MESSAGES.connectNeedsServer!.message;
const NO_ANSWER = MESSAGES.noAnswer!.message;

type Mode = PopupView['mode'];
const viewOf = (
  accounts: Parameters<typeof team>[0],
  mode: Mode = 'production',
  notice: Notice | null = null,
) => buildView({ state: team(accounts), me: 'ada', now: T0, mode, sweep: null, notice });

/** A popup whose background answers `answer` (or throws it: a stopped service worker). */
function popup(view: PopupView, answer: (r: Request) => Promise<Reply> = async () => ({ ok: true })) {
  const source = fakeSource(view, answer);
  render(<App source={source} initial={view} focus={null} />);
  return { source, sent: source.sent };
}

const connectSection = () => screen.getByRole('region', { name: 'Connect account' });

beforeEach(() => void resetBrowser());
afterEach(cleanup);

describe("the popup's empty state offers Connect account per network (issue #13 finding 1)", () => {
  it('production: X connects from the extension alone; the others say they need the team server', () => {
    const { sent } = popup(viewOf([]));
    const section = connectSection();
    const buttons = within(section).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Connect X']);
    expect(section.textContent).toContain(NEEDS_SERVER);
    expect(NEEDS_SERVER).toMatch(/npm run server/);
    fireEvent.click(buttons[0]!);
    expect(sent).toContainEqual({ type: 'connect', network: 'x' });
  });

  it('simulation: every network connects through the consent page', () => {
    popup(viewOf([], 'simulation'));
    const labels = within(connectSection())
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(labels).toEqual([
      'Connect Facebook',
      'Connect Instagram',
      'Connect X',
      'Connect LinkedIn',
      'Connect YouTube',
    ]);
    expect(connectSection().textContent).not.toContain(NEEDS_SERVER);
  });

  it('a team with accounts shows its list, not the offer', () => {
    popup(viewOf([acct('fb-1', 'facebook')]));
    expect(screen.queryByRole('region', { name: 'Connect account' })).toBeNull();
  });

  it('a refused connect (S3: draft-only) is shown and the buttons are usable again', async () => {
    const refusal: Reply = { ok: false, rule: 'S3', message: 'Draft-only users cannot connect accounts.' };
    popup(viewOf([]), async () => refusal);
    fireEvent.click(within(connectSection()).getByRole('button', { name: 'Connect X' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Draft-only users cannot'));
    expect(within(connectSection()).getByRole('button', { name: 'Connect X' }).hasAttribute('disabled')).toBe(
      false,
    );
  });
});

describe('an action whose background stopped before it answered (issue #13 finding 6)', () => {
  const state = [
    acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-3), reason: 'revoked' }),
  ];

  it('R4: Reconnect is enabled again and the popup says what happened', async () => {
    popup(viewOf(state), async () => {
      throw new Error('The message port closed before a response was received.');
    });
    const row = screen.getByRole('listitem', { name: 'Account li-1 Disconnected' });
    fireEvent.click(within(row).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(NO_ANSWER));
    const button = within(row).getByRole('button', { name: 'Reconnect' });
    expect(button.getAttribute('aria-disabled')).toBeNull();
  });

  it('R11: Check now that gets no answer says so too', async () => {
    popup(viewOf(state), async () => undefined as unknown as Reply);
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(NO_ANSWER));
  });

  it('a connect whose consent outlived the worker: the buttons come back with the message', async () => {
    popup(viewOf([]), () => Promise.reject(new Error('Could not establish connection.')));
    fireEvent.click(within(connectSection()).getByRole('button', { name: 'Connect X' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(NO_ANSWER));
    expect(within(connectSection()).getByRole('button', { name: 'Connect X' }).hasAttribute('disabled')).toBe(
      false,
    );
  });
});

describe('a refusal is shown only in the popup that asked (issue #13 finding 7)', () => {
  const accounts = [acct('fb-1', 'facebook')];
  const refusal = (at: number): Notice => ({
    at,
    account: 'fb-1',
    rule: 'R10',
    message: 'Only a super admin can.',
  });

  it('R10: a refusal stored while this popup was open (another popup asked) is not shown here', async () => {
    const { source } = popup(viewOf(accounts));
    source.change(viewOf(accounts, 'production', refusal(T0 + 1)));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('R10: a popup opened after the refusal (the one that asked closed for the consent) shows it', () => {
    popup(viewOf(accounts, 'production', refusal(T0 - 1000)));
    expect(screen.getByRole('alert').textContent).toContain('Only a super admin can.');
  });

  it('a notice for everyone (the clock warning) shows in every open popup', async () => {
    const { source } = popup(viewOf(accounts));
    source.change(viewOf(accounts, 'production', { ...refusal(T0 + 1), everyone: true, message: 'Clock.' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Clock.'));
  });
});

describe("the settings page's Connect-account dialog and the options page (issue #13, #16)", () => {
  function settings(mode: Mode) {
    const view = buildSettingsView(team([]), 'ada', T0, mode);
    const sent: Request[] = [];
    const source: SettingsSource = {
      load: async () => view,
      send: async (r) => {
        sent.push(r);
        return { ok: true };
      },
      subscribe: () => () => {},
      now: () => T0,
      locale: 'en-GB',
      clients: {},
      redirects: [],
    };
    render(<Settings source={source} initial={view} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect account' }));
    return { dialog: screen.getByRole('dialog'), sent };
  }

  it('production: the dialog connects X and says the other networks need the team server', async () => {
    const { dialog, sent } = settings('production');
    expect(
      within(dialog)
        .getAllByRole('button', { name: /^Connect / })
        .map((b) => b.textContent),
    ).toEqual(['Connect X']);
    expect(dialog.textContent).toContain(NEEDS_SERVER);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect X' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'connect', network: 'x' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('simulation: the dialog connects any network', () => {
    const { dialog } = settings('simulation');
    expect(within(dialog).getAllByRole('button', { name: /^Connect / })).toHaveLength(5);
  });

  it('the options page has no client-secret field, a client id for X only, and says how the others connect', async () => {
    const sent: Request[] = [];
    const send = async (r: Request): Promise<Reply> => {
      sent.push(r);
      return { ok: true };
    };
    const { container } = render(<Options initial={{}} redirects={[]} send={send} />);
    expect(container.querySelectorAll('input[type="password"]')).toHaveLength(0);
    expect(container.textContent).not.toMatch(/secret \(/i);
    const ids = screen.getAllByRole('textbox', { name: 'Client id' });
    expect(ids).toHaveLength(1);
    expect(screen.getByRole('group', { name: 'X' })).toBeTruthy();
    expect(container.textContent).toContain(NEEDS_SERVER);
    fireEvent.input(ids[0]!, { target: { value: ' x-client ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent).toEqual([{ type: 'set-clients', clients: { x: { clientId: 'x-client' } } }]),
    );
  });
});
