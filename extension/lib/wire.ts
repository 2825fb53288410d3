// The zod-free half of the message protocol, for pages: the reply shape and the change broadcast.
// (Importing a value from protocol.ts would bundle zod into the popup.)
/**
 * A refusal carries the core's rule id and message key + params (lib/refusal.ts translates them). A person's
 * check that went ahead although a network had asked to wait says until when (R11, issue #13).
 */
export type Reply =
  | { ok: true; askedToWait?: Array<{ account: string; until: number }> }
  | { ok: false; message: string; rule?: string; key?: string; params?: Record<string, string | number> };

/** Background -> pages: the stored view changed; pages re-read it. */
export const CHANGED = 'state-changed';
export interface ChangedBroadcast {
  type: typeof CHANGED;
}

export function isChanged(message: unknown, sender: { id?: string }, ownId: string): boolean {
  return sender.id === ownId && (message as Partial<ChangedBroadcast> | null)?.type === CHANGED;
}
