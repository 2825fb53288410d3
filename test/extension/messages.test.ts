// The message protocol: every message is parsed with zod; foreign senders and malformed messages are
// ignored (no reply at all), valid ones are handled and answered.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messageListener } from '../../extension/background/listen.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { parseRequest } from '../../extension/lib/protocol.ts';
import type { Reply } from '../../extension/lib/wire.ts';
import { acct, fakeNetwork, T0, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const OWN = { id: 'test-extension-id' };

async function setup() {
  const net = fakeNetwork(team([acct('fb-1', 'facebook')]));
  const store = new Store(await openHealthDb(freshDbName()));
  const bg = Background.open({ store, setup: net.setup, now: () => T0 });
  return { net, listener: messageListener(bg), bg: await bg };
}

function call(listener: ReturnType<typeof messageListener>, message: unknown, sender: { id?: string }) {
  const replies: Reply[] = [];
  const kept = listener(message, sender, (reply) => replies.push(reply));
  return { kept, replies };
}

beforeEach(() => void resetBrowser());

describe('parseRequest', () => {
  it.each([
    ['an unknown type', { type: 'explode' }],
    ['a missing field', { type: 'disconnect' }],
    ['a wrongly typed field', { type: 'disconnect', account: 42 }],
    ['an extra field (strict)', { type: 'wake', admin: true }],
    ['not an object', 'wake'],
    ['null', null],
  ])('rejects %s', (_, message) => {
    expect(parseRequest(message, OWN, OWN.id)).toBeNull();
  });

  it('accepts a well-formed request from this extension', () => {
    expect(parseRequest({ type: 'check-now', account: 'fb-1' }, OWN, OWN.id)).toEqual({
      type: 'check-now',
      account: 'fb-1',
    });
  });

  it('ignores a well-formed request from another extension or a web page', () => {
    expect(parseRequest({ type: 'wake' }, { id: 'someone-else' }, OWN.id)).toBeNull();
    expect(parseRequest({ type: 'wake' }, {}, OWN.id)).toBeNull();
  });
});

describe('runtime.onMessage listener', () => {
  it('R10: a disconnect from another extension is ignored: no reply, nothing changes', async () => {
    const { listener, bg } = await setup();
    const { kept, replies } = call(listener, { type: 'disconnect', account: 'fb-1' }, { id: 'evil' });
    await new Promise((r) => setTimeout(r, 10));
    expect(kept).toBeUndefined();
    expect(replies).toEqual([]);
    expect(bg.state.accounts.get('fb-1')!.status).toBe('connected');
  });

  it('a malformed message is ignored without a reply', async () => {
    const { listener } = await setup();
    const { kept, replies } = call(listener, { type: 'disconnect', account: '' }, OWN);
    expect(kept).toBeUndefined();
    expect(replies).toEqual([]);
  });

  it('a valid request from this extension is handled and answered asynchronously', async () => {
    const { listener, net, bg } = await setup();
    const { kept, replies } = call(listener, { type: 'check-now', account: 'fb-1' }, OWN);
    expect(kept).toBe(true); // Chrome keeps the channel open only when the listener returns true
    await vi.waitFor(() => expect(replies).toEqual([{ ok: true }]));
    expect(net.checked).toEqual(['fb-1']);
    expect(bg.state.accounts.get('fb-1')!.lastCheck?.outcome).toBe('ok');
  });

  it('set-current-user switches whose point of view the view takes, and refuses unknown users', async () => {
    const { listener, bg } = await setup();
    const ok = call(listener, { type: 'set-current-user', user: 'dee' }, OWN);
    await vi.waitFor(() => expect(ok.replies).toEqual([{ ok: true }]));
    expect(bg.currentUser).toBe('dee');
    expect((await bg.store.get('view'))!.me.id).toBe('dee');
    const bad = call(listener, { type: 'set-current-user', user: 'zed' }, OWN);
    await vi.waitFor(() =>
      expect(bad.replies).toEqual([{ ok: false, message: 'There is no user "zed" in this team.' }]),
    );
    expect(bg.currentUser).toBe('dee');
  });
});
