// MV3 needs host permission for every API host the service worker calls: each adapter endpoint must be
// covered by the manifest's host_permissions (consent pages excepted: launchWebAuthFlow opens those).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_HOSTS } from '../../extension/lib/hosts.ts';

const dir = new URL('../../adapters/', import.meta.url);

describe('host permissions', () => {
  it('cover every endpoint the adapters call', () => {
    const urls = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [
        ...readFileSync(new URL(f, dir), 'utf8').matchAll(
          /^\s*(?:export )?(?:const )?(\w+)\s*[:=]\s*[`'"](https:\/\/[^`'"$]+)/gm,
        ),
      ])
      .filter(([, name]) => name !== 'authorize')
      .map(([, , url]) => new URL(url!));
    expect(urls.length).toBeGreaterThan(10);
    const patterns = API_HOSTS.map((p) => new URL(p.replace('/*', '/')).host);
    expect(urls.filter((u) => !patterns.includes(u.host)).map((u) => u.href)).toEqual([]);
  });
});
