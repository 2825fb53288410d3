// Shared by the popup's tests: a team with an account in every status, its view from one user's point of
// view, and a source that records what the popup asks of the background and answers as told.
import { render } from '@testing-library/preact';
import type { Account, State } from '../../core/index.ts';
import { buildView } from '../../extension/background/view.ts';
import { App, type PopupSource } from '../../extension/components/App.tsx';
import type { Request } from '../../extension/lib/protocol.ts';
import type { PopupView } from '../../extension/lib/types.ts';
import type { Reply } from '../../extension/lib/wire.ts';
import { acct, days, T0, team } from './fixtures.ts';

export const everyStatus = () =>
  team(
    [
      acct('fb-1', 'facebook'),
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-18), reason: 'revoked' }),
      acct('ig-1', 'instagram', { connectedAt: days(-85) }),
      acct('yt-1', 'youtube', { connectedBy: 'ben', access: 'private' }),
    ],
    {
      posts: [
        { id: 'p1', account: 'li-1', state: 'scheduled', at: days(5), author: 'ben' },
        { id: 'p2', account: 'li-1', state: 'scheduled', at: days(6), author: 'ben' },
        { id: 'p3', account: 'li-1', state: 'scheduled', at: days(7), author: 'ben' },
        { id: 'p4', account: 'fb-1', state: 'scheduled', at: days(2), author: 'ben' },
        { id: 'p5', account: 'fb-1', state: 'scheduled', at: days(3), author: 'ben' },
      ],
    },
  );

/** `state` with account `id` changed by `patch`; a new `patch.id` adds a changed copy beside it. */
export function patchAccount(state: State, id: string, patch: Partial<Account>): State {
  const account = { ...state.accounts.get(id)!, ...patch };
  return { ...state, accounts: state.accounts.set(account.id, account) };
}

export function viewOf(state: State, me = 'ada'): PopupView {
  return buildView({ state, me, now: T0, mode: 'production', sweep: null, notice: null });
}

/** `reply` may also answer later or reject (a service worker that stopped mid-request). */
export function fakeSource(
  view: PopupView | undefined,
  reply: (r: Request) => Reply | Promise<Reply> = () => ({ ok: true }),
) {
  const sent: Request[] = [];
  let onChange = () => {};
  const source: PopupSource & {
    sent: Request[];
    current: PopupView | undefined;
    change(v: PopupView): void;
  } = {
    sent,
    current: view,
    load: async () => source.current,
    send: async (request) => {
      sent.push(request);
      return reply(request);
    },
    subscribe(fn) {
      onChange = fn;
      return () => {};
    },
    change(next) {
      source.current = next;
      onChange();
    },
    now: () => T0,
    locale: 'en-GB',
  };
  return source;
}

export function show(view: PopupView, focus: string | null = null, reply?: (r: Request) => Reply) {
  const source = fakeSource(view, reply);
  render(<App source={source} initial={view} focus={focus} />);
  return source;
}
