// The API hosts the adapters call from the service worker (MV3 needs host permission for cross-origin
// fetches). Consent pages are not here: launchWebAuthFlow opens them itself. A test checks that every
// endpoint in adapters/*.ts is covered, so a new endpoint cannot ship without its permission.
export const API_HOSTS = [
  'https://graph.facebook.com/*',
  'https://graph.instagram.com/*',
  'https://api.instagram.com/*',
  'https://api.x.com/*',
  'https://www.linkedin.com/*',
  'https://api.linkedin.com/*',
  'https://oauth2.googleapis.com/*',
  'https://www.googleapis.com/*',
] as const;
