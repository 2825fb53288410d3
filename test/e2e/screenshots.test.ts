// Screenshots a person can look at after a run (artifacts/screenshots/, kept by CI): the popup, the settings
// (options) page and, where the build has one, the simulator panel. Each page must render something.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionDir, useExtension } from './harness.ts';

const ext = useExtension();
const dir = extensionDir('simulation');
const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as {
  options_ui?: { page: string };
  options_page?: string;
};
const options = manifest.options_ui?.page ?? manifest.options_page ?? 'options.html';
const simulator = ['simulator.html', 'simulator/index.html'].find((p) => existsSync(resolve(dir, p)));

describe('screenshots (artifacts/screenshots/)', () => {
  it('popup', async () => {
    const popup = await ext().openPopup();
    expect(await ext().screenshot(popup, 'popup')).toMatch(/popup\.png$/);
  });

  it('settings (options page)', async () => {
    const page = await ext().open(options);
    await page.getByRole('heading').first().waitFor({ timeout: 15_000 });
    expect(await ext().screenshot(page, 'settings')).toMatch(/settings\.png$/);
  });

  it.runIf(simulator)('simulator panel (once the build has one: issue #6)', async () => {
    const page = await ext().open(simulator!);
    await page.getByRole('heading').first().waitFor({ timeout: 15_000 });
    expect(await ext().screenshot(page, 'simulator')).toMatch(/simulator\.png$/);
  });
});
