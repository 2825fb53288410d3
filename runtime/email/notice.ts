// R6 reminders and disconnect alerts as email: which account, what happened or will happen and when (in
// the reader's language and zone), what that does to its scheduled posts (R3/R4/R5), who may act (R8) with
// a link into the flow, and why this reader receives it.
import { DAY, POLICY } from '../../core/policy.ts';
import type { AuthErrorReason, Network } from '../../core/schemas.ts';
import type { CatalogueKey } from './catalogue/en.ts';
import { type Block, type EmailDocument, type RenderedEmail, renderDocument } from './document.ts';
import { type Words, words } from './i18n.ts';
import type { NoticeFacts, NoticeLinks, Reader } from './types.ts';

export const NETWORK_KEY: Record<Network, CatalogueKey> = {
  facebook: 'networkFacebook',
  instagram: 'networkInstagram',
  x: 'networkX',
  linkedin: 'networkLinkedin',
  youtube: 'networkYoutube',
};

export const REASON_KEY: Record<AuthErrorReason, CatalogueKey> = {
  revoked: 'reasonRevoked',
  'token-expired': 'reasonTokenExpired',
  security: 'reasonSecurity',
  inactive: 'reasonInactive',
  deleted: 'reasonDeleted',
};

/** Names beyond this many are summed up as "and 4 more". */
const NAMES_SHOWN = 5;

export function names(w: Words, all: readonly string[]): string {
  if (all.length <= NAMES_SHOWN) return w.list(all);
  const rest = all.length - (NAMES_SHOWN - 1);
  return w.list([...all.slice(0, NAMES_SHOWN - 1), w.plural('namesMore', rest)]);
}

function interval(w: Words, network: Network): string {
  const rule = POLICY[network].reauth;
  const days = rule ? Math.round(rule.after / DAY) : 0;
  return w.t(rule?.from === 'activity' ? 'intervalInactivity' : 'intervalEvery', { days });
}

const p = (text: string): Block => ({ kind: 'paragraph', parts: [text] });

/** R8: the reader may act (and who is recommended), or whom to ask instead. */
function whoMayAct(w: Words, f: NoticeFacts, links: NoticeLinks): Block[] {
  const reminder = f.kind === 'reauth-reminder';
  const account = f.account.name;
  if (f.act.readerMay) {
    const blocks = [p(w.t(reminder ? 'actYouRefresh' : 'actYouReconnect'))];
    if (f.act.readerIsRecommended) blocks.push(p(w.t('actYouRecommended')));
    else if (f.act.recommended) blocks.push(p(w.t('actRecommended', { name: f.act.recommended })));
    blocks.push({
      kind: 'button',
      text: w.t(reminder ? 'buttonRefresh' : 'buttonReconnect', { account }),
      href: links.action,
      fallback: w.t('linkFallback', { url: links.action }),
    });
    return blocks;
  }
  if (!f.act.ask) return [p(w.t('actNobody'))];
  const key = reminder ? 'actCannotRefresh' : 'actCannotReconnect';
  const blocks = [p(w.t(key, { name: f.act.ask }))];
  if (f.act.names.length > 0) blocks.push(p(w.t('actWhoCan', { names: names(w, f.act.names) })));
  return blocks;
}

/** R6: the roles that made this reader a recipient, then the rule itself. */
function why(w: Words, f: NoticeFacts): Block[] {
  const reasons: string[] = [];
  if (f.why.connector) reasons.push(w.t('whyConnector', { account: f.account.name }));
  if (f.why.posts > 0) {
    reasons.push(w.plural(f.kind === 'reauth-reminder' ? 'whyAuthor' : 'whyAuthorAlert', f.why.posts));
  }
  if (f.why.superAdmin) reasons.push(w.t('whySuperAdmin', { team: f.team.name }));
  const blocks: Block[] = [];
  if (reasons.length > 0) {
    blocks.push({ kind: 'small', parts: [w.t('whyIntro', { reasons: w.list(reasons) })] });
  }
  blocks.push({ kind: 'small', parts: [w.t('whyRule')] });
  return blocks;
}

function reminderBody(w: Words, f: NoticeFacts, network: string): { lead: string; blocks: Block[] } {
  const due = f.reauthDueAt ?? f.at;
  const account = f.account.name;
  const lead = w.t('reminderDue', {
    network,
    interval: interval(w, f.account.network),
    account,
    date: w.dateTime(due),
  });
  const deadline = w.dateTime(f.reconnectDeadline);
  const posts =
    f.posts.count > 0
      ? w.plural('reminderPostsAtRisk', f.posts.count, { deadline })
      : w.t('reminderPostsNone');
  return { lead, blocks: [p(lead), p(posts), p(w.t('reminderRefreshSafe'))] };
}

function alertBody(w: Words, f: NoticeFacts, network: string): { lead: string; blocks: Block[] } {
  const reason = w.t(REASON_KEY[f.reason ?? 'revoked'], { network });
  const lead = w.t('alertWhat', { reason, date: w.dateTime(f.at) });
  const deadline = w.dateTime(f.reconnectDeadline);
  const blocks = [p(lead), p(w.t('alertNoWarning', { network }))];
  if (f.posts.count > 0) {
    blocks.push(p(w.plural('alertPostsCancelled', f.posts.count, { deadline })));
    if (f.posts.first !== null && f.posts.first > f.at) {
      blocks.push(p(w.t('alertFirstPost', { date: w.dateTime(f.posts.first) })));
    }
  } else {
    blocks.push(p(w.t('alertPostsNone')));
  }
  blocks.push(p(w.t('alertPublishedHidden')), p(w.t('alertLapse', { deadline })));
  return { lead, blocks };
}

export function noticeDocument(f: NoticeFacts, to: Reader, links: NoticeLinks): EmailDocument {
  const w = words(to.locale, to.timeZone);
  const network = w.t(NETWORK_KEY[f.account.network]);
  const account = f.account.name;
  const reminder = f.kind === 'reauth-reminder';
  const { lead, blocks } = (reminder ? reminderBody : alertBody)(w, f, network);
  const subject = reminder
    ? w.t('reminderSubject', { account, network, date: w.date(f.reauthDueAt ?? f.at) })
    : w.t('alertSubject', { account, network, deadline: w.date(f.reconnectDeadline) });
  return {
    lang: w.language,
    subject,
    preheader: lead,
    body: [
      p(w.t('greeting', { name: to.name })),
      { kind: 'heading', text: w.t(reminder ? 'reminderHeading' : 'alertHeading', { network, account }) },
      ...blocks,
      ...whoMayAct(w, f, links),
    ],
    footer: why(w, f),
  };
}

export function renderNotice(f: NoticeFacts, to: Reader, links: NoticeLinks): RenderedEmail {
  return renderDocument(noticeDocument(f, to, links));
}
