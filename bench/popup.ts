// (a) The popup's time to first meaningful render with 1,000 accounts in IndexedDB, beside a blank page of
// the same extension in the same browser, alternating, each opened fresh in a new tab: from navigation
// start to the popup's `popup-rendered` mark (set right after the first render, with the first rows of
// the list in the DOM; IndexedDB open and read included) vs. to the blank page's one-line module script.
import type { LaunchedExtension } from '../scripts/chromium.ts';
import { marks } from './browser.ts';
import { type Figure, median } from './report.ts';

const ROUNDS = 25;
const WARM_UP = 2;
const settle = () => new Promise((r) => setTimeout(r, 1000));

export async function popupFigures(ext: LaunchedExtension, accounts: number, label = ''): Promise<Figure[]> {
  const popup: number[] = [];
  const own: number[] = [];
  const read: number[] = [];
  const blank: number[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const measure = async (which: 'popup' | 'blank') => {
      if (which === 'blank') {
        const [t] = await marks(ext, 'blank.html', ['blank-rendered']);
        if (round >= WARM_UP) blank.push(t!);
      } else {
        const [start, renderStart, rendered] = await marks(ext, 'popup.html', [
          'popup-start',
          'popup-render-start',
          'popup-rendered',
        ]);
        if (round >= WARM_UP) {
          popup.push(rendered!);
          own.push(rendered! - start!);
          read.push(renderStart! - start!);
        }
      }
      // The popup wakes the background, which rebuilds the view: let it finish before the next page.
      await settle();
    };
    // Alternate the order, so neither page always runs right after the other's background work.
    for (const which of round % 2 ? (['blank', 'popup'] as const) : (['popup', 'blank'] as const))
      await measure(which);
  }
  const p = median(popup);
  const b = median(blank);
  // The ratio is the median of each round's popup / blank pair, measured seconds apart: on a shared VM the
  // speed drifts over a run, and a ratio of two medians taken from different moments would carry it.
  const ratio = median(popup.map((v, i) => v / blank[i]!));
  return [
    {
      name: `popup first render, ${accounts.toLocaleString('en-US')} accounts${label}`,
      value: p,
      unit: 'ms',
      baseline: { name: 'blank extension page', value: b },
      ratio,
      budget: 'ratio ≤ 1.5 and < 100 ms',
      ok: ratio <= 1.5 && p < 100,
      note: `medians of ${ROUNDS} rounds (the ratio: median of the rounds' popup/blank pairs), from navigation start; popup-start at ${(p - median(own)).toFixed(1)} ms (scripts loaded); popup-start → popup-rendered ${median(own).toFixed(1)} ms, of which IndexedDB open + read of the view ${median(read).toFixed(1)} ms and the first render ${(median(own) - median(read)).toFixed(1)} ms`,
    },
  ];
}
