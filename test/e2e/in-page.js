// Injected into an extension page by test/e2e/page.ts (after @testing-library/dom's UMD build, which
// defines globalThis.TestingLibraryDom): finds elements the way a person (or a screen reader) does, by
// role and accessible name (https://www.w3.org/TR/accname-1.2/, computed by dom-accessibility-api inside
// Testing Library), by label, or by CSS, inside the page, so Chromium and Firefox answer with the same code.
// A locator is a list of steps; each step narrows the elements the previous one found.
(() => {
  const TL = globalThis.TestingLibraryDom;

  /** A string matches exactly (whitespace collapsed, as Testing Library does); a regex by `test`. */
  const matcher = (m) => (m === undefined ? undefined : 're' in m ? new RegExp(m.re, m.flags) : m.s);
  const textMatches = (text, m) => {
    const normal = (text ?? '').replace(/\s+/g, ' ').trim();
    return 're' in m ? new RegExp(m.re, m.flags).test(normal) : normal.includes(m.s);
  };
  /** Disabled natively or for assistive technology (aria-disabled on it or an ancestor), as Playwright's `disabled`. */
  const isDisabled = (el) => el.matches(':disabled') || el.closest('[aria-disabled="true"]') !== null;

  const unique = (elements) => [...new Set(elements)];

  function step(roots, s) {
    switch (s.kind) {
      case 'role':
        return unique(
          roots.flatMap((root) =>
            TL.queryAllByRole(root, s.role, {
              name: matcher(s.name),
              ...(s.level === undefined ? {} : { level: s.level }),
            }),
          ),
        ).filter((el) => s.disabled === undefined || isDisabled(el) === s.disabled);
      case 'label':
        return unique(roots.flatMap((root) => TL.queryAllByLabelText(root, matcher(s.text))));
      case 'css':
        return unique(roots.flatMap((root) => [...root.querySelectorAll(s.selector)]));
      case 'has':
        return roots.filter((el) => resolve(s.steps, [el]).length > 0);
      case 'hasText':
        return roots.filter((el) => textMatches(el.textContent, s.text));
      case 'nth':
        return roots.at(s.index) ? [roots.at(s.index)] : [];
      default:
        throw new Error(`unknown locator step ${JSON.stringify(s)}`);
    }
  }

  function resolve(steps, roots = [document]) {
    return steps.reduce(step, roots);
  }

  /** Exactly one element, as Playwright's strict locators: two matches mean the journey is ambiguous. */
  function one(steps, describe) {
    const found = resolve(steps);
    if (found.length !== 1) throw new Error(`${describe} matched ${found.length} elements, not exactly one`);
    return found[0];
  }

  /** Sets a form control's value as typing or picking would, with the events a page listens to. */
  function setValue(el, value) {
    const proto = Object.getPrototypeOf(el);
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function select(el, value) {
    const option = [...el.options].find(
      (o) => o.value === value || (o.label || o.textContent.trim()) === value,
    );
    if (!option) throw new Error(`no option "${value}" in ${el.outerHTML.slice(0, 120)}`);
    setValue(el, option.value);
  }

  globalThis.__e2e = { resolve, one, setValue, select };
})();
