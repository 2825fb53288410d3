// (e) The service worker's JS heap after a health sweep of the 1,000-account team (every connected account
// checked against the mock networks inside the worker), beside the same worker's heap before the sweep.
// Read with CDP `Runtime.getHeapUsage` on the worker's target after a garbage collection
// (`HeapProfiler.collectGarbage`), through a browser-level CDP session.
import type { CDPSession } from 'playwright-core';
import type { LaunchedExtension } from '../scripts/chromium.ts';
import { kvRead, until, worker } from './browser.ts';
import type { Figure } from './report.ts';

const MB = 1024 * 1024;

/** Sends CDP commands to the service worker's target (a non-flattened session, via Target messages). */
async function workerSession(ext: LaunchedExtension) {
  const browser = ext.context.browser();
  if (!browser) throw new Error('bench: no browser-level CDP session for this context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(ext.id));
  if (!target) throw new Error('bench: the service worker target is not running');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id === undefined) return;
    waiting.get(reply.id)?.(reply.error ? Promise.reject(new Error(reply.error.message)) : reply.result);
    waiting.delete(reply.id);
  });
  const send = <T>(method: string, params: object = {}) => {
    const id = next++;
    const result = new Promise<T>((done) => waiting.set(id, done as (r: unknown) => void));
    void cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return result;
  };
  return {
    async heap(): Promise<number> {
      await send('HeapProfiler.enable');
      await send('HeapProfiler.collectGarbage');
      const { usedSize } = await send<{ usedSize: number }>('Runtime.getHeapUsage');
      return usedSize;
    },
    detach: () => cdp.detach(),
  };
}

export async function memoryFigures(ext: LaunchedExtension, accounts: number): Promise<Figure[]> {
  const session = await workerSession(ext);
  const before = await session.heap();
  const sw = await worker(ext);
  const started = Date.now();
  // The popup's "Check now", as a message from an extension page.
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      type: 'check-now',
    }),
  );
  type Stored = { accounts: Record<string, { status: string; lastCheck: { at: number } | null }> };
  const checked = await until(
    'the sweep to finish',
    async () => {
      if (await kvRead(sw, 'sweep')) return null;
      const state = (await kvRead(sw, 'state')) as Stored;
      const connected = Object.values(state.accounts).filter((a) => a.status === 'connected');
      return connected.every((a) => (a.lastCheck?.at ?? 0) >= started) ? connected.length : null;
    },
    300_000,
  );
  const sweepMs = Date.now() - started;
  await page.close();
  const after = await session.heap();
  await session.detach();
  return [
    {
      name: `service worker JS heap after a ${accounts.toLocaleString('en-US')}-account sweep`,
      value: after / MB,
      unit: 'MB',
      baseline: { name: 'before the sweep', value: before / MB },
      ratio: after / before,
      note: `${checked} connected accounts checked in ${(sweepMs / 1000).toFixed(1)} s (MSW in the worker, no added latency); heap after GC`,
    },
  ];
}
