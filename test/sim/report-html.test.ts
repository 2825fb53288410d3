// `npm run simulate -- FILE --html PATH` (issue #19): a self-contained page with the timeline, the final
// state and the notifications, written beside an unchanged JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlOption } from '../../sim/report-html.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = mkdtempSync(join(tmpdir(), 'report-html-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['sim/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('--html', () => {
  const file = 'scenarios/revocation-and-restore.json';
  const path = join(DIR, 'report.html');
  const withHtml = cli(file, '--html', path);
  const html = withHtml.status === 0 ? readFileSync(path, 'utf8') : '';

  it('leaves the JSON report on stdout byte for byte as it is without it', () => {
    expect(withHtml.status).toBe(0);
    expect(withHtml.stdout).toBe(cli(file).stdout);
  });

  it('writes one self-contained page: inline styles, one small inline script, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|\bsrc=|@import|url\(|https?:\/\//);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.length).toBeLessThan(2000);
    expect(html).toMatch(/<style>[\s\S]*\.tl-band[\s\S]*<\/style>/);
  });

  it('R2/R6: shows a lane per account and an alert marker per notification (4 accounts, 4 alerts)', () => {
    const lanes = [...html.matchAll(/<li class="tl-lane">[\s\S]*?<\/li>/g)].map((m) => m[0]);
    expect(lanes.map((l) => l.match(/class="tl-account"[^>]*>([^<]*)</)![1])).toEqual([
      'fb-brand',
      'li-corp',
      'ig-shop',
      'yt-channel',
    ]);
    for (const lane of lanes) expect(lane).toContain('class="tl-band');
    const alerts = [...html.matchAll(/class="tl-marker alert[^"]*"[^>]*aria-label="([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(alerts).toEqual([
      'Disconnect alert sent on 3 March at 00:00. Sent to ada and ben. (rule R6)',
      'Disconnect alert sent on 3 March at 00:00. Sent to ada, ben and cy. (rule R6)',
      'Disconnect alert sent on 22 March at 06:00. Sent to ada and cy. (rule R6)',
      'Disconnect alert sent on 3 March at 00:00. Sent to ada. (rule R6)',
    ]);
  });

  it('R4: lists the final state of every account and every notification, in words', () => {
    const final = html.slice(html.indexOf('id="final-h"'), html.indexOf('id="notifications-h"'));
    expect(
      [...final.matchAll(/<tr data-status="([^"]+)"><th scope="row">([^<]+)</g)].map((m) => [m[2], m[1]]),
    ).toEqual([
      ['fb-brand', 'disconnected'],
      ['li-corp', 'connected'],
      ['ig-shop', 'disconnected'],
      ['yt-channel', 'disconnected'],
    ]);
    expect(final).toContain('scheduled 1, missed 1, published 1');
    const notes = html.slice(html.indexOf('id="notifications-h"'));
    expect(notes.match(/<tr data-kind="disconnect-alert">/g)).toHaveLength(4);
  });

  it('is the same page for the same run', () => {
    const again = join(DIR, 'again.html');
    expect(cli(file, `--html=${again}`).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(html);
  });

  it('without a path, or to a folder that does not exist, says what is wrong', () => {
    const missing = cli(file, '--html');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Unknown option --html');
    expect(missing.stderr).toContain('--html PATH');
    const nowhere = cli(file, '--html', join(DIR, 'no/such/folder/r.html'));
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/cannot write the HTML report \(ENOENT\); check that its folder exists/);
  });
});

describe('htmlOption', () => {
  it('takes --html PATH or --html=PATH out of the arguments and leaves the rest as they were', () => {
    expect(htmlOption(['a.json', '--html', 'r.html', '--pretty'])).toEqual({
      path: 'r.html',
      rest: ['a.json', '--pretty'],
    });
    expect(htmlOption(['--html=r.html', 'a.json'])).toEqual({ path: 'r.html', rest: ['a.json'] });
    expect(htmlOption(['a.json', '--html', '--pretty'])).toEqual({
      path: null,
      rest: ['a.json', '--html', '--pretty'],
    });
    expect(htmlOption(['a.json'])).toEqual({ path: null, rest: ['a.json'] });
  });
});
