// The typed message protocol between the extension's pages and its background. Every incoming message is
// parsed with zod before anything acts on it; pages import the types only (no zod in their bundles).
import { z } from 'zod';
import { Network } from '../../core/schemas.ts';

export { CHANGED, type Reply } from './wire.ts';

const id = z.string().min(1).max(200);

const ClientSetting = z.strictObject({
  clientId: z.string().max(500),
  clientSecret: z.string().max(500).optional(),
});

export const Request = z.discriminatedUnion('type', [
  /** A page opened: run the rules due by now (R1, R5, R6) and rebuild the view. */
  z.strictObject({ type: z.literal('wake') }),
  /** Keeps the service worker alive while a consent page waits for the user (no lock, no work). */
  z.strictObject({ type: z.literal('ping') }),
  /** Health check of every connected account, or of one (R11). */
  z.strictObject({ type: z.literal('check-now'), account: id.optional() }),
  /** R4/R7/R8: full consent flow. */
  z.strictObject({ type: z.literal('reconnect'), account: id }),
  /** R7: re-authorize before the due date. */
  z.strictObject({ type: z.literal('refresh-connection'), account: id }),
  /** R3/R10. */
  z.strictObject({ type: z.literal('disconnect'), account: id }),
  /** Who "I" am (simulation: switch between the demo team's users). */
  z.strictObject({ type: z.literal('set-current-user'), user: id }),
  /** Real mode: OAuth client registrations from the options page. */
  z.strictObject({ type: z.literal('set-clients'), clients: z.partialRecord(Network, ClientSetting) }),
  /** Simulation: the consent page's answer for a pending consent request. */
  z.strictObject({ type: z.literal('consent-answer'), request: id, allow: z.boolean() }),
]);
export type Request = z.infer<typeof Request>;

interface Sender {
  id?: string;
}

/**
 * The request, or null for anything to ignore: messages from other extensions or web pages
 * (`sender.id` is not ours) and messages that do not match the protocol.
 */
export function parseRequest(message: unknown, sender: Sender, ownId: string): Request | null {
  if (sender.id !== ownId) return null;
  const parsed = Request.safeParse(message);
  return parsed.success ? parsed.data : null;
}
