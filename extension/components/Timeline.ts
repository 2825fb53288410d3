// The timeline drawn: one lane per account, status bands with a pattern and a word as well as a colour,
// markers with a shape per kind, and every band and marker a button with its whole story as its accessible
// name (rule id included) and as a tooltip on hover and focus. Selecting one zooms in on it; two sliders
// pick any range. Styles: timeline.css.
//
// Why plain HTML + CSS from Preact and no chart library: each band and marker must be a focusable element
// with an accessible name, which a canvas library (uPlot draws to <canvas>) cannot give, and the same
// markup must render to a string in Node for the HTML report. Positions are CSS custom properties (a
// fraction of the whole time, `--a`/`--b`) and the zoom is two more on the container (`--z0`/`--z1`), so
// the static report zooms by setting two properties from a few lines of script, with nothing to re-render.
//
// Written with `h()` rather than JSX: `npm run simulate` runs this file in Node, which strips TypeScript
// types but does not transform JSX. Every word comes from `words` (the browser's catalogue, or the English
// one read from disk), never from here.
import { type ComponentChild, Fragment, h } from 'preact';
import { useState } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { andList, type Clock, moment, shortDay } from '../lib/format.ts';
import type { MessageKey } from '../lib/i18n.ts';
import { OUTCOME_LABEL } from '../lib/log-text.ts';
import { NETWORK_LABEL, reasonText, STATUS_LABEL, type Translate } from '../lib/present.ts';
import {
  type Band,
  clampRange,
  cluster,
  type Marker,
  type MarkerKind,
  type Timeline,
} from '../lib/timeline.ts';

type PluralBase = 'tlCheck' | 'tlPublished' | 'tlCancelled' | 'tlRestored' | 'tlMissed' | 'tlLost';

export interface TimelineWords {
  t: Translate;
  plural: (key: PluralBase, count: number, ...rest: string[]) => string;
  clock: Clock;
}

export interface TimelineProps {
  timeline: Timeline;
  words: TimelineWords;
  /** Display names of users, for recipients. */
  users?: Readonly<Record<string, string>>;
  /** Prefix for element ids (two timelines on one page). */
  id: string;
  heading?: 'h2' | 'h3';
  /** An element whose text tells this timeline apart from another on the page (its region's name). */
  context?: string;
}

/** Marker shapes per kind, and which row of the lane they sit in (notifications, checks, posts). */
const ROW: Record<MarkerKind, number> = {
  reminder: 0,
  alert: 0,
  check: 1,
  published: 2,
  cancelled: 2,
  restored: 2,
  missed: 2,
  lost: 2,
};

const POST_WORDS: Record<Exclude<MarkerKind, 'reminder' | 'alert' | 'check'>, PluralBase> = {
  published: 'tlPublished',
  cancelled: 'tlCancelled',
  restored: 'tlRestored',
  missed: 'tlMissed',
  lost: 'tlLost',
};

/** The legend: each kind's word; checks split by what their outcome did (R2 refusal, R11 transient). */
const LEGEND: Array<[string, MessageKey]> = [
  ['reminder', 'tlKindReminder'],
  ['alert', 'tlKindAlert'],
  ['check ok', 'tlKindCheckOk'],
  ['check transient', 'tlKindCheckFailed'],
  ['check auth-error', 'tlKindCheckRefused'],
  ['published', 'tlKindPublished'],
  ['cancelled', 'tlKindCancelled'],
  ['restored', 'tlKindRestored'],
  ['missed', 'tlKindMissed'],
  ['lost', 'tlKindLost'],
];

const LETTER: Record<Network, string> = {
  facebook: 'f',
  instagram: 'IG',
  x: 'X',
  linkedin: 'in',
  youtube: '▶',
};

const SLIDER = 1000;
/** Markers closer than this share of the visible range merge (timeline.ts `cluster`). */
const RESOLUTION = 1 / 400;

const frac = (t: Timeline, at: number) => (at - t.from) / (t.to - t.from);
const num = (x: number) => x.toFixed(5);

/** At most about eight ticks: on the hour, day or week, or on the first of the month (UTC). */
function ticks(from: number, to: number): number[] {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const steps = [HOUR, 6 * HOUR, DAY, 7 * DAY];
  const step = steps.find((s) => (to - from) / s <= 8);
  const out: number[] = [];
  if (step) {
    for (let at = Math.ceil(from / step) * step; at <= to; at += step) out.push(at);
    return out;
  }
  const months = Math.max(1, Math.ceil((to - from) / (30 * DAY) / 8));
  const d = new Date(from);
  for (let m = d.getUTCMonth() + 1; ; m += months) {
    const at = Date.UTC(d.getUTCFullYear(), m, 1);
    if (at > to) return out;
    out.push(at);
  }
}

/** A band's story; the last one runs on past the end of the timeline ("since ..."). */
function bandText(
  b: Band,
  lane: Timeline['lanes'][number],
  w: TimelineWords,
  now: number,
  end: number,
): string {
  const status = w.t(STATUS_LABEL[b.status]);
  const from = moment(b.from, w.clock, now);
  const to = moment(b.to, w.clock, now);
  const reason = b.reason ? reasonText(b.reason, lane.network, w.t) : null;
  if (b.to >= end) return reason ? w.t('tlSinceReason', status, reason, from) : w.t('tlSince', status, from);
  return reason ? w.t('tlBandReason', status, reason, from, to) : w.t('tlBand', status, from, to);
}

function markerText(m: Marker, w: TimelineWords, now: number): string {
  const at = moment(m.at, w.clock, now);
  if (m.kind === 'reminder') return w.t('tlReminder', at);
  if (m.kind === 'alert') return w.t('tlAlert', at);
  if (m.kind === 'check') {
    const key = m.outcome ? OUTCOME_LABEL[m.outcome] : undefined;
    const outcome = key ? w.t(key) : (m.outcome ?? '');
    return w.plural('tlCheck', m.count, at, outcome);
  }
  return w.plural(POST_WORDS[m.kind], m.count, at);
}

const checkClass = (m: Marker) =>
  m.outcome === 'ok' ? 'ok' : m.outcome === 'auth-error' ? 'auth-error' : 'transient';

interface Item {
  cls: string;
  /** Its position: `--a` (and `--b` for a band), as fractions of the whole time. */
  style: string;
  label: string;
  /** Recipients, for notifications. */
  more?: string | null;
  rule: string;
  /** What it covers, and the range selecting it zooms to. */
  span: [number, number];
  zoom: [number, number];
  hidden: boolean;
  children?: ComponentChild[];
}

/**
 * A band or a marker: a button whose name tells its whole story with its rule id, and the tooltip that
 * repeats it for the eye on hover and focus. The tooltip is the button's sibling, above every band and
 * marker of every lane, so showing it never lifts the band over its own markers.
 */
function item(it: Item, w: TimelineWords, onZoom: (range: [number, number]) => void): ComponentChild {
  const name = `${it.label}${it.more ? `. ${it.more}` : ''} (${w.t('ruleTag', it.rule)})`;
  return h(
    Fragment,
    null,
    h(
      'button',
      {
        type: 'button',
        class: it.cls,
        style: it.style,
        'aria-label': name,
        // Outside the zoomed range: out of sight and out of the tab order.
        hidden: it.hidden,
        'data-span': `${it.span[0]} ${it.span[1]}`,
        'data-zoom': `${Math.round(it.zoom[0])} ${Math.round(it.zoom[1])}`,
        onClick: () => onZoom(it.zoom),
      },
      ...(it.children ?? []),
    ),
    h(
      'span',
      {
        class: `tl-tip${it.cls.includes('tl-right') ? ' tl-right' : ''}`,
        style: it.style,
        'aria-hidden': 'true',
      },
      it.label,
      it.more ? h('span', { class: 'tl-more' }, it.more) : null,
      h('span', { class: 'rule-tag' }, it.rule),
    ),
  );
}

export function TimelineView(props: TimelineProps): ComponentChild {
  const { timeline: tl, words: w, id } = props;
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [from, to] = zoom ? clampRange(tl, zoom[0], zoom[1]) : [tl.from, tl.to];
  const z0 = frac(tl, from);
  const z1 = frac(tl, to);
  const now = tl.to;
  const visible = (a: number, b: number) => b >= from && a <= to;
  const right = (at: number) => (at - from) / (to - from) > 0.6;
  const onZoom = (range: [number, number]) => setZoom(clampRange(tl, range[0], range[1]));
  const slider = (which: 'from' | 'to', value: number) =>
    h(
      'label',
      null,
      w.t(which === 'from' ? 'tlZoomFrom' : 'tlZoomTo'),
      h('input', {
        type: 'range',
        min: 0,
        max: SLIDER,
        value: Math.round(frac(tl, value) * SLIDER),
        'aria-valuetext': moment(value, w.clock, now),
        'data-zoom-edge': which,
        onInput: (e: Event) => {
          const at =
            tl.from + (Number((e.currentTarget as HTMLInputElement).value) / SLIDER) * (tl.to - tl.from);
          setZoom(
            which === 'from'
              ? clampRange(tl, Math.min(at, to), to)
              : clampRange(tl, from, Math.max(at, from)),
          );
        },
      }),
    );

  const lane = (l: Timeline['lanes'][number], i: number) => {
    const nameId = `${id}-lane-${i}`;
    const bands = l.bands.map((b) =>
      item(
        {
          cls: `tl-band ${b.status}`,
          style: `--a:${num(frac(tl, b.from))};--b:${num(frac(tl, b.to))}`,
          label: bandText(b, l, w, now, tl.to),
          rule: b.rule,
          span: [b.from, b.to],
          zoom: [b.from, b.to],
          hidden: !visible(b.from, b.to),
          children: [h('span', { class: 'tl-label', 'aria-hidden': 'true' }, w.t(STATUS_LABEL[b.status]))],
        },
        w,
        onZoom,
      ),
    );
    // Markers of different kinds at (nearly) one instant sit side by side in their row, not on top.
    const near = (to - from) / 100;
    const placed: Marker[] = [];
    const markers = cluster(l.markers, (to - from) * RESOLUTION).map((m) => {
      const n = placed.filter((p) => ROW[p.kind] === ROW[m.kind] && Math.abs(p.at - m.at) < near).length;
      placed.push(m);
      const kind = m.kind === 'check' ? `check ${checkClass(m)}` : m.kind;
      const pad = Math.max(m.until - m.at, (to - from) / 20);
      const recipients = m.recipients?.map((u) => props.users?.[u] ?? u);
      return item(
        {
          cls: `tl-marker ${kind} row-${ROW[m.kind]}${right(m.at) ? ' tl-right' : ''}`,
          style: `--a:${num(frac(tl, m.at))}${n ? `;--n:${n}` : ''}`,
          label: markerText(m, w, now),
          more: recipients?.length ? w.t('logSentTo', andList(recipients, w.clock.locale)) : null,
          rule: m.rule,
          span: [m.at, m.until],
          zoom: [m.at - pad / 2, m.until + pad / 2],
          hidden: !visible(m.at, m.until),
        },
        w,
        onZoom,
      );
    });
    return h(
      'li',
      { class: 'tl-lane', key: l.account },
      h(
        'span',
        { class: 'tl-name', id: nameId },
        h('span', { class: `net ${l.network}`, 'aria-hidden': 'true' }, LETTER[l.network]),
        h('span', { class: 'tl-account', title: l.name }, l.name),
        h('span', { class: 'tl-network' }, w.t(NETWORK_LABEL[l.network])),
      ),
      h('div', { class: 'tl-track', role: 'group', 'aria-labelledby': nameId }, ...bands, ...markers),
    );
  };

  return h(
    'section',
    {
      class: 'timeline',
      'aria-labelledby': props.context ? `${id}-h ${props.context}` : `${id}-h`,
      style: `--z0:${num(z0)};--z1:${num(z1)}`,
      // For the HTML report's few lines of zoom script (sim/report-html.ts).
      'data-from': tl.from,
      'data-to': tl.to,
      'data-locale': w.clock.locale,
      'data-zone': w.clock.timeZone,
    },
    h(props.heading ?? 'h2', { id: `${id}-h` }, w.t('tlHeading')),
    h('p', { class: 'hint' }, w.t('tlIntro')),
    h(
      'div',
      { class: 'tl-zoom', role: 'group', 'aria-label': w.t('tlZoom') },
      slider('from', from),
      slider('to', to),
      h('button', { type: 'button', 'data-zoom': 'all', onClick: () => setZoom(null) }, w.t('tlZoomAll')),
      h(
        'p',
        { class: 'tl-showing', role: 'status', 'data-template': w.t('tlShowing', '{from}', '{to}') },
        w.t('tlShowing', moment(from, w.clock, now), moment(to, w.clock, now)),
      ),
    ),
    tl.lanes.length === 0
      ? h('p', null, w.t('tlEmpty'))
      : h(
          'div',
          { class: 'tl-body' },
          h(
            'div',
            { class: 'tl-axis', 'aria-hidden': 'true' },
            ...ticks(from, to).map((at) =>
              h(
                'span',
                { class: 'tl-tick', style: `--a:${num(frac(tl, at))}`, 'data-span': `${at} ${at}` },
                to - from <= 2 * 86_400_000 ? moment(at, w.clock, now) : shortDay(at, w.clock, now),
              ),
            ),
          ),
          h('ul', { class: 'tl-lanes', 'aria-label': w.t('tlLanes') }, ...tl.lanes.map(lane)),
        ),
    h(
      'ul',
      { class: 'tl-legend', 'aria-label': w.t('tlLegend') },
      ...(['connected', 'reauth-soon', 'disconnected', 'lapsed'] as const).map((s) =>
        h(
          'li',
          null,
          h('span', { class: `tl-swatch tl-band ${s}`, 'aria-hidden': 'true' }),
          w.t(STATUS_LABEL[s]),
        ),
      ),
      ...LEGEND.map(([cls, key]) =>
        h('li', null, h('span', { class: `tl-swatch tl-marker ${cls}`, 'aria-hidden': 'true' }), w.t(key)),
      ),
    ),
  );
}
