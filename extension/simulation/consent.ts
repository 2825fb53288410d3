// The simulation's stand-in for browser.identity.launchWebAuthFlow: the extension's own consent page plays
// the network's consent screen. Allow follows the network's authorize URL for the account (MSW answers it
// inside this worker with a 302 to the redirect URL carrying code + state); Cancel follows it with the mock
// networks' deny switch, so the network's own "access denied" redirect comes back (mocks/handlers/consent.ts).
import { browser } from 'wxt/browser';
import type { MockWorld } from '../../mocks/world.ts';
import type { Launch } from '../background/auth-flow.ts';
import { t } from '../lib/i18n.ts';
import type { Reply } from '../lib/wire.ts';

/** Nobody answering for this long counts as a cancel, so the background never waits for ever. */
export const CONSENT_TIMEOUT_MS = 10 * 60 * 1000;

export interface ConsentLauncher {
  launch: Launch;
  answer(request: string, allow: boolean): Promise<Reply>;
}

export function createConsentLauncher(world: MockWorld): ConsentLauncher {
  const waiting = new Map<string, (allow: boolean) => void>();

  async function ask(request: string, page: string): Promise<boolean> {
    const tab = await browser.tabs.create({ url: page });
    return new Promise<boolean>((resolve) => {
      const done = (allow: boolean) => {
        waiting.delete(request);
        browser.tabs.onRemoved.removeListener(closed);
        clearTimeout(timer);
        resolve(allow);
      };
      const closed = (tabId: number) => {
        if (tabId === tab.id) done(false);
      };
      const timer = setTimeout(() => done(false), CONSENT_TIMEOUT_MS);
      browser.tabs.onRemoved.addListener(closed);
      waiting.set(request, done);
    });
  }

  const launch: Launch = async (url, account) => {
    const request = crypto.randomUUID();
    const identity = world.identity(account.id);
    const query = new URLSearchParams({
      request,
      network: account.network,
      name: identity?.name ?? account.id,
      handle: identity?.handle ?? '',
    });
    // consent.html exists in the simulation build only, so WXT's typed paths (from `wxt prepare`, which
    // resolves the production entrypoints) do not list it: resolve it against the extension's root.
    const page = new URL(`consent.html?${query}`, browser.runtime.getURL('/')).href;
    const allow = await ask(request, page);
    // The person consenting is the account's owner at the network (a different account is S4/R4 territory
    // for the simulator panel, which signs someone else in).
    world.signIn(account.network, account.id);
    const target = allow ? url : `${url}&mock_consent=deny`;
    const answer = await fetch(target, { redirect: 'manual' });
    const location = answer.headers.get('location');
    if (!location) throw new Error(`authorize answered HTTP ${answer.status} without a redirect`);
    return location;
  };

  return {
    launch,
    async answer(request, allow) {
      const resolve = waiting.get(request);
      if (!resolve) return { ok: false, message: t('consentExpired') };
      resolve(allow);
      return { ok: true };
    },
  };
}
