// An event archive as the tests read and edit it (server/backup/archive-format.ts): rows keyed by
// column name as the database holds them; the columns the tests change or compute with are typed,
// the rest stay unknown.
import { gunzipSync } from 'node:zlib';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { BoardRow } from '../../shared/scoring/types.ts';
import type { ArchiveRow } from '../backup/archive-format.ts';

export interface ArchiveDoc {
  format: string;
  exportedAt: string;
  version: string;
  origin?: unknown;
  event: string;
  tables: ArchiveTables;
}

export interface ArchiveTables {
  [table: string]: ArchiveRow[];
  events: (ArchiveRow & { id: string; file: EventFile; audit_seq: number; audit_head: string })[];
  contests: (ArchiveRow & { id: string; state: string })[];
  contest_states: (ArchiveRow & { from_state: string; to_state: string })[];
  contestants: (ArchiveRow & { contest_id: string; bib: string; name: string; organisation: string })[];
  judges: (ArchiveRow & { id: string; pin_hash?: string })[];
  marks: (ArchiveRow & { id: number; contest_id: string; criterion: string; contestant: string; judge: string })[];
  audit_log: (ArchiveRow & { n: number; kind: string; payload: string; hash: string })[];
  certifications: (ArchiveRow & { id: number; contest_id: string; digest: string; results: BoardRow[] })[];
  certificates: (ArchiveRow & { certification_id: number; code: string; bib: string; name: string; rank: number })[];
}

/** The document of a downloaded archive (gzipped JSON). */
export function archiveDoc(gzipped: Uint8Array): ArchiveDoc {
  return JSON.parse(gunzipSync(gzipped).toString('utf8')) as ArchiveDoc;
}
