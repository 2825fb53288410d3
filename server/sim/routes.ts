// The simulation's API: inject a network-side fault (scenario.md's network events, at the current
// simulated instant), move the clock (the rules due on the way fire at their own instants), play a
// scenario file exactly as `npm run simulate` prints it, and the stand-in for the networks' consent pages.
import type { Hono } from 'hono';
import { z } from 'zod';
import { NETWORKS } from '../../core/index.ts';
import { ConsentError } from '../../runtime/flow.ts';
import { runScenario } from '../../sim/runner.ts';
import { NetworkFault, validateScenario } from '../../sim/scenario.ts';
import { faultOf } from '../../sim/world/faults.ts';
import { type Env, type Registered, route } from '../http/api.ts';
import type { ServerContext } from '../http/context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { CONSENT_PATH, type Simulated } from './wiring.ts';

const network = z.enum(NETWORKS);
const until = z.iso.datetime({ offset: true });

/**
 * scenario.md's network-side events without `at`: they happen now (the same schemas as scenario files,
 * the same vocabulary and effects as every simulating shell: sim/world/faults.ts).
 */
export const SimFault = z.discriminatedUnion('type', [...NetworkFault]).meta({ id: 'SimFault' });

const Clock = z
  .strictObject({
    /** Milliseconds to move forward. */
    advance: z.number().int().min(0).optional(),
    /** An instant to move forward to (never backwards). */
    to: until.optional(),
  })
  .refine((b) => (b.advance === undefined) !== (b.to === undefined), {
    error: 'give exactly one of "advance" or "to"',
  });

const flag = z.enum(['', '1', 'true']).optional();

export function simulationRoutes(ctx: ServerContext, sim: Simulated): Registered[] {
  const teams = async () => (await ctx.teams.db.selectFrom('teams').select('id').execute()).map((t) => t.id);
  return [
    route(
      {
        method: 'post',
        path: '/api/sim/faults',
        summary: 'Simulation: inject a network-side fault now (scenario.md network events)',
        auth: 'member',
        body: SimFault,
        response: z.object({ now: z.string() }),
      },
      async (c, { body, member }) => {
        if ('account' in body && !(await ctx.teams.read(member.teamId)).state.accounts.has(body.account))
          throw notFound(`Account "${body.account}"`);
        sim.inject(faultOf(body));
        await sim.saveWorld();
        return c.json({ now: new Date(sim.now()).toISOString() });
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/sim/clock',
        summary: 'Simulation: move the clock forward; the rules due on the way fire at their instants',
        auth: 'member',
        body: Clock,
        response: z.object({ now: z.string() }),
      },
      async (c, { body }) => {
        const ms = body.advance ?? Math.max(0, Date.parse(body.to!) - sim.now());
        await sim.advance(ms);
        for (const id of await teams()) await ctx.teams.step(id, async () => {});
        return c.json({ now: new Date(sim.now()).toISOString() });
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/sim/run',
        summary: 'Simulation: play a scenario file; answers exactly what `npm run simulate -- FILE` prints',
        auth: 'member',
        query: z.object({ pretty: flag, changedOnly: flag, fast: flag }),
        response: null,
        raw: 'The report JSON followed by a newline, byte for byte the CLI output',
      },
      async (c, { query }) => {
        const checked = validateScenario(await c.req.text());
        if (!checked.ok)
          throw new ApiError(
            400,
            'invalid-scenario',
            `The scenario file is not valid (nothing was run): ${checked.errors.join('; ')}`,
          );
        const report = await runScenario(checked.scenario, {
          changedOnly: query.changedOnly !== undefined,
          transport: query.fast !== undefined ? 'direct' : 'msw',
        });
        const json = JSON.stringify(report, null, query.pretty !== undefined ? 2 : undefined);
        return c.body(`${json}\n`, 200, { 'Content-Type': 'application/json' });
      },
    ),
  ];
}

/** GET /sim/consent: the network's consent page, answered for the account (allow, or `deny=1`). */
export function simulationPages(sim: Simulated) {
  return (app: Hono<Env>) => {
    app.get(CONSENT_PATH, async (c) => {
      const { account: id, network: net, to, deny } = c.req.query();
      const parsed = network.safeParse(net);
      if (!id || !to || !parsed.success)
        throw new ApiError(
          400,
          'invalid-query',
          'This consent link is incomplete. Ask the server for a new consent URL.',
        );
      try {
        const location = await sim.consent(to, { id, network: parsed.data }, !deny);
        return c.redirect(location, 302);
      } catch (error) {
        if (!(error instanceof ConsentError)) throw error;
        throw new ApiError(502, 'consent-failed', `Simulated ${net}: ${error.message}`);
      }
    });
  };
}
