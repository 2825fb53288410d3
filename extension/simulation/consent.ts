// The simulation's stand-in for browser.identity.launchWebAuthFlow: the extension's own consent page plays
// the network's consent screen. Its answer is the simulated world's (sim/world/networks.ts): Allow follows
// the network's authorize URL for the account (a 302 to the redirect URL with code + state), Cancel the
// network's own "access denied" redirect. The OAuth flow around it is runtime/flow.ts, the same in every
// shell; when it stops waiting (its timeout) the page nobody answered is closed.
import { browser } from 'wxt/browser';
import type { Launch } from '../../runtime/flow.ts';
import type { SimulatedNetworks } from '../../sim/world/networks.ts';
import { t } from '../lib/i18n.ts';
import type { Reply } from '../lib/wire.ts';

export interface ConsentLauncher {
  launch: Launch;
  answer(request: string, allow: boolean): Promise<Reply>;
}

export function createConsentLauncher(networks: SimulatedNetworks): ConsentLauncher {
  const waiting = new Map<string, (allow: boolean) => void>();

  async function ask(request: string, page: string, signal: AbortSignal): Promise<boolean> {
    const tab = await browser.tabs.create({ url: page });
    return new Promise<boolean>((resolve) => {
      const done = (allow: boolean) => {
        waiting.delete(request);
        browser.tabs.onRemoved.removeListener(closed);
        signal.removeEventListener('abort', expired);
        resolve(allow);
      };
      const closed = (tabId: number) => {
        if (tabId === tab.id) done(false);
      };
      const expired = () => {
        done(false);
        if (tab.id !== undefined) browser.tabs.remove(tab.id).catch(() => undefined);
      };
      browser.tabs.onRemoved.addListener(closed);
      signal.addEventListener('abort', expired, { once: true });
      waiting.set(request, done);
    });
  }

  const launch: Launch = async (url, account, signal) => {
    const request = crypto.randomUUID();
    const identity = networks.world.identity(account.id);
    const query = new URLSearchParams({
      request,
      network: account.network,
      name: identity?.name ?? account.id,
      handle: identity?.handle ?? '',
    });
    // consent.html exists in the simulation build only, so WXT's typed paths (from `wxt prepare`, which
    // resolves the production entrypoints) do not list it: resolve it against the extension's root.
    const page = new URL(`consent.html?${query}`, browser.runtime.getURL('/')).href;
    const allow = await ask(request, page, signal);
    // The person consenting is the account's owner at the network (a different account is S4/R4 territory
    // for the simulator panel, which signs someone else in).
    return networks.consent(url, account, allow);
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
