// The popup's first screen as HTML, rendered by the background when it stores the `glance` record. The
// popup shows it with one assignment while its own first render (10-18 ms cold, bench/popup.ts) waits
// until after that paint; the same App renders both, so the popup's render lands on identical markup.
import { renderToString } from 'preact-render-to-string';
import { App, type PopupSource } from '../components/App.tsx';
import type { PopupView } from './types.ts';

export function firstScreenHtml(glance: PopupView, locale: string): string {
  // Only the render path runs here: effects (which would send and subscribe) never run in renderToString.
  const source: PopupSource = {
    load: async () => glance,
    send: async () => ({ ok: true }),
    subscribe: () => () => {},
    // Times ("in 3 days") and time-driven statuses as of the view: the popup's own render, a frame later,
    // shows them as of the moment it opens.
    now: () => glance.at,
    locale,
  };
  return renderToString(<App source={source} initial={glance} focus={null} />);
}
