// Event wiring for the service worker. MV3 requires listeners to be registered synchronously at start-up
// (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events), so they are
// added before the stored state has loaded and wait for it.
import { browser } from 'wxt/browser';
import { parseRequest, type Reply } from '../lib/protocol.ts';
import { accountOfNotification, openAccount } from './notify.ts';
import type { Shell } from './switch.ts';

type SendResponse = (reply: Reply) => void;

/**
 * runtime.onMessage listener: anything not from this extension, or not in the protocol, is ignored
 * (no reply, so the sender's other listeners may still answer). Chrome needs `sendResponse` + `true` for
 * an async reply; returning a promise is Firefox-only.
 */
export function messageListener(ready: Promise<Shell>) {
  return (message: unknown, sender: { id?: string }, sendResponse: SendResponse): true | undefined => {
    const request = parseRequest(message, sender, browser.runtime.id);
    if (!request) return undefined;
    void ready
      .then((bg) => bg.handle(request))
      .then(sendResponse, (error: unknown) =>
        sendResponse({ ok: false, message: error instanceof Error ? error.message : String(error) }),
      );
    return true;
  };
}

export function listen(ready: Promise<Shell>): void {
  browser.runtime.onMessage.addListener(messageListener(ready));
  browser.alarms.onAlarm.addListener((alarm) => {
    void ready.then((bg) => bg.onAlarm(alarm.name));
  });
  browser.notifications.onClicked.addListener((id) => {
    const account = accountOfNotification(id);
    if (account) void openAccount(account);
    void browser.notifications.clear(id);
  });
}
