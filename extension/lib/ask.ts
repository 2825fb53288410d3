// A page's request that always ends in a reply (issue #13 finding 6): when the background stops before it
// answers (a service worker stopped mid-consent, an extension reloaded), runtime.sendMessage rejects
// ("The message port closed before a response was received"); the page then says so instead of leaving a
// button waiting for ever.
import { t } from './i18n.ts';
import type { Request } from './protocol.ts';
import type { Reply } from './wire.ts';

export async function ask(
  source: { send(request: Request): Promise<Reply> },
  request: Request,
): Promise<Reply> {
  try {
    // No answer at all (undefined) is the same: nobody handled the request.
    return (await source.send(request)) ?? { ok: false, message: t('noAnswer') };
  } catch {
    return { ok: false, message: t('noAnswer') };
  }
}
