// The popup's first paint without Preact: App's markup for the first screen (lib/first-screen.ts's
// strings), built with createElement, setAttribute and text nodes, so no stored or computed text is ever
// parsed as HTML. A cold first render of App costs 10-18 ms (bench/popup.ts), most of the popup's budget;
// this costs about one. Preact then renders App over these elements after that paint and keeps them
// (render() reuses the DOM it finds), adding the handlers. It must produce App's markup exactly, or Preact
// rebuilds what differs: test/extension/first-screen.test.tsx compares the two for every kind of row.
import { type FirstScreen, type HeaderText, KEYS_ID, type RowText } from '../lib/first-screen.ts';
import type { ConnectText } from '../lib/standalone.ts';

type Child = Node | string | null;

function h(tag: string, attributes: Record<string, string | null>, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== null && value !== undefined) el.setAttribute(name, value);
  }
  // A string becomes a text node (never markup).
  for (const child of children) if (child !== null) el.append(child);
  return el;
}

/** AccountItem's ActionButton: a refused action stays focusable and says why (aria-describedby). */
const action = (cls: string | null, label: string, why: string | null, whyId: string) =>
  h(
    'button',
    {
      type: 'button',
      class: cls,
      'aria-disabled': why === null ? null : 'true',
      'aria-describedby': why ? whyId : null,
    },
    label,
  );

/** AccountItem, not busy, not focused, not confirming: how every row opens (the first in the tab order). */
function row(r: RowText, index: number): HTMLElement {
  const id = `a${index}`;
  const actions =
    r.fix || r.disconnect
      ? h(
          'div',
          { class: 'actions' },
          r.fix && action('fix', r.fix.label, r.fix.why, `${id}-fix-why`),
          r.disconnect &&
            action(null, r.disconnect.label, r.disconnect.why, `${id}-${r.disconnect.whyOf}-why`),
        )
      : null;
  return h(
    'li',
    {
      id: `account-${index}`,
      class: r.compact ? 'account compact' : 'account',
      'data-status': r.status,
      'aria-labelledby': `${id}-name ${id}-status`,
      'aria-describedby': KEYS_ID,
      tabindex: index === 0 ? '0' : '-1',
    },
    h('span', { class: `net ${r.network}`, role: 'img', 'aria-label': r.networkLabel }, r.letter),
    h(
      'div',
      { class: 'body' },
      h(
        'div',
        { class: 'head' },
        h('span', { id: `${id}-name`, class: 'name' }, r.name),
        r.handle ? h('span', { class: 'handle' }, r.handle) : null,
        h('span', { id: `${id}-status`, class: `status ${r.status}` }, r.statusLabel),
      ),
      r.reason ? h('p', { class: 'reason' }, r.reason) : null,
      h('p', { class: 'when' }, r.when),
      actions,
      r.fix?.why ? h('p', { id: `${id}-fix-why`, class: 'why' }, r.fix.why) : null,
      r.disconnect?.why && r.disconnect.whyOf === 'disconnect'
        ? h('p', { id: `${id}-disconnect-why`, class: 'why' }, r.disconnect.why)
        : null,
      r.hint ? h('p', { class: 'hint' }, r.hint) : null,
      ...r.posts.map((line) => h('p', { class: 'posts' }, line)),
      r.check ? h('p', { class: 'check' }, r.check) : null,
    ),
  );
}

/** App's header, notice, summary strip and filters, with no filter chosen. */
function header(text: HeaderText): Node[] {
  // An option's value defaults to its text: Preact sets `value` only where it differs (a brand's option
  // has none), and so does this.
  const option = (value: string, label: string) =>
    h('option', { value: value === label ? null : value }, label);
  const options = (all: string, items: Array<{ value: string; label: string }>) => [
    option('', all),
    ...items.map((o) => option(o.value, o.label)),
  ];
  return [
    h(
      'header',
      {},
      h('h1', {}, text.title),
      h(
        'div',
        { class: 'check-now' },
        h('button', { type: 'button', 'aria-disabled': text.sweep ? 'true' : null }, text.checkNow),
        ...(text.sweep
          ? [
              h('progress', {
                value: String(text.sweep.done),
                max: String(text.sweep.total),
                'aria-labelledby': 'sweep-text',
              }),
              h('span', { id: 'sweep-text' }, text.sweep.text),
            ]
          : []),
      ),
      h('p', { class: 'summary', role: 'status' }, text.summary),
      text.me ? h('p', { class: 'me' }, text.me) : null,
    ),
    ...(text.notice ? [h('p', { class: 'notice', role: 'alert' }, text.notice)] : []),
    h(
      'fieldset',
      { class: 'strip', 'aria-label': text.strip.label },
      ...text.strip.items.map((item) =>
        h(
          'button',
          { type: 'button', class: `count ${item.status}`, 'aria-pressed': 'false' },
          h('span', { class: 'n' }, String(item.count)),
          ' ',
          h('span', { class: 'label' }, item.label),
        ),
      ),
    ),
    h(
      'div',
      { class: 'filters' },
      text.search
        ? h('input', {
            type: 'search',
            class: 'search',
            'aria-label': text.search.label,
            placeholder: text.search.placeholder,
          })
        : null,
      h('select', { 'aria-label': text.network }, ...options(text.allNetworks, text.networks)),
      text.brand
        ? h(
            'select',
            { 'aria-label': text.brand.label },
            ...options(
              text.brand.all,
              text.brand.brands.map((b) => ({ value: b, label: b })),
            ),
          )
        : null,
    ),
    h('p', { class: 'showing', 'aria-live': 'polite' }),
  ];
}

/** ConnectNetworks, nothing waiting: the empty team's "Connect account" per network. */
const connectOffer = (c: ConnectText) =>
  h(
    'section',
    { class: 'connect', 'aria-labelledby': 'connect-networks' },
    h('h2', { id: 'connect-networks' }, c.title),
    h(
      'div',
      { class: 'buttons' },
      ...c.networks.map((n) => h('button', { type: 'button', 'data-network': n.network }, n.label)),
    ),
    c.note === null ? null : h('p', { class: 'connect-note' }, c.note),
  );

/** The whole first screen: App's `<main>` as its first render would make it. */
export function firstScreenDom(screen: FirstScreen): HTMLElement {
  let index = 0;
  return h(
    'main',
    { class: 'popup' },
    ...header(screen.header),
    screen.empty !== null
      ? h('p', { class: 'empty' }, screen.empty)
      : h(
          'div',
          { class: 'groups' },
          h('p', { id: KEYS_ID, hidden: '' }, screen.header.keys),
          ...screen.groups.map((g) =>
            h(
              'div',
              { class: 'group' },
              h('h2', { id: `group-${g.group}` }, g.heading),
              h(
                'ul',
                { class: 'accounts', 'aria-labelledby': `group-${g.group}` },
                ...g.rows.map((r) => row(r, index++)),
              ),
            ),
          ),
        ),
    screen.connect ? connectOffer(screen.connect) : null,
  );
}
