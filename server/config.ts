// The server's configuration: command-line flags, then the environment, then an optional JSON config file
// (`--config FILE` or SOCIAL_HEALTH_CONFIG), each field validated with zod so a mistake is reported by name
// before anything starts. Client secrets come only from here, never from a browser (issue #15 "Secrets").
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { NETWORKS, type Network } from '../core/schemas.ts';
import { mailConfig } from './mail/config.ts';

const Client = z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1).optional() });

/** Knobs for the durable jobs; the defaults suit production, tests shorten them. */
const Jobs = z.strictObject({
  /** A check job not finished in this time (a killed process) is handed to another worker. */
  expireSeconds: z.number().int().min(1).default(300),
  /** How often pg-boss looks for expired jobs and runs its upkeep. */
  superviseSeconds: z.number().int().min(1).default(60),
  pollingSeconds: z.number().min(0.5).default(2),
  /** Check jobs one process runs at once (the per-network limits hold across processes on top). */
  localConcurrency: z.number().int().min(1).default(8),
  /** Enqueue the daily checks when the server starts (and every hour after); off only in tests. */
  sweepOnStart: z.boolean().default(true),
});

export const ConfigFile = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  data: z.string().optional(),
  databaseUrl: z.string().optional(),
  publicUrl: z.url().optional(),
  simulate: z.boolean().optional(),
  /** base64 of 32 bytes: the AES-256-GCM key for OAuth tokens at rest. */
  tokenKey: z.string().optional(),
  clients: z.partialRecord(z.enum(NETWORKS), Client).optional(),
  jobs: Jobs.partial().optional(),
  /** Email (issue #17): smtp://user:password@host:587 or smtps://…:465; SMTP_URL in the environment wins. */
  smtpUrl: z.string().optional(),
  /** The sender, e.g. "Social health <alerts@example.com>"; MAIL_FROM in the environment wins. */
  mailFrom: z.string().optional(),
  /** Simulation only: added latency per mock-network request (to watch a sweep, or to test a crash in one). */
  simLatencyMs: z.number().int().min(0).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export interface Config {
  host: string;
  port: number;
  /** The embedded database's folder (ignored with databaseUrl). */
  data: string;
  databaseUrl: string | null;
  /** Where browsers and networks reach this server (OAuth callback); default http://host:port. */
  publicUrl: string | null;
  simulate: boolean;
  tokenKey: string | null;
  clients: Partial<Record<Network, z.infer<typeof Client>>>;
  jobs: z.infer<typeof Jobs>;
  simLatencyMs: number;
  /** server/mail/config.ts reads these; without them email is off and everything else works. */
  mail: { SMTP_URL?: string; MAIL_FROM?: string };
  logLevel: NonNullable<ConfigFile['logLevel']>;
}

export class ConfigError extends Error {}

/** Client ids and secrets from the environment: FACEBOOK_CLIENT_ID, FACEBOOK_CLIENT_SECRET, ... */
function clientsFromEnv(env: NodeJS.ProcessEnv): Config['clients'] {
  const out: Config['clients'] = {};
  for (const n of NETWORKS) {
    const id = env[`${n.toUpperCase()}_CLIENT_ID`];
    const secret = env[`${n.toUpperCase()}_CLIENT_SECRET`];
    if (id) out[n] = { clientId: id, ...(secret ? { clientSecret: secret } : {}) };
  }
  return out;
}

function readFile(path: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new ConfigError(`The config file ${path} is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const SERVE_OPTIONS = {
  simulate: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  config: { type: 'string' },
} as const;

/** Flags > environment > config file > defaults. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): Config {
  const { values } = parseArgs({ args: argv, options: SERVE_OPTIONS, strict: true, allowPositionals: false });
  const filePath = values.config ?? env.SOCIAL_HEALTH_CONFIG;
  const file = filePath ? readFile(filePath) : {};
  const portText = values.port ?? env.PORT;
  const port = portText !== undefined ? Number(portText) : (file.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port/PORT must be a port number (0-65535), got "${portText}".`);
  const jobs = Jobs.parse(file.jobs ?? {});
  return {
    host: values.host ?? env.HOST ?? file.host ?? '127.0.0.1',
    port,
    data: resolve(values.data ?? env.SOCIAL_HEALTH_DATA ?? file.data ?? 'data'),
    databaseUrl: env.DATABASE_URL || file.databaseUrl || null,
    publicUrl: env.PUBLIC_URL ?? file.publicUrl ?? null,
    simulate: values.simulate ?? (env.SIMULATE === '1' || file.simulate === true),
    tokenKey: env.TOKEN_KEY ?? file.tokenKey ?? null,
    clients: { ...file.clients, ...clientsFromEnv(env) },
    jobs,
    simLatencyMs: file.simLatencyMs ?? 0,
    mail: {
      SMTP_URL: env.SMTP_URL || file.smtpUrl,
      MAIL_FROM: env.MAIL_FROM || file.mailFrom,
    },
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? file.logLevel ?? 'info',
  };
}

/** Every secret the configuration holds (the server's secret-leak tests scan for each of them). */
export function configSecrets(config: Config): string[] {
  const out = Object.values(config.clients).flatMap((c) => (c?.clientSecret ? [c.clientSecret] : []));
  if (config.tokenKey) out.push(config.tokenKey);
  // The SMTP sign-in is secret whether or not email is on (a URL without MAIL_FROM still holds it).
  const mail = mailConfig({ ...config.mail, MAIL_FROM: 'secrets@scan.invalid' });
  if (mail.enabled) out.push(...mail.secrets);
  return out;
}
