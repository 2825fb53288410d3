// @vitest-environment happy-dom
// The timeline as a person meets it: a lane (group) per account named after it, a band per status with its
// word, every band and marker a button reachable with Tab whose accessible name tells the whole story with
// its rule id, and zoom (select an item, or the sliders) that takes what is out of range out of sight and
// out of the tab order. English words from the extension's catalogue (sim/words.ts), times in UTC.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TimelineView } from '../../extension/components/Timeline.ts';
import type { Timeline } from '../../extension/lib/timeline.ts';
import { englishWords } from '../../sim/words.ts';

afterEach(cleanup);

const t = (iso: string) => Date.parse(iso);
const words = { ...englishWords(), clock: { locale: 'en-GB', timeZone: 'UTC' } };

/** scenario.md's LinkedIn example as the timeline model gives it (test/extension/timeline.test.ts). */
const TIMELINE: Timeline = {
  from: t('2026-01-01T00:00:00Z'),
  to: t('2026-03-17T00:00:00Z'),
  lanes: [
    {
      account: 'li-1',
      name: 'li-1',
      network: 'linkedin',
      bands: [
        {
          from: t('2026-01-01T00:00:00Z'),
          to: t('2026-01-10T01:00:00Z'),
          status: 'connected',
          reason: null,
          rule: 'R1',
        },
        {
          from: t('2026-01-10T01:00:00Z'),
          to: t('2026-03-11T01:00:00Z'),
          status: 'disconnected',
          reason: 'revoked',
          rule: 'R2',
        },
        {
          from: t('2026-03-11T01:00:00Z'),
          to: t('2026-03-15T00:00:00Z'),
          status: 'lapsed',
          reason: 'revoked',
          rule: 'R5',
        },
        {
          from: t('2026-03-15T00:00:00Z'),
          to: t('2026-03-17T00:00:00Z'),
          status: 'connected',
          reason: null,
          rule: 'R1',
        },
      ],
      markers: [
        {
          at: t('2026-01-10T01:00:00Z'),
          until: t('2026-01-10T01:00:00Z'),
          kind: 'alert',
          rule: 'R6',
          count: 1,
          recipients: ['ada', 'ben'],
        },
        {
          at: t('2026-01-10T01:00:00Z'),
          until: t('2026-01-10T01:00:00Z'),
          kind: 'check',
          rule: 'R2',
          count: 1,
          outcome: 'auth-error',
        },
        {
          at: t('2026-01-10T01:00:00Z'),
          until: t('2026-01-10T01:00:00Z'),
          kind: 'cancelled',
          rule: 'R3',
          count: 1,
        },
        {
          at: t('2026-03-11T01:00:00Z'),
          until: t('2026-03-11T01:00:00Z'),
          kind: 'lost',
          rule: 'R5',
          count: 3,
        },
      ],
    },
    {
      account: 'fb-1',
      name: 'Our Page',
      network: 'facebook',
      bands: [
        {
          from: t('2026-01-01T00:00:00Z'),
          to: t('2026-03-17T00:00:00Z'),
          status: 'connected',
          reason: null,
          rule: 'R1',
        },
      ],
      markers: [],
    },
  ],
};

const show = (timeline = TIMELINE) =>
  render(h(TimelineView, { timeline, words, id: 'tl', users: { ada: 'Ada Lovelace', ben: 'Ben Hur' } }));
const lane = (name: string) => screen.getByRole('group', { name: new RegExp(`^${name}`) });
const visibleButtons = (el: HTMLElement) =>
  within(el)
    .getAllByRole('button', { hidden: true })
    .filter((b) => !b.hasAttribute('hidden'));

describe('the timeline component', () => {
  it('has a lane per account, named after it, with a band per status stretch', () => {
    show();
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeTruthy();
    const li = lane('li-1');
    expect(li.querySelectorAll('.tl-band')).toHaveLength(4);
    expect([...li.querySelectorAll('.tl-band .tl-label')].map((b) => b.textContent)).toEqual([
      'Connected',
      'Disconnected',
      'Lapsed',
      'Connected',
    ]);
    expect(lane('Our Page').querySelectorAll('.tl-band')).toHaveLength(1);
  });

  it('R2/R5/R6: each band and marker tells its story and its rule id in its accessible name', () => {
    show();
    const li = lane('li-1');
    const names = within(li)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(
      expect.arrayContaining([
        'Disconnected (Access was revoked on LinkedIn) from 10 January at 01:00 to 11 March at 01:00 (rule R2)',
        // The last band runs on past the end of the timeline.
        'Connected since 15 March at 00:00 (rule R1)',
        'Lapsed (Access was revoked on LinkedIn) from 11 March at 01:00 to 15 March at 00:00 (rule R5)',
        'Disconnect alert sent on 10 January at 01:00. Sent to Ada Lovelace and Ben Hur. (rule R6)',
        'Check on 10 January at 01:00: refused by the network (rule R2)',
        '1 scheduled post cancelled on 10 January at 01:00 (rule R3)',
        '3 posts lost on 11 March at 01:00 (rule R5)',
      ]),
    );
    // The tooltip repeats it for the eye, with the rule as a tag.
    const alert = within(li).getByRole('button', { name: /^Disconnect alert/ });
    const tip = alert.nextElementSibling!;
    expect(tip.className).toBe('tl-tip');
    expect(tip.getAttribute('aria-hidden')).toBe('true');
    expect(tip.querySelector('.rule-tag')!.textContent).toBe('R6');
  });

  it('keyboard: every band and marker is a button in the tab order', () => {
    show();
    const buttons = [...document.querySelectorAll<HTMLElement>('.tl-band, .tl-marker')].filter(
      (b) => !b.closest('.tl-legend'),
    );
    expect(buttons).toHaveLength(9);
    for (const b of buttons) {
      expect(b.tagName).toBe('BUTTON');
      expect(b.tabIndex).toBe(0);
      expect(b.hasAttribute('hidden')).toBe(false);
    }
  });

  it('zoom: selecting a band shows only what overlaps it; "Show the whole time" brings everything back', () => {
    show();
    const li = lane('li-1');
    fireEvent.click(within(li).getByRole('button', { name: /^Lapsed/ }));
    expect(visibleButtons(li).map((b) => b.querySelector('.tl-label')?.textContent ?? b.className)).toEqual([
      'Disconnected',
      'Lapsed',
      'Connected',
      expect.stringContaining('lost'),
    ]);
    expect(screen.getByRole('status').textContent).toBe('Showing 11 March at 01:00 to 15 March at 00:00');
    const section = document.querySelector<HTMLElement>('.timeline')!;
    expect(section.getAttribute('style')).toMatch(/--z0: ?0\.9\d+; ?--z1: ?0\.97\d+/);
    fireEvent.click(screen.getByRole('button', { name: 'Show the whole time' }));
    expect(visibleButtons(li)).toHaveLength(8);
  });

  it('zoom: the sliders pick the range, each saying its date', () => {
    show();
    const from = screen.getByRole('slider', { name: 'From' });
    fireEvent.input(from, { target: { value: '500' } });
    expect(from.getAttribute('aria-valuetext')).toBe('7 February at 12:00');
    const li = lane('li-1');
    expect(visibleButtons(li).some((b) => b.className.includes('alert'))).toBe(false);
    expect(visibleButtons(li).some((b) => b.className.includes('lost'))).toBe(true);
  });

  it('R4: markers of one row at one instant sit side by side, not on top of each other', () => {
    const at = t('2026-03-15T00:00:00Z');
    const lanes = [
      {
        ...TIMELINE.lanes[1]!,
        markers: [
          { at, until: at, kind: 'restored' as const, rule: 'R4' as const, count: 1 },
          { at, until: at, kind: 'missed' as const, rule: 'R4' as const, count: 1 },
          { at, until: at, kind: 'check' as const, rule: 'R11' as const, count: 1, outcome: 'ok' as const },
        ],
      },
    ];
    show({ ...TIMELINE, lanes });
    const shift = (cls: string) => document.querySelector(`.tl-marker.${cls}`)!.getAttribute('style');
    expect(shift('restored')).not.toContain('--n');
    expect(shift('missed')).toMatch(/--n: ?1/);
    // A check sits in a row of its own.
    expect(shift('check')).not.toContain('--n');
  });

  it('has a legend naming every status and marker kind', () => {
    show();
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Connected',
      'Reauthorize soon',
      'Disconnected',
      'Lapsed',
      'Reminder',
      'Alert',
      'Check: ok',
      'Check failed, status unchanged',
      'Check refused by the network',
      'Published',
      'Cancelled',
      'Scheduled again',
      'Missed',
      'Lost',
    ]);
  });
});
