// Every page in both themes and in every browser of the run: axe-core finds no violation (any impact) on the
// popup, the settings page (each tab and the Connect-account dialog), the consent page, the simulator panel
// with a scenario loaded and played, and the HTML report opened from disk; and each is saved as a picture
// in artifacts/screenshots/<browser>/<page>-<theme>.png, the popup with the demo team and with 1,000
// accounts, the settings page at 800 and 1,280 px. Along the way, what the pictures must show: the settings
// page without horizontal scrolling at 800 px with each account name on one line; the team's timeline with
// a lane of status bands for every demo account; the scenario's timeline (in the panel and in the HTML
// report) with a lane of bands per account and, per account, one alert or reminder marker for each
// disconnect alert or re-authorization reminder of its JSON report (R6). The simulator and the report are
// pictured at 1,280 px, the popup at a real popup's size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../sim/report.ts';
import { violations } from './axe.ts';
import { BROWSERS, type Page, ROOT, STATUS, useExtension } from './harness.ts';

const SCENARIO = resolve(ROOT, 'scenarios/revocation-and-restore.json');
/** A real Chrome popup is at most 600 px high; the popup pictures show that first screen. */
const POPUP = { width: 480, height: 600 };

/** `npm run simulate -- FILE --html PATH`: the JSON report and the path of the HTML one. */
function simulate(): { report: Report; html: string } {
  const html = join(mkdtempSync(join(tmpdir(), 'e2e-report-')), 'report.html');
  const run = spawnSync(
    resolve(ROOT, 'node_modules/.bin/node'),
    [resolve(ROOT, 'sim/cli.ts'), SCENARIO, '--html', html],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`npm run simulate failed (${run.status}): ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as Report, html };
}

/** In the page: the scenario file chosen in the panel's file field, as a person picking it would. */
async function chooseScenario(page: Page, name: string, text: string) {
  await page.getByLabel('Scenario file (JSON)').evaluate(
    (input, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], file.name, { type: 'application/json' }));
      (input as HTMLInputElement).files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, text },
  );
}

/** What one account's lane of a timeline shows: its status bands, and its markers by kind. */
interface Lane {
  name: string;
  bands: number;
  alerts: number;
  reminders: number;
  /** The accessible names of its alert markers (they name the recipients). */
  alertNames: string[];
}

/** The lanes of the timeline sections `section` selects (the legend's swatches are outside the lanes). */
const lanesOf = (page: Page, section: string) =>
  page.locator(`${section} .tl-lane`).evaluateAll((els): Lane[] =>
    els.map((lane) => ({
      name: lane.querySelector('.tl-account')?.textContent ?? '',
      bands: lane.querySelectorAll('.tl-track > .tl-band').length,
      alerts: lane.querySelectorAll('.tl-track > .tl-marker.alert').length,
      reminders: lane.querySelectorAll('.tl-track > .tl-marker.reminder').length,
      alertNames: [...lane.querySelectorAll('.tl-track > .tl-marker.alert')].map(
        (m) => m.getAttribute('aria-label') ?? '',
      ),
    })),
  );

/**
 * The scenario's timeline against its JSON report: a lane per account of the scenario (a scenario names
 * accounts by id), each with status bands, and per account as many alert and reminder markers as the report
 * has disconnect alerts and re-authorization reminders for it (R6), each alert naming its recipients.
 */
function expectScenarioLanes(lanes: Lane[], report: Report) {
  const notifications = report.steps.flatMap((s) => s.notifications);
  const alerts = notifications.filter((n) => n.kind === 'disconnect-alert');
  // The scenario has something to show: alerts to more than one account.
  expect(new Set(alerts.map((n) => n.account)).size).toBeGreaterThan(1);
  const accounts = report.final.accounts.map((a) => a.id).sort();
  expect(lanes.map((l) => l.name).sort()).toEqual(accounts);
  for (const lane of lanes) {
    const mine = notifications.filter((n) => n.account === lane.name);
    expect(lane.bands, `${lane.name}: status bands`).toBeGreaterThan(0);
    expect(lane.alerts, `${lane.name}: alert markers`).toBe(
      mine.filter((n) => n.kind === 'disconnect-alert').length,
    );
    expect(lane.reminders, `${lane.name}: reminder markers`).toBe(
      mine.filter((n) => n.kind === 'reauth-reminder').length,
    );
    for (const n of mine.filter((m) => m.kind === 'disconnect-alert'))
      expect(
        lane.alertNames.some((name) => n.recipients.every((r) => name.includes(r))),
        `${lane.name}: an alert marker names ${n.recipients.join(', ')}`,
      ).toBe(true);
  }
}

/** The simulator and the report are laid out for a desktop window; their pictures are taken at this size. */
const DESKTOP = { width: 1280, height: 900 };

let run: { report: Report; html: string };
beforeAll(() => {
  run = simulate();
});

describe.each(BROWSERS)('%s', (browser) => {
  describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
    const ext = useExtension({ browser, colorScheme: theme });
    const shot = (page: Page, name: string, fullPage = true) =>
      ext().screenshot(page, `${name}-${theme}`, { fullPage });

    it('the page really is in this theme', async () => {
      const page = await ext().open('simulator.html');
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        theme === 'dark',
      );
      await page.close();
    });

    it('the popup with the demo team: no accessibility violation; its first screen and its whole list', async () => {
      const popup = await ext().openPopup();
      await popup.tab.setViewport(POPUP.width, POPUP.height);
      // Every row is in (they render in chunks after the first screen).
      const total = (await ext().kv('view'))!.accounts.length;
      await expect.poll(() => popup.getByRole('listitem').count()).toBe(total);
      expect(await violations(popup)).toEqual([]);
      await shot(popup, 'popup', false);
      await shot(popup, 'popup-all');
      await popup.close();
    });

    it('the settings page: no accessibility violation on any tab or the dialog; at 800 px no horizontal scroll and each account name on one line', async () => {
      const page = await ext().open('options.html');
      await page.getByRole('table').waitFor();
      for (const width of [800, 1280]) {
        await page.tab.setViewport(width, 900);
        const layout = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          names: [...document.querySelectorAll('.accounts-table th[scope="row"] .name')].map((el) => [
            el.textContent,
            el.getClientRects().length,
          ]),
        }));
        expect(layout.scroll, `${width} px: horizontal scroll`).toBe(0);
        expect(layout.names.length).toBeGreaterThan(0);
        for (const [name, lines] of layout.names) expect(lines, `${width} px: ${name}`).toBe(1);
        await shot(page, `settings-${width}`);
      }
      for (const tab of ['Accounts', 'Email notifications', 'Network client ids']) {
        await page.getByRole('tab', { name: tab }).click();
        expect(await violations(page), tab).toEqual([]);
      }
      await page.getByRole('tab', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'Connect account' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page), 'Connect account dialog').toEqual([]);
      await page.close();
    });

    it('the consent page (a Reconnect from the popup): no accessibility violation', async () => {
      const popup = await ext().openPopup();
      const row = popup
        .getByRole('listitem', { name: new RegExp(` ${STATUS.disconnected}$`) })
        .filter({ has: popup.getByRole('button', { name: 'Reconnect', disabled: false }) })
        .first();
      const consent = await ext().pageOpenedBy(() => row.getByRole('button', { name: 'Reconnect' }).click());
      await consent.getByRole('button', { name: 'Allow' }).waitFor();
      expect(await violations(consent)).toEqual([]);
      await shot(consent, 'consent');
      await consent.getByRole('button', { name: 'Cancel' }).click();
      await popup.close();
    });

    it("the simulator: a lane of status bands per demo account; a played scenario's timeline has a lane per account and a marker per alert and reminder (R6); no accessibility violation", async () => {
      const page = await ext().open('simulator.html');
      await page.tab.setViewport(DESKTOP.width, DESKTOP.height);
      await page.getByRole('heading', { name: 'Simulator', level: 1 }).waitFor();
      const view = (await ext().kv('view'))!;
      const team = await lanesOf(page, 'section.timeline[aria-labelledby="tl-team-h"]');
      expect(team.map((l) => l.name).sort()).toEqual(view.accounts.map((a) => a.name).sort());
      for (const lane of team) expect(lane.bands, `${lane.name}: status bands`).toBeGreaterThan(0);

      await chooseScenario(page, 'revocation-and-restore.json', readFileSync(SCENARIO, 'utf8'));
      await page.getByRole('button', { name: 'Play to the end' }).click();
      await page.getByRole('status').filter({ hasText: 'Finished.' }).waitFor({ timeout: 20_000 });
      expectScenarioLanes(
        await lanesOf(page, 'section.timeline[aria-labelledby^="tl-scenario-h"]'),
        run.report,
      );
      expect(await violations(page)).toEqual([]);
      await shot(page, 'simulator');
      await page.close();
    });

    it('the HTML report, opened from disk: a lane of bands per account, a marker per alert and reminder (R6); no accessibility violation', async () => {
      const page = await ext().open(pathToFileURL(run.html).href);
      await page.tab.setViewport(DESKTOP.width, DESKTOP.height);
      await page.locator('section.timeline').first().waitFor();
      expectScenarioLanes(await lanesOf(page, 'section.timeline'), run.report);
      expect(await violations(page)).toEqual([]);
      await shot(page, 'report');
      await page.close();
    });

    // Last: it grows the stored team for good.
    it('the popup with 1,000 accounts: its first screen, and a search; no accessibility violation', async () => {
      await ext().seedAccounts(1000);
      const popup = await ext().openPopup();
      await popup.tab.setViewport(POPUP.width, POPUP.height);
      await expect.poll(() => popup.getByRole('listitem').count(), { timeout: 20_000 }).toBe(1000);
      await popup.evaluate(() => scrollTo(0, 0));
      await shot(popup, 'popup-1000', false);
      // A word of one account's name: the search finds it and its copies.
      const word = (await ext().kv('view'))!.accounts.at(-1)!.name.split(' ')[0]!;
      await popup.getByRole('searchbox').fill(word);
      await shot(popup, 'popup-1000-search', false);
      expect(await violations(popup)).toEqual([]);
      await popup.close();
    });
  });
});
