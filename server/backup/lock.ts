// DATA_DIR/jiangxin-server.lock says which process has the embedded database open, so that
// `npm run restore` refuses to swap the database under a running server.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'jiangxin-server.lock';

export interface LockInfo {
  pid: number;
  port?: number;
  startedAt: string;
}

export function takeLock(dataDir: string, port?: number): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(info));
  return () => {
    // Only our own lock: a second server started by mistake must not remove the first one's.
    if (readLock(dataDir)?.pid === process.pid) rmSync(path, { force: true });
  };
}

function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** The lock of a live process, or null (no lock, or one left behind by a process that has ended). */
export function liveLock(dataDir: string): LockInfo | null {
  const info = readLock(dataDir);
  if (!info || !Number.isInteger(info.pid)) return null;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? info : null;
  }
}
