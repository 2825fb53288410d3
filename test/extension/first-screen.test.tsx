// @vitest-environment happy-dom
// The popup's first paint (components/first-screen-dom.ts, built from lib/first-screen.ts's strings before
// Preact runs) is App's own first render, element for element and attribute for attribute, for every kind
// of row and header; Preact then takes those very elements over; and no text is ever parsed as markup.
import { cleanup, fireEvent, render, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { State } from '../../core/index.ts';
import { buildView, glanceOf } from '../../extension/background/view.ts';
import { App, type PopupSource } from '../../extension/components/App.tsx';
import { firstScreenDom } from '../../extension/components/first-screen-dom.ts';
import { firstScreen, screenFor } from '../../extension/lib/first-screen.ts';
import { FIRST_ROWS } from '../../extension/lib/present.ts';
import type { Request } from '../../extension/lib/protocol.ts';
import type { PopupView } from '../../extension/lib/types.ts';
import { acct, days, T0, team } from './fixtures.ts';
import { resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const LOCALE = 'en-GB';

const everyStatus = (): State =>
  team(
    [
      acct('fb-1', 'facebook'),
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-18), reason: 'revoked' }),
      acct('li-2', 'linkedin', { state: 'disconnected', disconnectedAt: days(-70), reason: 'security' }),
      acct('ig-1', 'instagram', { connectedAt: days(-85) }),
      acct('yt-1', 'youtube', { connectedBy: 'ben', access: 'private' }),
      acct('x-1', 'x', { connectedBy: 'dee' }),
    ],
    {
      posts: [
        { id: 'p1', account: 'li-1', state: 'scheduled', at: days(5), author: 'ben' },
        { id: 'p2', account: 'li-1', state: 'scheduled', at: days(6), author: 'ben' },
        { id: 'p4', account: 'fb-1', state: 'scheduled', at: days(2), author: 'ben' },
      ],
    },
  );

const STALE = {
  server: 'https://health.example.com',
  team: { id: 'demo', name: 'Demo' },
  asOf: T0 - 3_600_000,
  problem: 'unreachable' as const,
};

const viewOf = (state: State, me: string, more: Partial<PopupView> = {}): PopupView => ({
  ...buildView({ state, me, now: T0, mode: 'production', sweep: null, notice: null }),
  ...more,
});

/** A source whose whole list never arrives: App stays on its first render of `initial`. */
function source(): PopupSource & { sent: Request[] } {
  const sent: Request[] = [];
  return {
    sent,
    load: () => new Promise(() => {}),
    send: async (request) => {
      sent.push(request);
      return { ok: true };
    },
    subscribe: () => () => {},
    now: () => T0,
    locale: LOCALE,
  };
}

/** Elements with their attributes in a fixed order, and text: what Preact compares when it takes over. */
function canonical(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return JSON.stringify(node.textContent);
  const el = node as Element;
  const attributes = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
  return `<${el.tagName.toLowerCase()} ${attributes.join(' ')}>${[...el.childNodes].map(canonical).join('')}</>`;
}

const built = (view: PopupView) => firstScreenDom(firstScreen(view, T0, LOCALE));

beforeEach(() => void resetBrowser());
afterEach(cleanup);

const withCheckFailure = (view: PopupView): PopupView => ({
  ...view,
  accounts: view.accounts.map((a) =>
    a.id === 'fb-1' ? { ...a, lastCheck: { at: T0, outcome: 'rate-limited', retryAt: T0 + 3_600_000 } } : a,
  ),
});

const CASES: Array<[string, () => PopupView]> = [
  ['every status, for a super admin', () => viewOf(everyStatus(), 'ada')],
  ['refused actions with who can, and a recommended reconnector', () => viewOf(everyStatus(), 'dee')],
  ['a draft-only user (S3 hides, R8 refuses)', () => viewOf(everyStatus(), 'cy')],
  [
    'on a team whose server cannot be reached: every action refused, each reason said once',
    () => viewOf(everyStatus(), 'ada', { team: STALE }),
  ],
  [
    'simulation: signed in as, a sweep running, a refusal notice, brands (S8), a failed check (R11)',
    () =>
      withCheckFailure(
        viewOf(everyStatus(), 'ada', {
          mode: 'simulation',
          sweep: { done: 2, total: 5 },
          notice: { at: T0 - 1000, account: 'li-1', message: 'Only a super admin can do that.' },
          brands: ['Acme', 'Beta'],
        }),
      ),
  ],
  [
    'the glance of a long list: its first rows, counting the whole list, with the search field',
    () => {
      const ids = Array.from({ length: FIRST_ROWS + 4 }, (_, i) => `fb-${i}`);
      return glanceOf(viewOf(team(ids.map((id) => acct(id, 'facebook'))), 'ada'), LOCALE);
    },
  ],
  [
    'no accounts at all: Connect X, and the team server for the others (issue #13)',
    () => viewOf(team([]), 'ada'),
  ],
  [
    "no accounts at all, simulation: every network's Connect",
    () => viewOf(team([]), 'ada', { mode: 'simulation' }),
  ],
  ['the glance of an empty team', () => glanceOf(viewOf(team([]), 'ada'), LOCALE)],
  [
    'the glance of a long list needing action: every urgency heading, a refused disconnect (R10)',
    () => {
      const down = { state: 'disconnected' as const, disconnectedAt: days(-3), reason: 'revoked' as const };
      const state = team([
        ...['li-1', 'li-2', 'li-3'].map((id) => acct(id, 'linkedin', down)),
        ...['ig-1', 'ig-2'].map((id) => acct(id, 'instagram', { connectedAt: days(-86) })),
        ...Array.from({ length: 9 }, (_, i) => acct(`fb-${i}`, 'facebook')),
      ]);
      return glanceOf(viewOf(state, 'dee'), LOCALE);
    },
  ],
];

describe("the popup's first paint (components/first-screen-dom.ts)", () => {
  it.each(CASES)('is App’s first render, element for element: %s', (_, make) => {
    const view = make();
    const own = render(<App source={source()} initial={view} focus={null} />);
    const expected = canonical(own.container.firstElementChild!);
    expect(expected).toContain('<main');
    expect(canonical(built(view))).toBe(expected);
  });

  it('Preact renders App over it and keeps every element, then the buttons work', async () => {
    const view = viewOf(everyStatus(), 'ada');
    const container = document.body.appendChild(document.createElement('div'));
    container.append(built(view));
    const before = [...container.querySelectorAll('*')];
    const row = within(container).getByRole('listitem', { name: 'Account li-1 Disconnected' });
    const src = source();
    render(<App source={src} initial={view} focus={null} />, { container });
    expect(before.filter((el) => !el.isConnected)).toEqual([]);
    expect(container.querySelectorAll('*')).toHaveLength(before.length);
    expect(within(container).getByRole('listitem', { name: 'Account li-1 Disconnected' })).toBe(row);
    fireEvent.click(within(row).getByRole('button', { name: 'Reconnect' }));
    expect(src.sent).toContainEqual({ type: 'reconnect', account: 'li-1' });
  });

  it("the background stores the first screen's strings in the glance; the popup uses them in its own language only", () => {
    const full = viewOf(everyStatus(), 'dee');
    const glance = glanceOf(full, LOCALE);
    // As of the view, in the background's language: what the popup would work out itself at that moment.
    expect(glance.partial?.screen).toEqual(firstScreen(glance, full.at, LOCALE));
    expect(glance.partial?.screen?.groups.flatMap((g) => g.rows.map((r) => r.name))).toEqual(
      glance.accounts.map((a) => a.name),
    );
    expect(screenFor(glance, T0 + 5_000, LOCALE)).toBe(glance.partial?.screen);
    // Another language (the browser's changed since), or a glance stored before it carried strings.
    expect(screenFor(glance, T0, 'nb')).toEqual(firstScreen(glance, T0, 'nb'));
    const older = { ...glance, partial: { total: 6, attention: 3 } };
    expect(screenFor(older, T0, LOCALE)).toEqual(firstScreen(older, T0, LOCALE));
    // A glance stored before the screen had urgency headings (its rows in one list) is worked out again.
    const { groups: _, ...flat } = glance.partial!.screen!;
    const before = { ...glance, partial: { ...glance.partial!, screen: { ...flat, rows: [] } as never } };
    expect(screenFor(before, T0, LOCALE)).toEqual(firstScreen(before, T0, LOCALE));
  });

  it('shows every stored string as text: markup in an account name stays text', () => {
    const view = viewOf(everyStatus(), 'ada');
    const evil = '<img src=x onerror="alert(1)"><b>Bold</b>';
    const dom = built({ ...view, accounts: view.accounts.map((a) => ({ ...a, name: evil })) });
    expect(dom.querySelector('img, b')).toBeNull();
    expect([...dom.querySelectorAll('.name')].map((n) => n.textContent)).toContain(evil);
  });
});
