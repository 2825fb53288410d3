// The server's small parts: configuration precedence and errors, the token sealer (AES-256-GCM), the key
// file's mode, deterministic job ids, and the data-folder lock taking over a stale lock of a killed process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig } from '../../server/config.ts';
import { KEY_FILE, loadKey, Sealer, uuidFrom } from '../../server/crypto.ts';
import { DataDirLocked, LOCK_FILE, lockDataDir } from '../../server/db/lock.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sh-basic-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('configuration', () => {
  it('binds 127.0.0.1 by default; flags beat the environment, which beats the config file', () => {
    const dir = temp();
    const file = join(dir, 'c.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 9000, host: '0.0.0.0', clients: { x: { clientId: 'from-file' } } }),
    );
    expect(loadConfig([], {})).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      simulate: false,
      databaseUrl: null,
    });
    const c = loadConfig(['--config', file, '--port', '9100'], {
      PORT: '9200',
      X_CLIENT_ID: 'from-env',
      X_CLIENT_SECRET: 's3cret',
    });
    expect(c).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      clients: { x: { clientId: 'from-env', clientSecret: 's3cret' } },
    });
    expect(loadConfig(['--simulate', '--data', dir], { DATABASE_URL: 'postgres://h/db' })).toMatchObject({
      simulate: true,
      data: dir,
      databaseUrl: 'postgres://h/db',
    });
  });

  it('SMTP_URL and MAIL_FROM come from the environment or the config file; their secrets are known to the scan', () => {
    const dir = temp();
    const file = join(dir, 'c.json');
    writeFileSync(
      file,
      JSON.stringify({
        smtpUrl: 'smtp://file-user:file-Pa55@mail.example:587',
        mailFrom: 'Health <a@x.example>',
      }),
    );
    expect(loadConfig(['--config', file], {}).mail).toEqual({
      SMTP_URL: 'smtp://file-user:file-Pa55@mail.example:587',
      MAIL_FROM: 'Health <a@x.example>',
    });
    const env = loadConfig(['--config', file], { SMTP_URL: 'smtps://env-user:env-Pa55@mail.example' });
    expect(env.mail.SMTP_URL).toBe('smtps://env-user:env-Pa55@mail.example');
    expect(configSecrets(env)).toEqual(expect.arrayContaining(['env-user', 'env-Pa55']));
    expect(configSecrets(loadConfig([], { SMTP_URL: 'smtp://u-only:p-only@h.example' }))).toEqual(
      expect.arrayContaining(['u-only', 'p-only']),
    );
    expect(loadConfig([], {}).mail).toEqual({ SMTP_URL: undefined, MAIL_FROM: undefined });
  });

  it('a bad value is named, before anything starts', () => {
    const dir = temp();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty', colour: 'blue' }));
    expect(() => loadConfig(['--config', file], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--config', file], {})).toThrow(/port/);
    expect(() => loadConfig(['--port', 'x'], {})).toThrow(/--port\/PORT must be a port number/);
  });
});

describe('secrets at rest', () => {
  it('AES-256-GCM: a sealed token opens only with its key and its row binding; tampering is detected', () => {
    const sealer = new Sealer(Buffer.alloc(32, 1));
    const sealed = sealer.seal('access-token-value', 'token|team|acc');
    expect(sealed).not.toContain('access-token-value');
    expect(sealer.seal('access-token-value', 'token|team|acc')).not.toBe(sealed);
    expect(sealer.open(sealed, 'token|team|acc')).toBe('access-token-value');
    expect(() => sealer.open(sealed, 'token|team|other')).toThrow();
    expect(() => new Sealer(Buffer.alloc(32, 2)).open(sealed, 'token|team|acc')).toThrow();
    const [iv, tag, body] = sealed.split('.');
    const flipped = `${iv}.${tag}.${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;
    expect(() => sealer.open(flipped, 'token|team|acc')).toThrow();
  });

  it('the embedded key is generated once into the data folder with mode 0600; TOKEN_KEY must be 32 bytes', () => {
    const dir = temp();
    const key = loadKey({ tokenKey: null, dataDir: dir });
    expect(key).toHaveLength(32);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadKey({ tokenKey: null, dataDir: dir }).equals(key)).toBe(true);
    expect(() => loadKey({ tokenKey: 'c2hvcnQ=', dataDir: null })).toThrow(/32 bytes/);
    expect(() => loadKey({ tokenKey: null, dataDir: null })).toThrow(/Set TOKEN_KEY/);
  });

  it('job ids are the same UUID for the same name in every process, and differ otherwise', () => {
    expect(uuidFrom('check|t|a|1')).toBe(uuidFrom('check|t|a|1'));
    expect(uuidFrom('check|t|a|1')).not.toBe(uuidFrom('check|t|a|2'));
    expect(uuidFrom('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('data-folder lock', () => {
  it('a lock left by a process that no longer runs is taken over; a live one is refused', () => {
    const dir = temp();
    // A pid that has exited: a finished child's.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
    release();
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(/Another server \(pid \d+\)/);
  });
});
