// @vitest-environment happy-dom
// Issue #13, finding 5: the simulator panel loads files through the same validator as `npm run simulate`
// and shows the same lines for the files that used to crash validation (the panel then showed nothing).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScenarioPanel } from '../../extension/components/ScenarioPanel.tsx';
import { loadScenario, reportBlob } from '../../extension/simulation/player.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { MESSAGES, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

beforeEach(() => void resetBrowser());
afterEach(cleanup);

const example = readFileSync(join(import.meta.dirname, '../../scenarios/linkedin-lapse.json'), 'utf8');
const deepBody = () => {
  const s = JSON.parse(example);
  let body: unknown = {};
  for (let i = 0; i < 1500; i++) body = [body];
  s.events.push({ at: '2026-03-16T00:00:00Z', type: 'respond', network: 'linkedin', status: 200, body });
  return JSON.stringify(s);
};

function load(text: string) {
  render(<ScenarioPanel locale="en" />);
  const input = screen.getByLabelText(MESSAGES.simScenarioFile!.message) as HTMLInputElement;
  const file = new File([text], 'scenario.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file] });
  fireEvent.change(input);
}

describe('simulator panel: bad files', () => {
  it.each([
    ['a respond.body nested 1,500 levels deep', deepBody()],
    ['duplicate keys', example.replace('"type": "revoke"', '"type": "check", "type": "revoke"')],
    [
      'an impossible date and wrong types',
      example
        .replace('2026-01-10T00:00:00Z', '2026-02-31T00:00:00Z')
        .replace('"superAdmin": true', '"superAdmin": "yes"'),
    ],
  ])('%s: the panel shows the CLI lines under "not a valid scenario"', async (_name, text) => {
    const cli = validateScenario(text);
    expect(cli.ok).toBe(false);
    load(text);
    const alert = await waitFor(() => screen.getByRole('alert'));
    expect(alert.textContent).toContain(MESSAGES.simScenarioInvalid!.message);
    for (const line of cli.ok ? [] : cli.errors) expect(alert.textContent).toContain(line);
  });
});

describe('simulator panel: export', () => {
  it('the exported report is the bytes `npm run simulate -- FILE --pretty` prints, built in parts', async () => {
    const loaded = loadScenario(example);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const report = await loaded.player.play();
    expect(await reportBlob(loaded.player).text()).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
