// Convention test: every network has its adapter file, named after its id, registered, with a classifier.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import { NETWORKS } from '../../core/schemas.ts';

const dir = fileURLToPath(new URL('../../adapters/', import.meta.url));

describe('adapters/ conventions', () => {
  it.each(NETWORKS)(
    "%s: has adapters/<id>.ts, is registered under its id and exports a pure classifier (plus its token endpoint's, if it has one)",
    async (network) => {
      expect(readdirSync(dir)).toContain(`${network}.ts`);
      const module: Record<string, unknown> = await import(`../../adapters/${network}.ts`);
      expect(ADAPTERS[network].id).toBe(network);
      expect(module[network]).toBe(ADAPTERS[network]);
      const classifiers = Object.entries(module).filter(
        ([name, value]) => name.startsWith('classify') && typeof value === 'function',
      );
      expect(classifiers.filter(([name]) => !name.endsWith('Token'))).toHaveLength(1);
    },
  );

  it('registers exactly the core networks', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...NETWORKS].sort());
  });

  it('PKCE networks send a challenge and non-PKCE ones do not', () => {
    for (const adapter of Object.values(ADAPTERS)) {
      const url = new URL(
        adapter.authorizeUrl(
          {
            fetch,
            now: () => 0,
            config: { clientId: 'c', clientSecret: 's', redirectUri: 'https://r.example/' },
          },
          { state: 's1', codeChallenge: 'ch1' },
        ),
      );
      expect(url.searchParams.get('state')).toBe('s1');
      expect(url.searchParams.get('code_challenge') === 'ch1').toBe(adapter.pkce);
    }
  });
});
