// Snapshot files are named for what they hold, so listing a folder needs no sidecar files:
// jiangxin-<UTC time, ':' and '.' as '-'>-<reason>.tar.gz. The name is also the download id,
// so only names of exactly this shape are ever opened (no paths, no traversal).
export const REASONS = ['scheduled', 'state', 'manual'] as const;
export type SnapshotReason = (typeof REASONS)[number];

export interface SnapshotInfo {
  file: string;
  reason: SnapshotReason;
  /** ISO-8601 UTC time the snapshot was taken. */
  at: string;
  bytes: number;
}

const NAME_RE = /^jiangxin-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(scheduled|state|manual)\.tar\.gz$/;

export function snapshotName(at: Date, reason: SnapshotReason): string {
  const iso = at.toISOString(); // 2024-05-01T10:20:30.123Z
  return `jiangxin-${iso.replace(/[:.]/g, '-')}-${reason}.tar.gz`;
}

/** Reason and time of a snapshot file name, or null for any other name. */
export function parseSnapshotName(file: string): { reason: SnapshotReason; at: string } | null {
  const m = NAME_RE.exec(file);
  if (!m) return null;
  const at = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
  if (Number.isNaN(Date.parse(at))) return null;
  return { reason: m[6] as SnapshotReason, at };
}
