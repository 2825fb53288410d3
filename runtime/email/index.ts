// Email for every shell: facts from the core state (facts.ts), rendered in the reader's language and zone
// as plain text + HTML (notice.ts for R6, digest.ts for S7), signed unsubscribe links (token.ts) and the
// pages they open (page.ts). Pure: no I/O, no clock, no Node-only imports (the settings page uses it too).
import { renderDigest } from './digest.ts';
import type { RenderedEmail } from './document.ts';
import { renderNotice } from './notice.ts';
import type { DigestFacts, DigestLinks, NoticeFacts, NoticeLinks, Reader } from './types.ts';

export { type DigestContent, type DigestRow, digestContent, digestDocument, renderDigest } from './digest.ts';
export { type EmailDocument, escapeHtml, type RenderedEmail } from './document.ts';
export { digestFacts, type NameOf, noticeFacts, reportFacts } from './facts.ts';
export { LANGUAGES, type Language, languageOf, validTimeZone } from './i18n.ts';
export { noticeDocument, renderNotice } from './notice.ts';
export { type LinkPage, linkPage, type UnsubscribePage, unsubscribePage } from './page.ts';
export * from './token.ts';
export type * from './types.ts';

/** What an outbox entry carries: the facts of one email for one member. */
export type EmailFacts = NoticeFacts | DigestFacts;
export type EmailKind = EmailFacts['kind'];
export const EMAIL_KINDS: readonly EmailKind[] = [
  'reauth-reminder',
  'disconnect-alert',
  'digest',
  'monthly-report',
];

/** S7: digests and reports can be unsubscribed from; R6 reminders and alerts go to whoever the rule names. */
export const UNSUBSCRIBABLE: Readonly<Record<EmailKind, 'digest' | 'report' | null>> = {
  'reauth-reminder': null,
  'disconnect-alert': null,
  digest: 'digest',
  'monthly-report': 'report',
};

export type EmailLinks = NoticeLinks & DigestLinks;

export const isDigest = (facts: EmailFacts): facts is DigestFacts => UNSUBSCRIBABLE[facts.kind] !== null;

/** Any email from its facts; null when S7 says nothing is sent (a digest that is off, or lists no account). */
export function renderEmail(facts: EmailFacts, to: Reader, links: EmailLinks): RenderedEmail | null {
  return isDigest(facts) ? renderDigest(facts, to, links) : renderNotice(facts, to, links);
}
