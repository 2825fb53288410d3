// Popup wiring: read the stored view straight from IndexedDB (no round trip to a background that may be
// asleep), show it, then follow the background's change broadcasts.
import { firstScreenDom } from '../../components/first-screen-dom.ts';
import popupCss from '../../components/popup.css?inline';
import css from '../../components/style.css?inline';
import { openHealthDb } from '../../lib/db.ts';
import { screenFor } from '../../lib/first-screen.ts';
import { locale, t } from '../../lib/i18n.ts';
import { storedSource } from '../../lib/page-source.ts';

performance.mark('popup-start');
// Opening the database first: IndexedDB answers from another thread while this one sets up the page.
const opening = openHealthDb();
// The stylesheet comes inside the script rather than as a <link>: a stylesheet still loading holds back
// every script on the page, so a <link> put one more round trip before this file's first line.
const style = document.createElement('style');
style.textContent = css + popupCss;
document.head.append(style);
document.title = t('popupTitle');
document.documentElement.lang = locale();
const focus = new URLSearchParams(location.search).get('account');
const source = storedSource(await opening, 'view', 'glance');
// The first screen is the small `glance` record; App reads the whole list right after. A notification's
// account may not be among the first rows, so that popup reads the whole list at once.
const initial = await (focus ? source.load() : source.loadFirst());
performance.mark('popup-render-start');
const root = document.getElementById('app')!;
// Preact and App come in a chunk of their own (./mount.tsx), loaded when they are needed.
const mount = async () => (await import('./mount.tsx')).mount(root, { source, initial, focus });
if (initial?.partial) {
  // A cold first render of App costs 10-18 ms (bench/popup.ts): the first paint is App's markup built
  // directly from the glance's strings (components/first-screen-dom.ts, text nodes only), and App renders
  // over the same elements after that paint: Preact keeps them and adds the handlers. Until then the
  // page's script is only what that paint needs (no Preact, no components).
  root.append(firstScreenDom(screenFor(initial, source.now(), source.locale)));
  requestAnimationFrame(() => setTimeout(mount));
} else await mount();
// Issue #5's budget (first render from stored state < 100 ms with 1,000 accounts) is measured from
// navigation start to popup-rendered (bench/popup.ts).
performance.mark('popup-rendered');
