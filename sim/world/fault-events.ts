// The fault vocabulary (faults.ts) as the schemas scenario files and the team server's fault API validate:
// scenario.md's network-side events, with `at` in a file, without it in the API (they happen now). zod
// lives here, apart from faults.ts, so the extension's production protocol imports the names only.
import { z } from 'zod';
import { Network } from '../../core/schemas.ts';
import { Id } from '../id.ts';
import { IsoInstant } from '../instant.ts';
import { HttpHeaders, HttpStatus, noRedirect } from '../respond.ts';
import type { FaultInput, FaultType } from './faults.ts';

const at = IsoInstant;
const account = Id;
const network = Network;

/** The network-side events' fields but `at`: a scenario's events add it, the team server's simulator does not. */
const FAULT = {
  revoke: { type: z.literal('revoke'), account },
  expireToken: { type: z.literal('expire-token'), account },
  security: { type: z.literal('security'), account },
  inactive: { type: z.literal('inactive'), account },
  deleteAccount: { type: z.literal('delete-account'), account },
  outage: { type: z.literal('outage'), network, until: IsoInstant },
  rateLimit: { type: z.literal('rate-limit'), network, until: IsoInstant },
  respond: {
    type: z.literal('respond'),
    network,
    status: HttpStatus,
    body: z.json(),
    headers: HttpHeaders.optional(),
    times: z.number().int().min(1, { error: 'expected a whole number of at least 1' }).optional(),
  },
};

export const NetworkEvent = [
  z.strictObject({ at, ...FAULT.revoke }),
  z.strictObject({ at, ...FAULT.expireToken }),
  z.strictObject({ at, ...FAULT.security }),
  z.strictObject({ at, ...FAULT.inactive }),
  z.strictObject({ at, ...FAULT.deleteAccount }),
  z.strictObject({ at, ...FAULT.outage }),
  z.strictObject({ at, ...FAULT.rateLimit }),
  z.strictObject({ at, ...FAULT.respond }).superRefine(noRedirect),
] as const;

/** The same events happening now (no `at`): the team server's simulation API injects them. */
export const NetworkFault = [
  z.strictObject(FAULT.revoke),
  z.strictObject(FAULT.expireToken),
  z.strictObject(FAULT.security),
  z.strictObject(FAULT.inactive),
  z.strictObject(FAULT.deleteAccount),
  z.strictObject(FAULT.outage),
  z.strictObject(FAULT.rateLimit),
  z.strictObject(FAULT.respond).superRefine(noRedirect),
] as const;

type Covered = z.infer<(typeof NetworkFault)[number]>;
type Assert<T extends true> = T;
/** Checked when compiling: the schemas cover the vocabulary exactly, and accept only what the world takes. */
export type SchemasMatchVocabulary = Assert<
  [FaultType] extends [Covered['type']]
    ? [Covered['type']] extends [FaultType]
      ? Covered extends FaultInput
        ? true
        : false
      : false
    : false
>;
