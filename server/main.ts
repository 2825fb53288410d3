// npm run server [-- --simulate] [--port N] [--host H] [--data DIR] [--config FILE]
// npm run server -- invite --permission all-accounts [--super-admin] [--user ID] [--name N] [--teams a,b] [--team T]
// Thin wiring: configuration, logger, start, signals. Exit codes: 0 stopped, 1 could not start, 2 bad usage.
import { parseArgs } from 'node:util';
import { Permission } from '../core/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLocked } from './db/lock.ts';
import { openStorage } from './db/open.ts';
import { createLogger } from './log.ts';
import { createInvite } from './members.ts';
import { startServer } from './server.ts';

function inviteLine(code: string, user: string, expiresAt: number): string {
  return `Invite code for "${user}" (single use, valid until ${new Date(expiresAt).toISOString()}):\n  ${code}\nJoin with: POST /api/join {"code": "<code>"}`;
}

async function invite(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      team: { type: 'string' },
      permission: { type: 'string' },
      'super-admin': { type: 'boolean' },
      user: { type: 'string' },
      name: { type: 'string' },
      teams: { type: 'string' },
      data: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const permission = Permission.safeParse(values.permission ?? 'own-accounts');
  if (!permission.success) {
    process.stderr.write(`--permission must be one of ${Permission.options.join(', ')}.\n`);
    return 2;
  }
  const config = loadConfig([
    ...(values.data ? ['--data', values.data] : []),
    ...(values.config ? ['--config', values.config] : []),
  ]);
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.data });
  try {
    const team =
      values.team ??
      (await storage.db.selectFrom('teams').select('id').orderBy('created_at').executeTakeFirst())?.id;
    if (!team) {
      process.stderr.write('There is no team yet: start the server once (npm run server), it creates one.\n');
      return 1;
    }
    const made = await createInvite(
      storage.db,
      {
        teamId: team,
        user: values.user,
        name: values.name,
        permission: permission.data,
        superAdmin: values['super-admin'] ?? false,
        groups: values.teams ? values.teams.split(',').filter(Boolean) : [],
        createdBy: null,
      },
      Date.now(),
    );
    process.stdout.write(`${inviteLine(made.code, made.user, made.expiresAt)}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

async function serveMain(argv: string[]): Promise<number> {
  const config = loadConfig(argv);
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  const mode = config.simulate ? ' (simulation: mock networks, simulated clock, demo team)' : '';
  process.stdout.write(`Social account health team server listening on ${server.url}${mode}\n`);
  process.stdout.write(
    `Storage: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, ${config.data}`}\n`,
  );
  // Said once at start (and in /readyz): without SMTP nothing is emailed and everything else works.
  process.stdout.write(`${server.mail.status.message}\n`);
  if (server.firstInvite) {
    const i = server.firstInvite;
    process.stdout.write(`First start: ${inviteLine(i.code, i.user, i.expiresAt)}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down');
      void server.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

const USAGE = `Usage: npm run server -- [--simulate] [--port N] [--host H] [--data DIR] [--config FILE]
       npm run server -- invite --permission draft-only|own-accounts|all-accounts [--super-admin] [--user ID]
                                [--name NAME] [--teams a,b] [--team TEAM] [--data DIR] [--config FILE]
Environment: PORT, HOST, DATABASE_URL, TOKEN_KEY, PUBLIC_URL, LOG_LEVEL, <NETWORK>_CLIENT_ID / _CLIENT_SECRET,
             SMTP_URL, MAIL_FROM.
The README's "The team server" section says what each does.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return argv[0] === 'invite' ? await invite(argv.slice(1)) : await serveMain(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLocked) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`The server could not start: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
