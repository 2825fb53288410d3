// Issue #13 finding 1 in the production build, in every browser of the run: a fresh install's popup offers
// "Connect account" (X, the network that connects without the team server) and says how the others
// connect; Connect X without a client id says where to set it, instead of nothing happening.
import { describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './harness.ts';

describe.each(BROWSERS)('a fresh production install (%s)', (browser) => {
  const ext = useExtension({ browser, mode: 'production' });

  it('R1: the empty popup offers Connect X, says the team server connects the others, and answers a click', async () => {
    const popup = await ext().open('popup.html');
    const offer = popup.getByRole('region', { name: 'Connect account' });
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.getByRole('button').allTextContents()).toEqual(['Connect X']);
    expect(await offer.textContent()).toContain('npm run server');
    await offer.getByRole('button', { name: 'Connect X' }).click();
    const alert = popup.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toBe(
      'No client id is set for X. Set it on the options page, then try again.',
    );
    await ext().screenshot(popup, 'popup-production-empty');
  });
});
