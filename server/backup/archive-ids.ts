// Ids from sequences (marks, state changes, flag resolutions, re-mark requests, certifications)
// are this database's, shared by every event: an imported row takes the next ids of this
// database's sequence, never the archive's, so an archive can neither collide with rows made here
// later nor move a sequence (ids near 2^53 once made every later mark fail). The audit log and
// appeals name marks and certifications by the id they had where they were made: that id is kept
// in origin_id, which the audit check reads (server/domain/audit/audit-marks.ts). New ids are given in
// the order of the archive's ids, so "newest first" and (seq, id) orders stay what they were.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/create-db.ts';
import { rowsOf } from '../../db/create-db.ts';
import type { ArchiveRow, EventArchive } from './archive-format.ts';
import { TABLES } from './archive-tables.ts';

/** `count` fresh ids of a table's id sequence, ascending. */
async function nextIds(tx: Tx, table: string, count: number): Promise<number[]> {
  const result = await tx.execute(sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::text AS id
    FROM generate_series(1, ${count}::int)`);
  return rowsOf<{ id: string }>(result)
    .map((r) => Number(r.id))
    .sort((x, y) => x - y);
}

/** The archive's tables with this database's ids in place of the archive's sequence ids. */
export async function withLocalIds(tx: Tx, archive: EventArchive): Promise<Record<string, ArchiveRow[]>> {
  const tables: Record<string, ArchiveRow[]> = {};
  const renumbered = new Map<string, Map<unknown, number>>();
  for (const t of TABLES) {
    let rows = archive.tables[t.name]!;
    if (t.serials.length > 0 && rows.length > 0) {
      if (t.serials.length !== 1 || t.serials[0] !== 'id') throw new Error(`event archive: serials of ${t.name}`);
      const ids = await nextIds(tx, t.name, rows.length);
      const map = new Map<unknown, number>();
      rows = rows
        .slice()
        .sort((x, y) => Number(x.id) - Number(y.id))
        .map((row, i) => {
          map.set(row.id, ids[i]!);
          const origin = t.columns.includes('origin_id') ? { origin_id: row.origin_id ?? row.id } : {};
          return { ...row, id: ids[i]!, ...origin };
        });
      renumbered.set(t.name, map);
    }
    tables[t.name] = rows;
  }
  const certifications = renumbered.get('certifications');
  tables.certificates = tables.certificates!.map((c) => ({
    ...c,
    certification_id: certifications?.get(c.certification_id),
  }));
  // A judge whose PIN hash the archive left out has no PIN here until the organiser issues one.
  tables.judges = tables.judges!.map((j) => ({ ...j, pin_hash: j.pin_hash ?? '' }));
  return tables;
}
