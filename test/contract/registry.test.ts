// Convention test for the contract suite: every network adapter file in adapters/ is registered in ADAPTERS,
// has its mock network (mocks/handlers/<id>.ts, served by createHandlers) and is covered by a contract test file
// (test/contract/<id>.test.ts calling runContract('<id>', ...)). A new adapter without these fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import { NETWORKS } from '../../core/schemas.ts';
import { NETWORK_MOCKS } from '../../mocks/dispatch.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const ADAPTER_DIR = root('adapters/');
const HANDLER_DIR = root('mocks/handlers/');
const CONTRACT_DIR = root('test/contract/');

const sorted = (values: Iterable<string>) => [...values].sort();
const isNetwork = (id: string): boolean => (NETWORKS as readonly string[]).includes(id);

/** Something shaped like a NetworkAdapter (types.ts), whatever file it sits in. */
function looksLikeAdapter(value: unknown): value is { id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    ['authorizeUrl', 'exchangeCode', 'refresh', 'check', 'profile', 'publish'].every(
      (name) => typeof v[name] === 'function',
    )
  );
}

/** Networks the contract test files run: their top-level runContract calls, by network id. */
function contractNetworks(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.test.ts'))) {
    const source = readFileSync(`${CONTRACT_DIR}${file}`, 'utf8');
    // Top-level calls only (not mentions in comments or strings).
    for (const match of source.matchAll(/^runContract\(\s*'([^']+)'/gm)) found.set(match[1] ?? '', file);
  }
  return found;
}

/** adapters/*.ts files that hold a network adapter: named after a network id, or exporting an adapter. */
async function adapterFiles(): Promise<Map<string, string[]>> {
  const files = new Map<string, string[]>();
  for (const file of readdirSync(ADAPTER_DIR).filter((f) => f.endsWith('.ts'))) {
    const base = file.replace(/\.ts$/, '');
    const module: Record<string, unknown> = await import(`${ADAPTER_DIR}${file}`);
    const ids = new Set(
      Object.values(module)
        .filter(looksLikeAdapter)
        .map((a) => a.id),
    );
    if (isNetwork(base)) ids.add(base);
    if (ids.size > 0) files.set(file, [...ids]);
  }
  return files;
}

describe('contract suite registry', () => {
  it('every network adapter file is named after its id, registered in ADAPTERS, mocked and contract-tested', async () => {
    const files = await adapterFiles();
    const contracts = contractNetworks();
    const handlerFiles = readdirSync(HANDLER_DIR);
    expect(files.size).toBeGreaterThan(0);
    for (const [file, ids] of files) {
      // index.ts re-exports every adapter; it is the registry itself.
      if (file === 'index.ts') continue;
      expect(ids, `${file} should hold exactly the adapter named after it`).toEqual([
        file.replace(/\.ts$/, ''),
      ]);
      const id = ids[0] ?? '';
      expect(isNetwork(id), `${file}: '${id}' is not in core NETWORKS`).toBe(true);
      expect(Object.keys(ADAPTERS), `${file}: not registered in ADAPTERS`).toContain(id);
      expect(ADAPTERS[id as keyof typeof ADAPTERS].id).toBe(id);
      expect(handlerFiles, `${file}: no mock network mocks/handlers/${id}.ts`).toContain(`${id}.ts`);
      expect(
        NETWORK_MOCKS.map((m) => m.network),
        `${file}: mocks/handlers/${id}.ts is not served by createHandlers`,
      ).toContain(id);
      expect(contracts.get(id), `${file}: no test/contract/*.test.ts calls runContract('${id}', ...)`).toBe(
        `${id}.test.ts`,
      );
    }
  });

  it("the contract suite's networks equal Object.keys(ADAPTERS) and core NETWORKS", () => {
    const covered = sorted(contractNetworks().keys());
    expect(covered).toEqual(sorted(Object.keys(ADAPTERS)));
    expect(covered).toEqual(sorted(NETWORKS));
    expect(sorted(NETWORK_MOCKS.map((m) => m.network))).toEqual(sorted(NETWORKS));
  });

  it('every contract test file other than this one runs the contract for the network it is named after', () => {
    const files = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts');
    expect(sorted(files)).toEqual(sorted(NETWORKS.map((n) => `${n}.test.ts`)));
  });
});
