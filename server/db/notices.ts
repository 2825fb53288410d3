// The database's change notices (LISTEN/NOTIFY, sent by the triggers of migration 0007): what another
// server process committed reaches this one's caches a few milliseconds later, without polling. The
// embedded database delivers them in-process at commit; PostgreSQL on a connection of their own, which
// can be lost. While it is lost notices may be missed, so the handlers hear of every gap and a cache built
// on notices must drop what it holds and read the database until listening is back.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const CHANNEL = 'social_health_changes';

export interface NoticeHandlers {
  notice(payload: string): void;
  /** Notices may have been missed: `listening` false while the connection is lost, true once it is back. */
  gap(listening: boolean): void;
}

export interface Listening {
  close(): Promise<void>;
}

/** Hands each notice to those who asked for its kind (its first word); every gap to all of them. */
export class Notices implements NoticeHandlers {
  private readonly subscribers: Array<{ kinds: ReadonlySet<string>; to: NoticeHandlers }> = [];

  subscribe(kinds: string[], to: NoticeHandlers): void {
    this.subscribers.push({ kinds: new Set(kinds), to });
  }

  notice(payload: string): void {
    const space = payload.indexOf(' ');
    const kind = space < 0 ? payload : payload.slice(0, space);
    for (const s of this.subscribers) if (s.kinds.has(kind)) s.to.notice(payload);
  }

  gap(listening: boolean): void {
    for (const s of this.subscribers) s.to.gap(listening);
  }
}

export async function listenEmbedded(pglite: PGlite, to: NoticeHandlers): Promise<Listening> {
  const unlisten = await pglite.listen(CHANNEL, (payload) => to.notice(payload));
  to.gap(true);
  return { close: () => unlisten() };
}

/** A retry after a lost connection waits this long at first, doubling up to `MAX_RETRY`. */
const FIRST_RETRY = 500;
const MAX_RETRY = 30_000;

/**
 * Listens on its own connection (a pooled one would hand the LISTEN to whoever takes it next). Never
 * throws: an unreachable database is a gap that lasts until a retry connects.
 */
export async function listenPostgres(url: string, to: NoticeHandlers): Promise<Listening> {
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = FIRST_RETRY;
  let closed = false;

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    to.gap(false);
    c.end().catch(() => {});
    later();
  };
  const later = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, MAX_RETRY);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === CHANNEL && client === c) to.notice(m.payload ?? '');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
    } catch {
      c.end().catch(() => {});
      to.gap(false);
      return later();
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    delay = FIRST_RETRY;
    to.gap(true);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
