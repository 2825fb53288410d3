// The simulation's stand-in for browser.identity.launchWebAuthFlow: the extension's own consent page plays
// the network's consent screen. Its answer is the simulated world's (sim/world/networks.ts): Allow follows
// the network's authorize URL for the account (a 302 to the redirect URL with code + state), Cancel the
// network's own "access denied" redirect. The OAuth flow around it is runtime/flow.ts, the same in every
// shell; when it stops waiting (its timeout) the page nobody answered is closed.
import { browser } from 'wxt/browser';
import type { Network } from '../../core/schemas.ts';
import type { Launch } from '../../runtime/flow.ts';
import type { SimulatedNetworks } from '../../sim/world/networks.ts';
import { t } from '../lib/i18n.ts';
import type { Reply } from '../lib/wire.ts';

export interface ConsentLauncher {
  launch: Launch;
  answer(request: string, allow: boolean, as?: string): Promise<Reply>;
}

/** The team's accounts on a network, offered on a connect's consent page as who may sign in (issue #13). */
export type TeamAccounts = (network: Network) => Promise<Array<{ id: string; name: string }>>;

interface Answer {
  allow: boolean;
  as?: string;
}

export function createConsentLauncher(networks: SimulatedNetworks, team?: TeamAccounts): ConsentLauncher {
  const waiting = new Map<string, (answer: Answer) => void>();

  async function ask(request: string, page: string, signal: AbortSignal): Promise<Answer> {
    const tab = await browser.tabs.create({ url: page });
    return new Promise<Answer>((resolve) => {
      const done = (answer: Answer) => {
        waiting.delete(request);
        browser.tabs.onRemoved.removeListener(closed);
        signal.removeEventListener('abort', expired);
        resolve(answer);
      };
      const closed = (tabId: number) => {
        if (tabId === tab.id) done({ allow: false });
      };
      const expired = () => {
        done({ allow: false });
        if (tab.id !== undefined) browser.tabs.remove(tab.id).catch(() => undefined);
      };
      browser.tabs.onRemoved.addListener(closed);
      signal.addEventListener('abort', expired, { once: true });
      waiting.set(request, done);
    });
  }

  const launch: Launch = async (url, account, signal) => {
    const request = crypto.randomUUID();
    // A connect names a new account: the person at the network's consent page is a new network user, or
    // (the page lets the tester choose) one of the team's accounts there, which makes it a reconnect.
    const known = networks.world.identity(account.id);
    const identity = known ?? networks.world.addAccount(account);
    const others = known || !team ? [] : await team(account.network);
    const query = new URLSearchParams({
      request,
      network: account.network,
      name: identity.name,
      handle: identity.handle ?? '',
      ...(others.length ? { others: JSON.stringify(others) } : {}),
    });
    // consent.html exists in the simulation build only, so WXT's typed paths (from `wxt prepare`, which
    // resolves the production entrypoints) do not list it: resolve it against the extension's root.
    const page = new URL(`consent.html?${query}`, browser.runtime.getURL('/')).href;
    const { allow, as } = await ask(request, page, signal);
    // The person consenting is the account's owner at the network, or the team's account the connect's
    // page signed in as (only those it offered).
    const who = as && others.some((o) => o.id === as) ? { id: as, network: account.network } : account;
    return networks.consent(url, who, allow);
  };

  return {
    launch,
    async answer(request, allow, as) {
      const resolve = waiting.get(request);
      if (!resolve) return { ok: false, message: t('consentExpired') };
      resolve({ allow, ...(as ? { as } : {}) });
      return { ok: true };
    },
  };
}
