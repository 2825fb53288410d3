// The zod-free half of the message protocol, for pages: the reply shape and the change broadcast.
// (Importing a value from protocol.ts would bundle zod into the popup.)
/** A refusal carries the core's rule id and message key + params (lib/refusal.ts translates them). */
export type Reply =
  | { ok: true }
  | { ok: false; message: string; rule?: string; key?: string; params?: Record<string, string | number> };

/** Background -> pages: the stored view changed; pages re-read it. */
export const CHANGED = 'state-changed';
export interface ChangedBroadcast {
  type: typeof CHANGED;
}

export function isChanged(message: unknown, sender: { id?: string }, ownId: string): boolean {
  return sender.id === ownId && (message as Partial<ChangedBroadcast> | null)?.type === CHANGED;
}
