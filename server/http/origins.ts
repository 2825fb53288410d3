// Which browsers may call the API (CORS) and where consent results may be sent: extensions only.
// Chrome's identity.getRedirectURL() is https://<32 letters a-p>.chromiumapp.org/; Firefox's is
// https://<40 hex>.extensions.allizom.org/ (design.md).
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;
const REDIRECT = [
  /^https:\/\/[a-p]{32}\.chromiumapp\.org\//,
  /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\//,
  /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+\//i,
];

export const isExtensionOrigin = (origin: string) => EXTENSION_ORIGIN.test(origin);

export const isExtensionRedirect = (url: string) => url.length <= 500 && REDIRECT.some((r) => r.test(url));
