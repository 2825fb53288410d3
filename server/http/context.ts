// What the routes are handed: the server's parts, built once in server/server.ts.
import type { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Sealer } from '../crypto.ts';
import type { Jobs } from '../jobs.ts';
import type { Logger } from '../log.ts';
import type { Mail } from '../mail/service.ts';
import type { MemberCache } from '../member-cache.ts';
import type { OAuthDeps } from '../oauth.ts';
import type { Teams } from '../teams.ts';
import type { Env, Registered } from './api.ts';

export interface ServerContext {
  config: Config;
  teams: Teams;
  /** Members' tokens and teams' versions in memory, kept true by the database's notices. */
  members: MemberCache;
  sealer: Sealer;
  jobs: Jobs | null;
  /** Email (issue #17): its status, the links' keys; sending only with SMTP configured. */
  mail: Mail;
  log: Logger;
  network: OAuthDeps['network'];
  publicUrl: string;
  /** Database reachable and migrations current (/readyz). */
  ready(): Promise<boolean>;
  /** Simulation mode: its extra routes (faults, clock, scenario runs, the consent stand-in). */
  simulation?: { routes: Registered[]; pages?: (app: Hono<Env>) => void };
}
