// `npm run simulate -- FILE --html report.html`: the run as a page people would rather look at than read.
// One self-contained file (opens from disk, no network): the timeline (extension/components/Timeline.ts,
// the simulator panel's own), the final state of every account and the notifications, with the extension's
// English words and every instant in UTC. Styles are inlined; a few lines of script make the zoom sliders
// work (hover and focus details are CSS). The JSON report on stdout is untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { TimelineView, type TimelineWords } from '../extension/components/Timeline.ts';
import { type Clock, moment } from '../extension/lib/format.ts';
import { OUTCOME_LABEL } from '../extension/lib/log-text.ts';
import { NETWORK_LABEL, reasonText, STATUS_LABEL } from '../extension/lib/present.ts';
import { timelineFromReport } from '../extension/lib/timeline.ts';
import type { Report, ReportSnapshot } from './report.ts';
import type { Scenario } from './scenario.ts';
import { englishWords, type Words } from './words.ts';

const CLOCK: Clock = { locale: 'en-GB', timeZone: 'UTC' };
const STYLES = ['../extension/components/style.css', '../extension/components/timeline.css'];

/** What the page adds to the extension's styles: the report is a wide page of its own. */
const PAGE_CSS = `main.report{max-width:none;padding:1rem 1.5rem}main.report h2{font-size:15px;margin-top:1.5rem}
main.report td,main.report th{white-space:nowrap}main.report td.wrap{white-space:normal}`;

/**
 * The zoom for the static page: the same CSS custom properties Preact sets in the panel (Timeline.ts).
 * Sliders pick the range, a band or marker zooms to itself, items outside the range leave the tab order.
 */
const ZOOM_SCRIPT = `for(const tl of document.querySelectorAll('.timeline')){
const f=+tl.dataset.from,t=+tl.dataset.to,n=t-f,[lo,hi]=tl.querySelectorAll('input[type=range]'),out=tl.querySelector('.tl-showing');
const d=new Intl.DateTimeFormat(tl.dataset.locale,{day:'numeric',month:'long',hour:'2-digit',minute:'2-digit',timeZone:tl.dataset.zone||undefined});
const set=(a,b)=>{a=Math.max(f,Math.min(a,t-6e4));b=Math.min(t,Math.max(b,a+6e4));
tl.style.setProperty('--z0',(a-f)/n);tl.style.setProperty('--z1',(b-f)/n);
lo.value=Math.round((a-f)/n*1e3);hi.value=Math.round((b-f)/n*1e3);lo.setAttribute('aria-valuetext',d.format(a));hi.setAttribute('aria-valuetext',d.format(b));
out.textContent=out.dataset.template.replace('{from}',d.format(a)).replace('{to}',d.format(b));
for(const el of tl.querySelectorAll('[data-span]')){const[x,y]=el.dataset.span.split(' ').map(Number);el.hidden=y<a||x>b}};
let a=f,b=t;lo.oninput=()=>set(a=Math.min(f+lo.value/1e3*n,b),b);hi.oninput=()=>set(a,b=Math.max(f+hi.value/1e3*n,a));
tl.addEventListener('click',(e)=>{const z=e.target.closest('[data-zoom]');if(!z)return;
if(z.dataset.zoom==='all')set(a=f,b=t);else{const[x,y]=z.dataset.zoom.split(' ').map(Number);set(a=x,b=y)}})}`;

function timelineWords(words: Words): TimelineWords {
  return { t: words.t, plural: words.plural, clock: CLOCK };
}

const when = (iso: string | null, w: Words) => (iso ? moment(Date.parse(iso), CLOCK, 0) : w.t('reportNone'));

/** Only the post counts that are not zero: "scheduled 1, missed 1, published 1". */
function posts(a: ReportSnapshot, w: Words): string {
  const counts = (['scheduled', 'cancelled', 'missed', 'published', 'lost'] as const)
    .filter((k) => a.posts[k] > 0)
    .map((k) => w.t(POST_COUNT[k], a.posts[k]));
  return counts.length ? list(counts, 'unit') : w.t('reportNone');
}
const POST_COUNT = {
  scheduled: 'reportScheduled',
  cancelled: 'reportCancelled',
  missed: 'reportMissed',
  published: 'reportPublished',
  lost: 'reportLost',
} as const;
const list = (items: string[], type: 'unit' | 'conjunction') =>
  new Intl.ListFormat(CLOCK.locale, { type, style: 'long' }).format(items);

function finalTable(accounts: ReportSnapshot[], w: Words) {
  const cell = (text: string, wrap = false) => h('td', wrap ? { class: 'wrap' } : null, text);
  const dates = (a: ReportSnapshot) =>
    a.status === 'disconnected' && a.reconnectDeadline
      ? w.t('reportReconnectBy', when(a.reconnectDeadline, w))
      : a.reauthDueAt
        ? w.t('reportReauthDue', when(a.reauthDueAt, w))
        : w.t('reportNone');
  const check = (a: ReportSnapshot) => {
    const key = a.lastCheck ? OUTCOME_LABEL[a.lastCheck.outcome] : undefined;
    return a.lastCheck && key ? w.t('reportCheck', w.t(key), when(a.lastCheck.at, w)) : w.t('reportNone');
  };
  return h(
    'table',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...(
          [
            'colAccount',
            'colNetwork',
            'colStatus',
            'colReason',
            'colDates',
            'colPosts',
            'colLastCheck',
          ] as const
        ).map((k) => h('th', { scope: 'col' }, w.t(k))),
      ),
    ),
    h(
      'tbody',
      null,
      ...accounts.map((a) =>
        h(
          'tr',
          { 'data-status': a.status },
          h('th', { scope: 'row' }, a.id),
          cell(w.t(NETWORK_LABEL[a.network])),
          h('td', null, h('span', { class: `status ${a.status}` }, w.t(STATUS_LABEL[a.status]))),
          cell(a.reason ? reasonText(a.reason, a.network, w.t) : w.t('reportNone'), true),
          cell(dates(a)),
          cell(posts(a, w), true),
          cell(check(a)),
        ),
      ),
    ),
  );
}

function notifications(report: Report, w: Words) {
  const sent = report.steps.flatMap((s) => s.notifications);
  if (sent.length === 0) return h('p', null, w.t('reportNoNotifications'));
  return h(
    'table',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...(['simWhen', 'colKind', 'colAccount', 'colRecipients'] as const).map((k) =>
          h('th', { scope: 'col' }, w.t(k)),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      ...sent.map((n) =>
        h(
          'tr',
          { 'data-kind': n.kind },
          h('td', null, when(n.at, w)),
          h('td', null, w.t(n.kind === 'reauth-reminder' ? 'tlKindReminder' : 'tlKindAlert')),
          h('th', { scope: 'row' }, n.account),
          h('td', { class: 'wrap' }, list(n.recipients, 'conjunction')),
        ),
      ),
    ),
  );
}

export interface HtmlInput {
  scenario: Pick<Scenario, 'name' | 'start'>;
  report: Report;
  /** Every account at the scenario's start, before its first step. */
  initial: ReportSnapshot[];
}

/** The whole page as one string. Deterministic: the same run gives the same bytes. */
export function htmlReport({ scenario, report, initial }: HtmlInput, words: Words = englishWords()): string {
  const start = Date.parse(scenario.start);
  const end = Date.parse(report.final.at);
  const timeline = timelineFromReport({ initial, steps: report.steps, start, end });
  const css = STYLES.map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('\n') + PAGE_CSS;
  const title = words.t('reportTitle', scenario.name);
  const refused = report.steps.filter((s) => s.rejected).length;
  const page = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'color-scheme', content: 'light dark' }),
      h('title', null, title),
      h('style', { dangerouslySetInnerHTML: { __html: css } }),
    ),
    h(
      'body',
      null,
      h(
        'main',
        { class: 'simulator report' },
        h('h1', null, title),
        h(
          'p',
          null,
          words.t(
            'reportRange',
            moment(start, CLOCK, 0),
            moment(end, CLOCK, 0),
            'UTC',
            report.steps.length,
            refused,
          ),
        ),
        h(TimelineView, { timeline, words: timelineWords(words), id: 'tl', heading: 'h2' }),
        h(
          'section',
          { 'aria-labelledby': 'final-h' },
          h('h2', { id: 'final-h' }, words.t('reportFinal')),
          finalTable(report.final.accounts, words),
        ),
        h(
          'section',
          { 'aria-labelledby': 'notifications-h' },
          h('h2', { id: 'notifications-h' }, words.t('reportNotifications')),
          notifications(report, words),
        ),
      ),
      h('script', { dangerouslySetInnerHTML: { __html: ZOOM_SCRIPT } }),
    ),
  );
  return `<!doctype html>\n${render(page)}\n`;
}

/** The accounts at the scenario's start, as the report writes them (the mocks give them their identities). */
export async function initialAccounts(scenario: Scenario): Promise<ReportSnapshot[]> {
  const [{ initialState, SIM_SEED }, { createWorld }, { accountsAt }] = await Promise.all([
    import('./world/team.ts'),
    import('../mocks/world.ts'),
    import('./report.ts'),
  ]);
  const start = Date.parse(scenario.start);
  const world = createWorld({ now: () => start, seed: SIM_SEED, logCalls: false });
  return accountsAt(initialState(scenario, world), start);
}

/** `--html PATH` (or `--html=PATH`) taken out of the arguments, so the rest parse as before. */
export function htmlOption(argv: string[]): { path: string | null; rest: string[] } {
  const i = argv.findIndex((a) => a === '--html' || a.startsWith('--html='));
  if (i < 0) return { path: null, rest: argv };
  const arg = argv[i]!;
  const inline = arg.startsWith('--html=');
  const path = inline ? arg.slice('--html='.length) : (argv[i + 1] ?? '');
  // Without a path, `--html` stays in the arguments: the caller's usage message names it as unknown.
  if (!path || path.startsWith('--')) return { path: null, rest: argv };
  return { path, rest: argv.filter((_, j) => j !== i && (inline || j !== i + 1)) };
}

/** Writes the page for a finished run; false (with the reason on stderr) when the file cannot be written. */
export async function writeHtmlReport(path: string, scenario: Scenario, report: Report): Promise<boolean> {
  const html = htmlReport({ scenario, report, initial: await initialAccounts(scenario) });
  try {
    writeFileSync(path, html);
    return true;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    process.stderr.write(`${path}: cannot write the HTML report (${why}); check that its folder exists.\n`);
    return false;
  }
}
