// A real team server process for the e2e journeys (issue #16): `node server/main.ts --simulate` on a free
// port of this machine, with the embedded database in its own temporary folder. Stop and start it again on
// the same port and folder (a restart keeps the team, its members and their tokens).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

export interface TeamServer {
  readonly url: string;
  /** The first start's invite code (the demo team's super admin). */
  readonly firstInvite: string;
  /** A call to the API as a member (the test's own setup: inviting the second member, moving the clock). */
  // biome-ignore lint/suspicious/noExplicitAny: test convenience over JSON answers
  call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  close(): Promise<void>;
}

export async function startTeamServer(): Promise<TeamServer> {
  const data = mkdtempSync(join(tmpdir(), 'sh-e2e-team-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let firstInvite = '';

  const start = async () => {
    const proc = spawn(
      resolve(ROOT, 'node_modules/.bin/node'),
      ['server/main.ts', '--simulate', '--port', String(port), '--data', data],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d) => {
      out += d;
    });
    proc.stderr!.on('data', (d) => {
      err += d;
    });
    const deadline = Date.now() + 60_000;
    while (!out.includes('listening on')) {
      if (proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`The team server did not start:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The invite line follows "First start:" on the first start only.
    await new Promise((r) => setTimeout(r, 200));
    const invite = /First start: .*\n\s+(\S+)/.exec(out)?.[1];
    if (invite) firstInvite = invite;
  };

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((done) => proc.once('exit', done));
    proc.kill('SIGTERM');
    await exited;
  };

  await start();
  if (!firstInvite) throw new Error('The team server printed no first invite code');
  return {
    url,
    get firstInvite() {
      return firstInvite;
    },
    async call(method, path, token, body) {
      const r = await fetch(url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        redirect: 'manual',
      });
      const text = await r.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = { location: r.headers.get('location') };
      }
      return { status: r.status, json };
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}
