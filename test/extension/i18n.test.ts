// Every user-visible string comes from the message catalogue; the English reasons say exactly what core's
// REASON_TEXT says (R2), so logs, notifications and the popup never disagree.
import { describe, expect, it, vi } from 'vitest';
import { accountFrom, DisconnectReason, NETWORKS, REASON_TEXT } from '../../core/index.ts';
import { plural } from '../../extension/lib/i18n.ts';
import { reasonText, STATUS_LABEL } from '../../extension/lib/present.ts';
import { getMessage, MESSAGES, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

describe('message catalogue', () => {
  it('R2: every reason on every network reads as core REASON_TEXT', () => {
    resetBrowser();
    for (const network of NETWORKS) {
      const account = accountFrom({ id: 'a', network, connectedBy: 'u', connectedAt: 0 });
      for (const reason of DisconnectReason.options) {
        expect(reasonText(reason, network)).toBe(REASON_TEXT[reason](account));
      }
    }
  });

  it('R7: the status labels are the fixed vocabulary', () => {
    resetBrowser();
    expect(Object.values(STATUS_LABEL).map((key) => getMessage(key))).toEqual([
      'Connected',
      'Reauthorize soon',
      'Disconnected',
      'Lapsed',
    ]);
  });

  it('every placeholder a message uses is declared, so Chrome can fill it', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      for (const [, name] of entry.message.matchAll(/\$([A-Z_]+)\$/g)) {
        expect(entry.placeholders, `${key} uses $${name}$`).toHaveProperty(name!.toLowerCase());
      }
    }
  });

  it('plurals pick the form for the count', () => {
    resetBrowser();
    expect(plural('postsScheduled', 1)).toBe('1 scheduled post');
    expect(plural('postsScheduled', 3)).toBe('3 scheduled posts');
  });

  it('every key the extension source uses exists in the catalogue', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../extension/', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const file of files) {
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(key!);
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bplural\('([A-Za-z_]+)'/g)) {
        used.add(`${key!}_one`);
        used.add(`${key!}_other`);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((key) => !(key in MESSAGES))).toEqual([]);
  });
});
