// The pages an unsubscribe link opens, in the reader's language. RFC 8058: a GET must not unsubscribe
// (mail scanners and link previews fetch every link), so the GET shows one button that POSTs; a mail
// client's own one-click button POSTs `List-Unsubscribe=One-Click` to the same address directly.
import type { Network } from '../../core/schemas.ts';
import type { CatalogueKey } from './catalogue/en.ts';
import { escapeHtml, safeHref } from './document.ts';
import { words } from './i18n.ts';
import { NETWORK_KEY } from './notice.ts';
import type { UnsubscribeKind } from './token.ts';

export type UnsubscribePage =
  /** A genuine link, opened in a browser: ask, with a button that POSTs to `action`. */
  | { state: 'confirm'; kind: UnsubscribeKind; team: string; action: string }
  | { state: 'done'; kind: UnsubscribeKind; team: string }
  | { state: 'invalid' | 'expired' };

const WHAT: Record<UnsubscribeKind, CatalogueKey> = { digest: 'whatDigest', report: 'whatReport' };

const BOX =
  "max-width:480px;margin:48px auto;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,sans-serif";
const TEXT = 'font-size:16px;line-height:1.5;color:#1f2937';
const BUTTON =
  'background:#1d4ed8;color:#ffffff;border:0;border-radius:6px;padding:12px 20px;font-size:15px;font-weight:600;cursor:pointer';

/** A whole HTML page: inline styles only, no script, so the server can send a CSP of `default-src 'none'`. */
export function unsubscribePage(locale: string, page: UnsubscribePage): string {
  const w = words(locale, null);
  const p = (text: string, role = '') => `<p${role} style="${TEXT}">${escapeHtml(text)}</p>`;
  let body: string;
  switch (page.state) {
    case 'invalid':
      body = p(w.t('unsubscribeInvalid'));
      break;
    case 'expired':
      body = p(w.t('unsubscribeExpired'));
      break;
    case 'done':
      body = p(w.t('unsubscribeDone', { what: w.t(WHAT[page.kind]), team: page.team }), ' role="status"');
      break;
    case 'confirm':
      body =
        p(w.t('unsubscribeQuestion', { what: w.t(WHAT[page.kind]), team: page.team })) +
        `<form method="post" action="${escapeHtml(safeHref(page.action))}">` +
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">' +
        `<button type="submit" style="${BUTTON}">${escapeHtml(w.t('unsubscribeButton'))}</button></form>`;
  }
  return shell(w.language, w.t('unsubscribeTitle'), body);
}

/** Where the other links in an email lead on the server: the email settings, a reconnect link's outcome. */
export type LinkPage =
  | { state: 'settings' }
  | { state: 'reconnect-invalid' | 'reconnect-expired' }
  | { state: 'reconnected'; account: string; network: Network }
  | { state: 'not-reconnected'; account: string; reason: string };

export function linkPage(locale: string, page: LinkPage): string {
  const w = words(locale, null);
  const p = (text: string) => `<p role="status" style="${TEXT}">${escapeHtml(text)}</p>`;
  if (page.state === 'settings') return shell(w.language, w.t('linkSettings'), p(w.t('settingsWhere')));
  const text =
    page.state === 'reconnected'
      ? w.t('reconnectDone', { account: page.account, network: w.t(NETWORK_KEY[page.network]) })
      : page.state === 'not-reconnected'
        ? w.t('reconnectFailed', { account: page.account, reason: page.reason })
        : w.t(page.state === 'reconnect-expired' ? 'reconnectExpired' : 'reconnectInvalid');
  return shell(w.language, w.t('reconnectTitle'), p(text));
}

/** A whole page around `body` (already HTML): inline styles only, no script. */
function shell(lang: string, heading: string, body: string): string {
  const title = escapeHtml(heading);
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>` +
    `<body style="margin:0;background:#f3f4f6"><main style="${BOX}"><h1 style="font-size:22px;color:#111827">${title}</h1>` +
    `${body}</main></body></html>`
  );
}
