// The typed message protocol between the extension's pages and its background. Every incoming message is
// parsed with zod before anything acts on it; pages import the types only (no zod in their bundles).
import { z } from 'zod';
import { Access, DigestFrequency, Network, PostVisibility } from '../../core/schemas.ts';
import { FAULT_TYPES, type FaultType } from '../../sim/world/faults.ts';

export { CHANGED, type Reply } from './wire.ts';

/** Network-side events the simulator panel injects: the simulated world's one fault vocabulary. */
export const SIM_FAULTS = FAULT_TYPES;
export type SimFault = FaultType;

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
  /** R7: re-authorize before the due date; S4: an X account changes its post visibility this way. */
  z.strictObject({
    type: z.literal('refresh-connection'),
    account: id,
    postVisibility: PostVisibility.optional(),
  }),
  /** R3/R10. */
  z.strictObject({ type: z.literal('disconnect'), account: id }),
  /** Settings (S1, S2, S5, S7, S8): applied through core as the current user; refused ones change nothing. */
  z.strictObject({ type: z.literal('set-access'), account: id, access: Access }),
  z.strictObject({ type: z.literal('set-default'), account: id, value: z.boolean() }),
  z.strictObject({ type: z.literal('set-autopublish'), account: id, blog: id.nullable() }),
  z.strictObject({ type: z.literal('assign-brand'), account: id, brand: id.nullable() }),
  z.strictObject({ type: z.literal('set-digest'), frequency: DigestFrequency, monthlyReport: z.boolean() }),
  /** Who "I" am (simulation: switch between the demo team's users). */
  z.strictObject({ type: z.literal('set-current-user'), user: id }),
  /** Real mode: OAuth client registrations from the options page. */
  z.strictObject({ type: z.literal('set-clients'), clients: z.partialRecord(Network, ClientSetting) }),
  /** Simulation: what a network can do to an account or to all its calls (scenario.md network events). */
  z.strictObject({
    type: z.literal('sim-inject'),
    fault: z.enum(SIM_FAULTS),
    account: id.optional(),
    network: Network.optional(),
    /** outage: hours; rate-limit: minutes, from now. */
    amount: z.number().positive().max(100_000).optional(),
    /** Instead of `amount`: the instant it ends (epoch ms), as a scenario file's `until`. */
    until: z.number().int().positive().optional(),
    response: z
      .strictObject({
        status: z.number().int().min(100).max(599),
        body: z.unknown(),
        headers: z.record(z.string(), z.string()).optional(),
        times: z.number().int().min(1).max(1000).optional(),
      })
      .optional(),
  }),
  /** Simulation: move the simulated clock forward by `ms`, or to the next due rule instant. */
  z.strictObject({
    type: z.literal('sim-advance'),
    ms: z
      .number()
      .int()
      .positive()
      .max(5 * 366 * 86_400_000)
      .optional(),
    next: z.literal(true).optional(),
  }),
  /** Simulation: back to a fresh demo team, no faults, the wall clock. */
  z.strictObject({ type: z.literal('sim-reset') }),
  /** Simulation: the consent page's answer for a pending consent request. */
  z.strictObject({ type: z.literal('consent-answer'), request: id, allow: z.boolean() }),
  /** Team mode (issue #16): the options page joined a team (lib/team-join.ts); switch to team mode. */
  z.strictObject({ type: z.literal('team-joined') }),
  /** Team mode: forget the membership and its token (the server revokes it when it answers). */
  z.strictObject({ type: z.literal('team-leave') }),
  /** Team mode: read the member's view from the server now. */
  z.strictObject({ type: z.literal('team-refresh') }),
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
