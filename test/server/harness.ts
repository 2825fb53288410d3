// An in-process team server for the tests, on the embedded database or on the suite's PostgreSQL, with
// every log line and every response body recorded, so a test can scan them for secrets (issue #15: no
// token or client secret in any response body, log line, event-log entry or error message).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import { inject } from 'vitest';
import type { TokenSet } from '../../adapters/types.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { internals } from '../../mocks/world.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/types.ts';
import { createLogger } from '../../server/log.ts';
import { type RunningServer, startServer } from '../../server/server.ts';
import { createDatabase } from './postgres.ts';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience over JSON answers
  json: any;
}

/** Everything a server said, for the secret scan. */
export class Recorder {
  readonly logs: string[] = [];
  readonly bodies: string[] = [];
  readonly secrets = new Set<string>(Object.values(MOCK_CLIENTS).map((c) => c.clientSecret));

  stream(): Writable {
    return new Writable({
      write: (chunk, _enc, done) => {
        this.logs.push(String(chunk));
        done();
      },
    });
  }

  addTokens(t: TokenSet): void {
    this.secrets.add(t.accessToken);
    if (t.refreshToken) this.secrets.add(t.refreshToken);
  }

  /**
   * Member tokens and invite codes: answered once by design (join, invite), so they may appear in the
   * response that issued them, but never in a log line or the event log.
   */
  readonly credentials = new Set<string>();

  /** Every secret found in a log line, a response body, an event-log entry or an email, with where. */
  leaks(events: string[] = [], emails: string[] = []): string[] {
    const found: string[] = [];
    const scan = (secrets: Set<string>, places: string[][]) => {
      for (const secret of secrets) {
        if (secret.length < 8) continue;
        for (const [where, text] of places)
          if (text!.includes(secret)) found.push(`${where}: …${secret.slice(0, 6)}…`);
      }
    };
    const logs = this.logs.map((l) => ['log', l]);
    const evs = events.map((e) => ['event', e]);
    const mails = emails.map((m) => ['email', m]);
    scan(this.secrets, [...logs, ...this.bodies.map((b) => ['response', b]), ...evs, ...mails]);
    scan(this.credentials, [...logs, ...evs, ...mails]);
    return found;
  }
}

export interface TestServer {
  server: RunningServer;
  recorder: Recorder;
  url: string;
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<Answer>;
  close(): Promise<void>;
}

/** Makes `dir` an embedded data folder holding an empty database, copied from the run's template. */
export function embeddedFolder(dir: string): string {
  cpSync(join(inject('pgliteTemplate'), 'pg'), join(dir, 'pg'), { recursive: true });
  return dir;
}

export async function databaseFor(
  backend: Backend,
  name: string,
): Promise<{ databaseUrl: string | null; data: string; cleanup(): void }> {
  const data = mkdtempSync(join(tmpdir(), 'sh-srv-'));
  const cleanup = () => rmSync(data, { recursive: true, force: true });
  if (backend === 'pglite') {
    embeddedFolder(data);
    return { databaseUrl: null, data, cleanup };
  }
  return { databaseUrl: await createDatabase(inject('postgresUrl'), `${name}_${Date.now()}`), data, cleanup };
}

export function testConfig(
  db: { databaseUrl: string | null; data: string },
  extra: Partial<Config> = {},
): Config {
  const base = loadConfig(['--simulate', '--port', '0', '--data', db.data], {});
  return {
    ...base,
    databaseUrl: db.databaseUrl,
    tokenKey: db.databaseUrl ? Buffer.alloc(32, 7).toString('base64') : null,
    logLevel: 'debug',
    ...extra,
    jobs: { ...base.jobs, pollingSeconds: 0.5, sweepOnStart: false, ...extra.jobs },
  };
}

export async function startTestServer(
  backend: Backend,
  name: string,
  extra: Partial<Config> = {},
): Promise<TestServer> {
  const db = await databaseFor(backend, name);
  const recorder = new Recorder();
  const config = testConfig(db, extra);
  if (config.tokenKey) recorder.secrets.add(config.tokenKey);
  const server = await startServer(config, createLogger('debug', recorder.stream()));
  if (server.firstInvite) recorder.credentials.add(server.firstInvite.code);
  const call = caller(server, recorder);
  return {
    server,
    recorder,
    url: server.url,
    call,
    close: async () => {
      await server.close();
      db.cleanup();
    },
  };
}

/** A TestServer over a server the test started itself (restarts on one database); close keeps the data. */
export function testServer(server: RunningServer, recorder: Recorder): TestServer {
  return { server, recorder, url: server.url, call: caller(server, recorder), close: () => server.close() };
}

export function caller(server: RunningServer, recorder: Recorder): TestServer['call'] {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    recorder.bodies.push(text, res.headers.get('location') ?? '');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/**
 * The secret scan of issue #15 for one server: every token and code the mock networks ever issued, the
 * client secrets, the token key, SMTP credentials, member tokens and invite codes, against every log line,
 * response body, event-log and email-outbox entry the server produced, and every email it sent (`emails`).
 */
export async function leaksOf(t: TestServer, emails: string[] = []): Promise<string[]> {
  if (t.server.sim) {
    const s = internals(t.server.sim.world);
    for (const k of s.tokens.keys()) t.recorder.secrets.add(k);
    for (const k of s.codes.keys()) t.recorder.secrets.add(k);
  }
  const db = t.server.storage.db;
  const events = await db.selectFrom('events').select(['detail', 'rejected']).execute();
  // What the email outbox recorded (facts, SMTP replies, reasons) is scanned like the event log.
  const outbox = await db.selectFrom('email_outbox').select(['facts', 'reason', 'response']).execute();
  return t.recorder.leaks(
    [...events, ...outbox].map((e) => JSON.stringify(e)),
    emails,
  );
}

/** Joins with an invite code, registering an extension redirect URL; records the token as a secret. */
export async function joinWith(
  t: TestServer,
  code: string,
  redirectUrl = REDIRECT,
  contact: { email?: string; locale?: string; timeZone?: string } = {},
): Promise<string> {
  t.recorder.credentials.add(code);
  const r = await t.call('POST', '/api/join', { body: { code, redirectUrl, ...contact } });
  if (r.status !== 201) throw new Error(`join failed: ${r.status} ${r.text}`);
  t.recorder.credentials.add(r.json.token);
  return r.json.token;
}

export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** Connects a new account through the server's consent flow (simulation mode plays the network's page). */
export async function connectAccount(t: TestServer, token: string, network: string, account: string) {
  const consent = await t.call('POST', '/api/consent', {
    token,
    body: { action: 'connect', network, account },
  });
  if (!consent.json?.url) throw new Error(`no consent URL: ${consent.text}`);
  const page = await fetch(consent.json.url, { redirect: 'manual' });
  const done = await t.call('GET', page.headers.get('location')!.replace(t.url, ''));
  const result = new URL(done.headers.get('location')!).searchParams.get('result');
  if (result !== 'ok') throw new Error(`connect ${account} failed: ${done.headers.get('location')}`);
}

/** Polls until `ok` holds (or the time is up: the caller's assertion then says what was missing). */
export async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Scheduled checks per account, from the event log: a sweep's `checked` event holds a batch's results
 * (runtime/sweep.ts), each naming its account.
 */
export async function scheduledChecks(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await sql<{ account: string; n: string }>`
    select r->>'account' as account, count(*) as n
      from events e, jsonb_array_elements(e.detail->'results') r
     where e.type = 'checked' and e.source = 'schedule'
     group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.account, Number(r.n)]));
}
