// @vitest-environment happy-dom
// S7: the settings page's digest preview is the email's own document (runtime/email), in the page's
// language: same rows, same numbers, same words as the email a member receives for the same period.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apply, createState } from '../../core/index.ts';
import { buildSettingsView } from '../../extension/background/settings-view.ts';
import { DigestTab } from '../../extension/components/DigestTab.tsx';
import { digestFacts, renderDigest } from '../../runtime/email/index.ts';
import { periodBefore } from '../../runtime/email/schedule.ts';
import { resetBrowser } from '../extension/support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
afterEach(cleanup);

const NOW = Date.parse('2026-12-04T09:00:00Z');
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function teamWithNumbers(frequency: 'off' | 'daily' | 'weekly') {
  const profile = (name: string) => ({ networkUserId: name, name, handle: null, avatarUrl: null });
  let state = createState({
    users: [{ id: 'ada', name: 'Ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: [
      {
        id: 'fb-1',
        network: 'facebook',
        connectedBy: 'ada',
        connectedAt: NOW - 86_400_000,
        profile: profile('Fjord Page'),
      },
      {
        id: 'x-1',
        network: 'x',
        connectedBy: 'ada',
        connectedAt: NOW - 86_400_000,
        profile: profile('Nordlys X'),
      },
      {
        id: 'ig-1',
        network: 'instagram',
        connectedBy: 'ada',
        connectedAt: NOW - 86_400_000,
        profile: profile('Nordlys IG'),
      },
      {
        id: 'li-1',
        network: 'linkedin',
        connectedBy: 'ada',
        connectedAt: NOW - 86_400_000,
        access: 'private',
        profile: profile('Board Room'),
      },
    ],
  });
  state = apply(state, { type: 'set-digest', user: 'ada', frequency, monthlyReport: false }, NOW).state;
  const stats = (interactions: number, conversations: number, newFollowers: number) => ({
    interactions,
    conversations,
    newFollowers,
  });
  const results = [
    { account: 'fb-1', outcome: { kind: 'ok' as const }, stats: stats(1200, 30, 9) },
    { account: 'x-1', outcome: { kind: 'ok' as const }, stats: stats(5, 2, 11) },
    { account: 'ig-1', outcome: { kind: 'ok' as const }, stats: stats(77, 7, 700) },
    { account: 'li-1', outcome: { kind: 'ok' as const }, stats: stats(66, 6, 600) },
  ];
  return apply(state, { type: 'checked', results }, NOW).state;
}

describe('S7 digest preview on the settings page', () => {
  it('S7: the preview reads as the email the member receives, in the page language', () => {
    resetBrowser('nb');
    const state = teamWithNumbers('daily');
    render(<DigestTab view={buildSettingsView(state, 'ada', NOW, 'production')} send={() => {}} />);

    const facts = digestFacts(state, 'ada', { id: 't', name: 'T' }, periodBefore('daily', ZONE, NOW))!;
    const email = renderDigest(
      facts,
      { name: 'Ada', locale: 'nb-NO', timeZone: ZONE },
      {
        settings: 'https://h.example/s',
        unsubscribe: 'https://h.example/u',
      },
    )!;
    const preview = screen.getByRole('article');
    // The same heading and summary, word for word; the same table rows.
    expect(preview.querySelector('h3')!.textContent).toBe(email.text.split('\n')[2]);
    expect(email.text).toContain('Interaksjoner: 1\u00a0205. Samtaler: 32. Nye X-følgere: 11.');
    expect(preview.textContent).toContain('Interaksjoner: 1\u00a0205. Samtaler: 32. Nye X-følgere: 11.');
    const rows = [...preview.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['Fjord Page', 'Facebook', '1\u00a0200', '30', 'telles ikke'],
      ['Nordlys X', 'X', '5', '2', '11'],
    ]);
    expect(preview.textContent).not.toContain('Board Room');
    expect(preview.textContent).not.toContain('Nordlys IG');
  });

  it('S7: with the digest off there is no email to preview', () => {
    resetBrowser('en');
    render(
      <DigestTab
        view={buildSettingsView(teamWithNumbers('off'), 'ada', NOW, 'production')}
        send={() => {}}
      />,
    );
    expect(screen.getByText('Your inbox digest is off, so it lists no accounts.')).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });
});
