// Import: recreate an archived event with the same ids in one transaction. Ids stay the same because
// the audit log (whose hashes must still verify) and appeals name marks and contests by id.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { events } from '../../db/schema/index.ts';
import { DomainError, fromZod, invalid, refuse, type Issue } from '../errors.ts';
import { englishErrorMap, issue } from '../../shared/errors/index.ts';
import { verifyAudit, type AuditVerification } from '../domain/audit.ts';
import { archiveSchema, type ArchiveRow, type EventArchive } from './archive-format.ts';
import { TABLES } from './archive-tables.ts';

const MAX_ISSUES = 100;
const CHUNK = 2000;

export interface ArchiveImported {
  id: string;
  contests: { id: string; code: string }[];
  audit: AuditVerification;
}

export async function importEventArchive(db: Db, input: unknown): Promise<ArchiveImported> {
  const parsed = archiveSchema.safeParse(input, { error: englishErrorMap });
  if (!parsed.success) {
    const err = fromZod(parsed.error, input);
    const issues = err.extra.issues ?? [];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const message = `the archive is not valid: ${err.message}${more}`;
    throw invalid(message, issues.slice(0, MAX_ISSUES), 'validation_failed:archive');
  }
  const archive = parsed.data;
  const issues = referenceIssues(archive);
  if (issues.length) {
    const first = `${issues[0]!.path}: ${issues[0]!.message}`;
    throw invalid(`the archive is not consistent: ${first}`, issues.slice(0, MAX_ISSUES), 'validation_failed:archive');
  }

  const eventId = archive.event;
  const [existing] = await db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (existing) {
    const message = `event ${eventId} is already in this database (the archive was imported before)`;
    throw refuse('conflict:archive_imported', message, { event: eventId });
  }

  try {
    await db.transaction(async (tx) => {
      for (const t of TABLES) {
        const rows = archive.tables[t.name]!;
        for (let i = 0; i < rows.length; i += CHUNK) {
          const json = JSON.stringify(rows.slice(i, i + CHUNK));
          // PostgreSQL converts each JSON field to its column's type, every column included.
          await tx.execute(sql`INSERT INTO ${sql.identifier(t.name)}
            SELECT * FROM json_populate_recordset(NULL::${sql.identifier(t.name)}, ${json}::json)`);
        }
        if (rows.length === 0) continue;
        for (const col of t.serials) {
          // Later inserts take ids after the largest one, whichever is larger: the archive's or this database's.
          await tx.execute(sql`SELECT setval(s.seq, GREATEST(
              (SELECT max(${sql.identifier(col)}) FROM ${sql.identifier(t.name)}),
              coalesce(pg_sequence_last_value(s.seq), 1)))
            FROM (SELECT pg_get_serial_sequence(${t.name}, ${col})::regclass AS seq) s`);
        }
      }
    });
  } catch (err) {
    throw asRefusal(err) ?? err;
  }
  const contests = (archive.tables.contests ?? [])
    .slice()
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((c) => ({ id: String(c.id), code: String(c.code) }));
  return { id: eventId, contests, audit: await verifyAudit(db, eventId) };
}

/** Rows that would point outside the archive's event: refused before anything is written. */
function referenceIssues(a: EventArchive): Issue[] {
  const issues: Issue[] = [];
  const add = (table: string, i: number, col: string, found: (path: string) => Issue) => {
    if (issues.length < MAX_ISSUES) issues.push(found(`tables.${table}[${i}].${col}`));
  };
  const wrongEvent = (path: string) =>
    issue(path, 'archive_wrong_event', `must be the archive's event "${a.event}"`, { event: a.event });
  const eventRows = a.tables.events!;
  if (eventRows.length !== 1) issues.push(issue('tables.events', 'archive_event_count', 'must hold exactly one event'));
  else if (eventRows[0]!.id !== a.event) add('events', 0, 'id', wrongEvent);
  const contestIds = new Set(a.tables.contests!.map((c) => c.id));
  const certificationIds = new Set(a.tables.certifications!.map((c) => c.id));
  for (const t of TABLES) {
    const seen = new Set<string>();
    a.tables[t.name]!.forEach((row: ArchiveRow, i) => {
      if (t.columns.includes('event_id') && row.event_id !== a.event) add(t.name, i, 'event_id', wrongEvent);
      if (t.columns.includes('contest_id') && row.contest_id !== null && !contestIds.has(row.contest_id)) {
        const message = 'names no contest of the archive';
        add(t.name, i, 'contest_id', (path) => issue(path, 'archive_dangling', message, { what: 'contest' }));
      }
      if (t.name === 'certificates' && !certificationIds.has(row.certification_id)) {
        const message = 'names no certification of the archive';
        const what = 'certification';
        add(t.name, i, 'certification_id', (path) => issue(path, 'archive_dangling', message, { what }));
      }
      const key = JSON.stringify(t.key.map((c) => row[c]));
      const twice = (path: string) => issue(path, 'archive_duplicate_row', 'appears twice');
      if (seen.has(key)) add(t.name, i, t.key.join('+'), twice);
      seen.add(key);
    });
  }
  return issues;
}

/** Database refusals caused by the archive's content, as 409 (already here) or 400 (bad value). */
function asRefusal(err: unknown): DomainError | null {
  for (let e = err as { code?: unknown; detail?: unknown; message?: unknown; cause?: unknown } | undefined, d = 0; e && d < 5; e = e.cause as typeof e, d++) {
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
