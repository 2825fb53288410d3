// Where the extension is published, and the OAuth redirect URL each browser's build uses. A network's app
// settings must list the redirect URL of every browser the team uses (identity.launchWebAuthFlow ends on
// it), so the settings page shows both, not only the one of the browser it runs in.

/** The Firefox add-on id (wxt.config.ts puts it in the manifest): Firefox keys the add-on's storage and its
 * redirect URL to it, so it never changes once published. */
export const GECKO_ID = 'social-health@extension.invalid';

/**
 * The Chrome Web Store item id. Chrome derives an extension's id, and with it the redirect URL, from the
 * key the store holds, so it exists only once the item has been created in the store's dashboard (the
 * first upload): set it here then. Until then the Chrome URL is known only inside Chrome.
 */
export const CHROME_STORE_ID: string | null = null;

export type StoreBrowser = 'chrome' | 'firefox';

/** Product names: the same in every language. */
export const BROWSER_NAME: Record<StoreBrowser, string> = { chrome: 'Chrome', firefox: 'Firefox' };

export interface RedirectUrl {
  browser: StoreBrowser;
  /** null: not knowable from this browser yet (Chrome's before CHROME_STORE_ID is set). */
  url: string | null;
  /** The browser this page runs in (its URL is the browser's own answer). */
  current: boolean;
}

/** https://developer.chrome.com/docs/extensions/reference/api/identity#method-getRedirectURL */
export const chromeRedirectUrl = (extensionId: string) => `https://${extensionId}.chromiumapp.org/`;

/**
 * Firefox's identity.getRedirectURL(): the hex SHA-1 of the add-on id under extensions.allizom.org
 * (mozilla-central toolkit/components/extensions/parent/ext-identity.js, `computeHash`). The e2e suite
 * checks this against Firefox's own answer.
 */
export async function firefoxRedirectUrl(addonId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(addonId));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `https://${hex}.extensions.allizom.org/`;
}

/** Both browsers' redirect URLs; `own` is this browser's identity.getRedirectURL(). */
export async function redirectUrls(current: StoreBrowser, own: string): Promise<RedirectUrl[]> {
  return [
    {
      browser: 'chrome',
      current: current === 'chrome',
      url: current === 'chrome' ? own : CHROME_STORE_ID && chromeRedirectUrl(CHROME_STORE_ID),
    },
    {
      browser: 'firefox',
      current: current === 'firefox',
      url: current === 'firefox' ? own : await firefoxRedirectUrl(GECKO_ID),
    },
  ];
}
