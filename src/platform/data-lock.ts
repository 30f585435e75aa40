import fs from 'node:fs';
import os from 'node:os';

/**
 * One process at a time on an embedded data directory. PGlite keeps the database in files that only one
 * process may open: a command run while the server is up (`lienthong mdm run`, `seed`, a second `serve`)
 * would write the same files from two processes and could damage them. The lock is a file created
 * exclusively beside the data, naming its holder; a lock whose process is gone (a crash, a kill -9) is
 * stale and taken over. Returns the release function.
 */
export function lockDataDir(lockFile: string, purpose = process.argv.slice(2, 4).join(' ') || 'lienthong'): () => void {
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === mine) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(lockFile);
    if (holder && holderIsAlive(holder)) {
      throw new DataDirLockedError(lockFile, holder);
    }
    // stale: its process is gone (or the file is unreadable); remove it and try once more
    fs.rmSync(lockFile, { force: true });
  }
  throw new DataDirLockedError(lockFile, readHolder(lockFile));
}

export interface LockHolder {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `Thư mục dữ liệu đang được một tiến trình khác mở${holder ? ` (PID ${holder.pid}, lệnh "${holder.purpose}", từ ${holder.since})` : ''}. ` +
        'Cơ sở dữ liệu nhúng (PGlite) chỉ cho một tiến trình dùng một lúc: hãy dừng máy chủ (hoặc lệnh kia) rồi chạy lại, ' +
        `hoặc đặt DATABASE_URL để dùng máy chủ PostgreSQL. Tệp khoá: ${lockFile}`,
    );
    this.name = 'DataDirLockedError';
  }
}

function readHolder(lockFile: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Alive when a process with that id exists on this host (EPERM: it exists but is not ours to signal). */
function holderIsAlive(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return true; // another machine's process: we cannot tell, so we do not steal
  if (h.pid === process.pid) return true; // this process already holds it (a second open here is a bug too)
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
