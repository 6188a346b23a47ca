// Responses of the backup endpoints (GET/POST /api/v1/backups, POST /api/v1/events/archive).
import { z } from 'zod';
import type { AuditVerification } from './admin-api.ts';

export type SnapshotReason = 'scheduled' | 'state' | 'manual';

export interface Snapshot {
  file: string;
  reason: SnapshotReason;
  /** ISO-8601 UTC time it was taken. */
  at: string;
  bytes: number;
}

export interface BackupsResponse {
  /** False with PostgreSQL (see `note`), or where the server runs without snapshots. */
  enabled: boolean;
  dir: string | null;
  note?: string;
  snapshots: Snapshot[];
}

export interface ArchiveImportResponse {
  id: string;
  contests: { id: string; code: string }[];
  audit: AuditVerification;
  /** Judges who cannot sign in until the organiser issues them new PINs (the archive left PIN hashes out). */
  judgesWithoutPin: number;
}

/** GET /api/v1/events/:id/archive?pins=include: the judges' PIN hashes travel too (left out by default). */
export const archiveQuery = z.object({
  pins: z.enum(['include', 'omit'], { error: 'must be "include" or "omit"' }).optional(),
});
