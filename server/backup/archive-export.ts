// Export: every archived table's rows of one event, read in one repeatable-read transaction so the
// marks, the audit log and the audit head all belong to the same moment. Judges' PIN hashes are
// left out unless asked for: a 6-digit PIN falls to an offline search in hours, and an archive is
// a file that gets mailed and copied; without them, the judges get new PINs where it is imported.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/create-db.ts';
import { unknownEvent } from '../errors.ts';
import { installationIdentity } from '../domain/certification/signing.ts';
import { ARCHIVE_FORMAT, type ArchiveRow, type EventArchive } from './archive-format.ts';
import { originOf } from './archive-origin.ts';
import { TABLES, type ArchivedTable } from './archive-tables.ts';

function rowsOfEvent(t: ArchivedTable, eventId: string): SQL {
  const ident = (c: string) => sql`x.${sql.identifier(c)}`;
  if (t.name === 'events') return sql`${ident('id')} = ${eventId}`;
  if (t.columns.includes('event_id')) return sql`${ident('event_id')} = ${eventId}`;
  return sql`${ident('contest_id')} IN (SELECT id FROM contests WHERE event_id = ${eventId})`;
}

export async function exportEventArchive(
  db: Db,
  eventId: string,
  version: string,
  opts: { pins: boolean },
): Promise<EventArchive> {
  const origin = originOf(await installationIdentity(db));
  return db.transaction(
    async (tx) => {
      const tables: Record<string, ArchiveRow[]> = {};
      for (const t of TABLES) {
        const order = sql.join(
          t.key.map((c) => sql`x.${sql.identifier(c)}`),
          sql`, `,
        );
        // row_to_json keeps every column, jsonb as JSON and timestamps with their microseconds.
        const result = await tx.execute(sql`
          SELECT coalesce(json_agg(x ORDER BY ${order}), '[]'::json) AS rows
          FROM ${sql.identifier(t.name)} x WHERE ${rowsOfEvent(t, eventId)}`);
        const raw = rowsOf<{ rows: unknown }>(result)[0]?.rows ?? [];
        tables[t.name] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ArchiveRow[];
      }
      if (tables.events!.length === 0) throw unknownEvent();
      if (!opts.pins) tables.judges = tables.judges!.map(({ pin_hash: _, ...judge }) => judge);
      const exportedAt = new Date().toISOString();
      return { format: ARCHIVE_FORMAT, exportedAt, version, origin, event: eventId, tables } as EventArchive;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
