// One process per embedded data folder: PGlite lets a second process open the same folder and then loses
// rows (design.md, "Server stack"), so the server holds a lock file there and refuses to start beside
// another one. A lock left by a killed process (its pid no longer runs) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.lock';

export class DataDirLocked extends Error {}

/** Folders this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLocked saying which process holds it and what to do. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  if (held.has(file))
    throw new DataDirLocked(`This process already has the data folder ${dir} open; close it first.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(file);
      return () => {
        held.delete(file);
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid) && pid !== process.pid) {
        throw new DataDirLocked(
          `Another server (pid ${pid}) is using the data folder ${dir}. The embedded database allows one process: stop that one first, use another --data folder, or run several processes on PostgreSQL (DATABASE_URL).`,
        );
      }
      // Stale: the process that wrote it is gone (killed or crashed). Take it over.
      unlinkSync(file);
    }
  }
  throw new DataDirLocked(`Could not take the lock ${file}; another server may be starting. Try again.`);
}
