// The event archive file ("format": "jiangxin-archive@1", gzipped JSON): an event with everything
// recorded about it, row by row as the database holds it, so it can be recreated elsewhere as it was.
// Two things differ from the rows: judges' pin_hash is left out unless the organiser asks for it,
// and marks and certifications carry origin_id (absent in archives written before it existed).
// `origin` names the installation that wrote it (archive-origin.ts; absent in older archives).
import { z } from 'zod';
import { archiveOrigin } from './archive-origin.ts';
import { TABLES } from './archive-tables.ts';

export const ARCHIVE_FORMAT = 'jiangxin-archive@1';

export const archiveSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, { error: `must be "${ARCHIVE_FORMAT}"` }),
  exportedAt: z.string(),
  /** Server version that wrote it (informational). */
  version: z.string(),
  origin: archiveOrigin.optional(),
  event: z.string().min(1),
  tables: z.strictObject(Object.fromEntries(TABLES.map((t) => [t.name, z.array(t.row)]))),
});

export type EventArchive = z.infer<typeof archiveSchema>;
export type ArchiveRow = Record<string, unknown>;
