// The typed message protocol between the extension's pages and its background. Every incoming message is
// parsed with zod before anything acts on it; pages import the types only (no zod in their bundles).
import { z } from 'zod/mini';
import { Access, DigestFrequency, Network, PostVisibility } from '../../core/schemas.ts';
import { FAULT_TYPES, type FaultType } from '../../sim/world/faults.ts';

export { CHANGED, type Reply } from './wire.ts';

/** Network-side events the simulator panel injects: the simulated world's one fault vocabulary. */
export const SIM_FAULTS = FAULT_TYPES;
export type SimFault = FaultType;

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** A client id only: a request carrying a secret is refused (the extension never holds one, issue #16). */
const ClientSetting = z.strictObject({ clientId: z.string().check(z.maxLength(500)) });

export const Request = z.discriminatedUnion('type', [
  /** A page opened: run the rules due by now (R1, R5, R6) and rebuild the view. */
  z.strictObject({ type: z.literal('wake') }),
  /** Keeps the service worker alive while a consent page waits for the user (no lock, no work). */
  z.strictObject({ type: z.literal('ping') }),
  /** Health check of every connected account, or of one (R11). */
  z.strictObject({ type: z.literal('check-now'), account: z.optional(id) }),
  /**
   * A new account on `network` through its consent (issue #13): the background names it; a consent that
   * brings back an account already here reconnects that one (runtime/identity.ts). R8, S3, S6 apply.
   */
  z.strictObject({
    type: z.literal('connect'),
    network: Network,
    postVisibility: z.optional(PostVisibility),
  }),
  /** R4/R7/R8: full consent flow. */
  z.strictObject({ type: z.literal('reconnect'), account: id }),
  /** R7: re-authorize before the due date; S4: an X account changes its post visibility this way. */
  z.strictObject({
    type: z.literal('refresh-connection'),
    account: id,
    postVisibility: z.optional(PostVisibility),
  }),
  /** R3/R10. */
  z.strictObject({ type: z.literal('disconnect'), account: id }),
  /** Settings (S1, S2, S5, S7, S8): applied through core as the current user; refused ones change nothing. */
  z.strictObject({ type: z.literal('set-access'), account: id, access: Access }),
  z.strictObject({ type: z.literal('set-default'), account: id, value: z.boolean() }),
  z.strictObject({ type: z.literal('set-autopublish'), account: id, blog: z.nullable(id) }),
  z.strictObject({ type: z.literal('assign-brand'), account: id, brand: z.nullable(id) }),
  z.strictObject({ type: z.literal('set-digest'), frequency: DigestFrequency, monthlyReport: z.boolean() }),
  /** Who "I" am (simulation: switch between the demo team's users). */
  z.strictObject({ type: z.literal('set-current-user'), user: id }),
  /** Real mode: OAuth client registrations from the options page. */
  z.strictObject({ type: z.literal('set-clients'), clients: z.partialRecord(Network, ClientSetting) }),
  /** Simulation: what a network can do to an account or to all its calls (scenario.md network events). */
  z.strictObject({
    type: z.literal('sim-inject'),
    fault: z.enum(SIM_FAULTS),
    account: z.optional(id),
    network: z.optional(Network),
    /** outage: hours; rate-limit: minutes, from now. */
    amount: z.optional(z.number().check(z.positive(), z.lte(100_000))),
    /** Instead of `amount`: the instant it ends (epoch ms), as a scenario file's `until`. */
    until: z.optional(z.number().check(z.int(), z.positive())),
    response: z.optional(
      z.strictObject({
        status: z.number().check(z.int(), z.gte(100), z.lte(599)),
        body: z.unknown(),
        headers: z.optional(z.record(z.string(), z.string())),
        times: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
      }),
    ),
  }),
  /** Simulation: move the simulated clock forward by `ms`, or to the next due rule instant. */
  z.strictObject({
    type: z.literal('sim-advance'),
    ms: z.optional(z.number().check(z.int(), z.positive(), z.lte(5 * 366 * 86_400_000))),
    next: z.optional(z.literal(true)),
  }),
  /** Simulation: back to a fresh demo team, no faults, the wall clock. */
  z.strictObject({ type: z.literal('sim-reset') }),
  /** Simulation: the consent page's answer for a pending consent request. */
  z.strictObject({
    type: z.literal('consent-answer'),
    request: id,
    allow: z.boolean(),
    /** A connect's consent page signed in as this account of the team instead of a new network user. */
    as: z.optional(id),
  }),
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
