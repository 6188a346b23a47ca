// Import: recreate an archived event in one transaction, after checking every row by the rules
// the API applies (archive-tables.ts for each value, archive-rules.ts between rows). Text ids
// (event, contests, judges, appeals, certificate codes) stay the same, as links and QR codes name
// them; ids from sequences are this database's (archive-ids.ts).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { events } from '../../db/schema/index.ts';
import { DomainError, fromZod, invalid, refuse } from '../errors.ts';
import { englishErrorMap, issue } from '../../shared/errors/index.ts';
import type { ArchiveImportResponse } from '../../shared/backups-api.ts';
import { verifyAudit } from '../domain/audit/audit.ts';
import { archiveSchema } from './archive-format.ts';
import { withLocalIds } from './archive-ids.ts';
import { recordOrigin } from './archive-origin.ts';
import { archiveIssues, MAX_ISSUES } from './archive-rules.ts';
import { TABLES } from './archive-tables.ts';

const CHUNK = 2000;

/** `importedBy`: who imports it, recorded with where the archive came from (archive-origin.ts). */
export async function importEventArchive(db: Db, input: unknown, importedBy: string): Promise<ArchiveImportResponse> {
  const parsed = archiveSchema.safeParse(input, { error: englishErrorMap });
  if (!parsed.success) {
    const err = fromZod(parsed.error, input);
    const issues = err.extra.issues ?? [];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const message = `the archive is not valid: ${err.message}${more}`;
    throw invalid(message, issues.slice(0, MAX_ISSUES), 'validation_failed:archive');
  }
  const archive = parsed.data;
  const issues = archiveIssues(archive);
  if (issues.length) {
    const first = `${issues[0]!.path}: ${issues[0]!.message}`;
    throw invalid(`the archive is not consistent: ${first}`, issues, 'validation_failed:archive');
  }

  const eventId = archive.event;
  const [existing] = await db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (existing) {
    const message = `event ${eventId} is already in this database (the archive was imported before)`;
    throw refuse('conflict:archive_imported', message, { event: eventId });
  }

  let judgesWithoutPin = 0;
  try {
    await db.transaction(async (tx) => {
      const tables = await withLocalIds(tx, archive);
      judgesWithoutPin = tables.judges!.filter((j) => j.pin_hash === '').length;
      for (const t of TABLES) {
        const rows = tables[t.name]!;
        for (let i = 0; i < rows.length; i += CHUNK) {
          const json = JSON.stringify(rows.slice(i, i + CHUNK));
          // PostgreSQL converts each JSON field to its column's type, every column included.
          await tx.execute(sql`INSERT INTO ${sql.identifier(t.name)}
            SELECT * FROM json_populate_recordset(NULL::${sql.identifier(t.name)}, ${json}::json)`);
        }
      }
      await recordOrigin(tx, archive, importedBy);
    });
  } catch (err) {
    throw asRefusal(err) ?? err;
  }
  const contests = (archive.tables.contests ?? [])
    .slice()
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((c) => ({ id: String(c.id), code: String(c.code) }));
  return { id: eventId, contests, audit: await verifyAudit(db, eventId), judgesWithoutPin };
}

/** Database refusals caused by the archive's content, as 409 (already here) or 400 (bad value). */
function asRefusal(err: unknown): DomainError | null {
  for (
    let e = err as { code?: unknown; detail?: unknown; message?: unknown; cause?: unknown } | undefined, d = 0;
    e && d < 5;
    e = e.cause as typeof e, d++
  ) {
    if (typeof e.code !== 'string' || !/^2[23]/.test(e.code)) continue;
    const detail = typeof e.detail === 'string' && e.detail ? e.detail : String(e.message ?? '');
    if (e.code === '23505') {
      const message =
        `this database already holds data the archive brings (${detail}); ` +
        "import it into a database without that event's ids";
      return refuse('conflict:archive_clash', message);
    }
    const message = `the database refuses a value of the archive (${detail})`;
    return invalid(message, [issue('tables', 'db_refused', detail)], 'validation_failed:archive');
  }
  return null;
}
