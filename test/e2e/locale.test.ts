// A locale switch in every browser of the run: with the browser's UI in Norwegian or Dutch, the popup and
// the settings page speak it (the extension's catalogue follows the browser, chrome.i18n / browser.i18n).
// Each language is a browser of its own: the UI language is fixed at launch.
import { describe, expect, it } from 'vitest';
import { BROWSERS, launch } from './harness.ts';

describe.each(BROWSERS)('%s', (browser) => {
  // The browser's UI language: Chromium's --lang; Firefox's requested locale with its language pack
  // installed (.ci/run installs firefox-esr-l10n-nb-no and -nl), as a Norwegian or Dutch Firefox has.
  describe.each([
    ['nb', 'Sosiale kontoer', 'Innstillinger for sosiale medier', 'Tilkoblet'],
    ['nl', 'Sociale accounts', 'Sociale instellingen', 'Gekoppeld'],
  ])('browser language %s', (lang, popupTitle, settingsTitle, connected) => {
    it(`the popup and settings are in ${lang}`, async () => {
      const local = await launch({ browser, locale: lang });
      try {
        const popup = await local.openPopup();
        expect(await popup.getByRole('heading', { level: 1 }).textContent()).toBe(popupTitle);
        // The first paint shows the most urgent rows; the healthy ones follow once the whole list renders.
        await expect.poll(() => popup.locator('li .status').allTextContents()).toContain(connected);
        const settings = await local.open('options.html');
        await settings.getByRole('heading', { level: 1, name: settingsTitle }).waitFor();
        expect(await settings.locator('html').getAttribute('lang')).toMatch(new RegExp(`^${lang}`));
      } finally {
        await local.close();
      }
    });
  });
});
