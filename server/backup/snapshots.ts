// The snapshot folder (DATA_DIR/backups): list, write atomically, prune.
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSnapshotName, snapshotName, type SnapshotInfo, type SnapshotReason } from './names.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TEMP_PREFIX = '.writing-';

export async function listSnapshots(dir: string): Promise<SnapshotInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: SnapshotInfo[] = [];
  for (const file of names) {
    const parsed = parseSnapshotName(file);
    if (!parsed) continue;
    try {
      const s = await stat(join(dir, file));
      if (s.isFile()) out.push({ file, ...parsed, bytes: s.size });
    } catch {
      // removed while listing (pruned): not a snapshot any more
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.file < b.file ? 1 : -1));
}

/**
 * Writes the bytes under a temporary name, flushes them to the disk and renames: a snapshot file
 * is either complete or absent, even when the disk fills up or the power goes halfway.
 */
export async function writeSnapshot(
  dir: string,
  reason: SnapshotReason,
  bytes: Uint8Array,
  at = new Date(),
): Promise<SnapshotInfo> {
  await mkdir(dir, { recursive: true });
  let when = at;
  let file = snapshotName(when, reason);
  // Two snapshots in one millisecond would share a name; the later one moves on by a millisecond.
  while (await exists(join(dir, file))) {
    when = new Date(when.getTime() + 1);
    file = snapshotName(when, reason);
  }
  const temp = join(dir, `${TEMP_PREFIX}${file}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, file));
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
  return { file, reason, at: when.toISOString(), bytes: bytes.byteLength };
}

/**
 * Keeps the newest `keep` scheduled snapshots and the state-change snapshots of the last day;
 * manual ones are kept until someone deletes them. Returns the files deleted.
 */
export async function pruneSnapshots(dir: string, keep: number, now = Date.now()): Promise<string[]> {
  const all = await listSnapshots(dir);
  const doomed: string[] = [];
  all
    .filter((s) => s.reason === 'scheduled')
    .slice(keep)
    .forEach((s) => doomed.push(s.file));
  all.filter((s) => s.reason === 'state' && now - Date.parse(s.at) > DAY_MS).forEach((s) => doomed.push(s.file));
  for (const file of doomed) await unlink(join(dir, file)).catch(() => {});
  return doomed;
}

/** Half-written files of a server that stopped while writing one (only called before any snapshot starts). */
export async function removeLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(TEMP_PREFIX)) await unlink(join(dir, n)).catch(() => {});
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
