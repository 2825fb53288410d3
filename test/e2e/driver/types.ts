// The few things the end-to-end journeys need from a browser, so one journey runs in Chromium (playwright-core
// over CDP, ./chromium.ts) and in Firefox (puppeteer-core over WebDriver BiDi, ./firefox.ts). Everything a
// journey asks of a page's content (roles, names, text) runs inside the page (../page.ts), the same code in
// both browsers; a driver only opens tabs, evaluates, clicks and types with real input, and takes pictures.

export type BrowserName = 'chromium' | 'firefox';
export type Mode = 'simulation' | 'production';

/** An evaluated function: serialised to the page, so it may use only its argument and the page's globals. */
export type InPage<A, R> = (arg: A) => R | Promise<R>;

export interface Tab {
  /** Runs `fn(arg)` in the page (its main world: extension APIs included) and returns its JSON result. */
  evaluate<A, R>(fn: InPage<A, R>, arg: A): Promise<R>;
  /** Evaluates a script's source in the page (injecting a library; CSP does not apply to the driver). */
  inject(source: string): Promise<void>;
  /** Clicks, with the browser's real mouse input, the element `find(arg)` returns. */
  click<A>(find: InPage<A, Element | null>, arg: A): Promise<void>;
  /** Presses a key (`Enter`, `Tab`, ...) on whatever has the focus. */
  press(key: string): Promise<void>;
  /** Reloads the page and waits until it has loaded. */
  reload(): Promise<void>;
  /** Saves a PNG of the whole page, or (`fullPage: false`) of what the viewport shows. */
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Resizes the viewport (CSS pixels), as a window or a popup of that size. */
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
  isClosed(): boolean;
  /** Uncaught errors the page threw so far (a failing journey names them). */
  readonly errors: string[];
}

export interface LaunchOptions {
  /** The built extension's folder. */
  dir: string;
  /** The browser's UI language (a BCP 47 tag): what `i18n.getUILanguage()` answers and picks the catalogue. */
  locale?: string;
  /** Reuse a profile (IndexedDB survives a relaunch); default a fresh temporary one. */
  profile?: string;
  /** `prefers-color-scheme` for every page; default the browser's (light). */
  colorScheme?: 'light' | 'dark';
}

export interface Session {
  readonly browser: BrowserName;
  /** The browser and its version as its user agent says, e.g. "Chrome/140.0.7339.185", "Firefox/153.0". */
  readonly version: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly origin: string;
  /**
   * A new tab on an extension page (`popup.html`, `options.html?x=1`, ...), or on an absolute URL
   * (`file:///…/report.html`), once it has loaded.
   */
  open(path: string): Promise<Tab>;
  /** The tab that `trigger` makes the extension open (e.g. the consent page after a Reconnect click). */
  tabOpenedBy(trigger: () => Promise<unknown>): Promise<Tab>;
  /**
   * Restarts the extension's background so that it starts again from what it stored, with `rewrite` (which
   * changes that store) run where the background cannot overwrite it: while it is stopped (Chromium stops
   * the service worker, as it does an idle one; the next message starts it), or right before the add-on
   * reloads (Firefox: `reload` calls runtime.reload() from an extension page already open, since a page
   * opened for it would wake the background first). The extension's open pages may close.
   */
  restartBackground(rewrite: () => Promise<void>, reload: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export type Launch = (options: LaunchOptions) => Promise<Session>;

/** Every tab starts at this size: a popup's width, a little taller than the 600 px Chrome allows one. */
export const VIEWPORT = { width: 480, height: 720 };

/** `path` as a URL: an absolute URL as it is, else a page of the extension at `origin`. */
export const pageUrl = (origin: string, path: string) =>
  /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : origin + path;

/** "Chrome/140.0.7339.185" out of a user agent string. */
export function userAgentVersion(userAgent: string, product: 'Chrome' | 'Firefox'): string {
  return userAgent.match(new RegExp(`${product}/[\\d.]+`))?.[0] ?? `${product} (${userAgent})`;
}
