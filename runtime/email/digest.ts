// S7 as email: the inbox digest (daily / weekly) and the monthly report. Only accounts whose access is
// `everyone` (S2); interactions from Instagram and YouTube never count; new followers count only for X
// (core/policy.ts `digest`); a digest that is `off` renders nothing. The settings page's preview renders
// through the same functions (extension/components/DigestTab.tsx).
import { POLICY } from '../../core/policy.ts';
import { type Block, type EmailDocument, type RenderedEmail, renderDocument } from './document.ts';
import { type Words, words } from './i18n.ts';
import { NETWORK_KEY } from './notice.ts';
import type { DigestAccount, DigestCounts, DigestFacts, DigestLinks, Reader } from './types.ts';

/** One account as S7 counts it: null where the network's number is never part of the email. */
export interface DigestRow {
  account: DigestAccount;
  interactions: number | null;
  conversations: number | null;
  newFollowers: number | null;
}

export interface DigestContent {
  rows: DigestRow[];
  totals: DigestCounts & { published: number };
}

/**
 * S7's inclusion rules, in one place for the email, the report and the settings preview. Access is the
 * same test as core/views.ts `digestInclusion` (S2: anything but `everyone` is left out).
 */
export function digestContent(accounts: readonly DigestAccount[]): DigestContent {
  const totals = { interactions: 0, conversations: 0, newFollowers: 0, published: 0 };
  const rows: DigestRow[] = [];
  for (const account of accounts) {
    if (account.access !== 'everyone') continue;
    const rule = POLICY[account.network].digest;
    // Instagram and YouTube contribute no counter at all (seed 003: their interactions and activity are
    // not in social email notifications), so they get no row rather than a row of "not counted".
    if (!rule.interactions && !rule.followers) continue;
    const row: DigestRow = {
      account,
      interactions: rule.interactions ? account.counts.interactions : null,
      conversations: rule.interactions ? account.counts.conversations : null,
      newFollowers: rule.followers ? account.counts.newFollowers : null,
    };
    totals.interactions += row.interactions ?? 0;
    totals.conversations += row.conversations ?? 0;
    totals.newFollowers += row.newFollowers ?? 0;
    totals.published += account.published ?? 0;
    rows.push(row);
  }
  return { rows, totals };
}

const p = (text: string): Block => ({ kind: 'paragraph', parts: [text] });

function table(w: Words, rows: DigestRow[], report: boolean): Block {
  const cell = (n: number | null) => (n === null ? w.t('notCounted') : w.number(n));
  const head = [w.t('colAccount'), w.t('colNetwork')];
  if (report) head.push(w.t('colPublished'));
  head.push(w.t('colInteractions'), w.t('colConversations'), w.t('colFollowers'));
  return {
    kind: 'table',
    labels: 2,
    head,
    rows: rows.map((r) => [
      r.account.name,
      w.t(NETWORK_KEY[r.account.network]),
      ...(report ? [w.number(r.account.published ?? 0)] : []),
      cell(r.interactions),
      cell(r.conversations),
      cell(r.newFollowers),
    ]),
  };
}

/** The digest or report as blocks; null when S7 says nothing is sent (off, or no account it may count). */
export function digestDocument(f: DigestFacts, to: Reader, links: DigestLinks): EmailDocument | null {
  if (f.frequency === 'off') return null;
  const { rows, totals } = digestContent(f.accounts);
  if (rows.length === 0) return null;
  const w = words(to.locale, to.timeZone);
  const report = f.kind === 'monthly-report';
  const team = f.team.name;
  const counts = {
    interactions: w.number(totals.interactions),
    conversations: w.number(totals.conversations),
    followers: w.number(totals.newFollowers),
    published: w.number(totals.published),
  };
  const quiet = totals.interactions + totals.conversations + totals.newFollowers + totals.published === 0;
  const summary = w.t(report ? 'reportSummary' : 'digestSummary', counts);
  const period = report ? w.month(f.from) : f.frequency === 'daily' ? w.day(f.from) : w.days(f.from, f.to);
  const subject = report
    ? w.t('reportSubject', { team, month: period })
    : f.frequency === 'daily'
      ? w.t('digestSubjectDaily', { team, date: w.date(f.from) })
      : w.t('digestSubjectWeekly', { team, period });
  const frequency = w.t(f.frequency === 'daily' ? 'frequencyDaily' : 'frequencyWeekly');
  const unsubscribe = w.t(report ? 'linkUnsubscribeReport' : 'linkUnsubscribeDigest');
  return {
    lang: w.language,
    subject,
    preheader: summary,
    body: [
      p(w.t('greeting', { name: to.name })),
      { kind: 'heading', text: w.t(report ? 'reportHeading' : 'digestHeading', { period, month: period }) },
      p(summary),
      ...(quiet ? [p(w.t('digestQuiet'))] : []),
      table(w, rows, report),
      { kind: 'small', parts: [w.t('digestRules')] },
    ],
    footer: [
      { kind: 'small', parts: [report ? w.t('reportWhy', { team }) : w.t('digestWhy', { team, frequency })] },
      {
        kind: 'small',
        parts: [
          { text: w.t('linkSettings'), href: links.settings },
          ' · ',
          { text: unsubscribe, href: links.unsubscribe },
        ],
      },
    ],
  };
}

export function renderDigest(f: DigestFacts, to: Reader, links: DigestLinks): RenderedEmail | null {
  const doc = digestDocument(f, to, links);
  return doc && renderDocument(doc);
}
