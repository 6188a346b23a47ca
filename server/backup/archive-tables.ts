// What an event archive holds: every table of the event, in an order that satisfies the foreign
// keys on import, each row with all its columns. Row schemas are derived from the Drizzle columns,
// so a column added to an archived table is archived and checked without touching this file;
// a new table must be listed here or in NOT_ARCHIVED (server/test/archive.test.ts checks that).
import { z } from 'zod';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as s from '../../db/schema/index.ts';
import { contest, criterion } from '../../shared/event-file/schema.ts';
import { parseEventFile } from '../../shared/event-file/parse.ts';

/** Insert order: a table comes after the tables its foreign keys point to. */
export const ARCHIVED_TABLES: readonly PgTable[] = [
  s.events, s.organisations, s.contests, s.sections, s.criteria, s.contestants, s.contestStates,
  s.flagResolutions, s.judges, s.marks, s.remarkRequests, s.certifications, s.certificates, s.appeals, s.auditLog,
];

/** Tables that belong to the installation, not to an event. */
export const NOT_ARCHIVED: Readonly<Record<string, string>> = {
  users: 'organiser accounts of this installation',
  sessions: 'sign-in sessions of this installation (judges sign in again with their PINs)',
  settings: 'settings of this installation (its public address)',
};

const INT32 = 2_147_483_647;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// ISO 8601 as PostgreSQL's JSON output writes timestamptz (microseconds, offset), or as JSON.stringify does.
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

const eventFileValue = z.unknown().superRefine((value, ctx) => {
  const parsed = parseEventFile(value);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    ctx.addIssue({ code: 'custom', message: `not a valid event file${first ? ` (${first.path}: ${first.message})` : ''}` });
  }
});

// jsonb columns whose content the server relies on; the others only need to be JSON.
const JSONB_SHAPES: Record<string, Record<string, z.ZodType>> = {
  events: { file: eventFileValue },
  contests: { definition: contest.pick({ sections: true, tieBreak: true, awards: true, teamSize: true, blind: true }) },
  criteria: { spec: criterion },
  judges: { criteria: z.union([z.literal('*'), z.array(z.string())]) },
  marks: { value: z.union([z.number(), z.boolean()]) },
  certifications: { results: z.array(z.json()) },
};

function columnSchema(table: string, col: Column): z.ZodType {
  const shaped = JSONB_SHAPES[table]?.[col.name];
  let base: z.ZodType;
  switch (col.columnType) {
    case 'PgText':
      base = z.string();
      break;
    case 'PgUUID':
      base = z.string().regex(UUID_RE, 'must be a UUID');
      break;
    case 'PgInteger':
      base = z.number().int().min(-INT32 - 1).max(INT32);
      break;
    case 'PgBigSerial53':
    case 'PgBigInt53':
      base = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
      break;
    case 'PgDoublePrecision':
      base = z.number();
      break;
    case 'PgBoolean':
      base = z.boolean();
      break;
    case 'PgTimestamp':
      base = z.string().regex(TIMESTAMP_RE, 'must be an ISO-8601 time');
      break;
    case 'PgJsonb':
      base = shaped ?? z.json();
      break;
    default:
      // A new column type needs a rule here (the archive test fails until it has one).
      throw new Error(`event archive: no rule for column ${table}.${col.name} of type ${col.columnType}`);
  }
  return col.notNull ? base : base.nullable();
}

export interface ArchivedTable {
  name: string;
  table: PgTable;
  columns: string[];
  /** Columns that identify a row (primary key). */
  key: string[];
  /** bigserial columns whose sequence must move past imported ids. */
  serials: string[];
  row: z.ZodType<Record<string, unknown>>;
}

function describe(table: PgTable): ArchivedTable {
  const name = getTableName(table);
  const cols = Object.values(getTableColumns(table)) as Column[];
  const shape: Record<string, z.ZodType> = {};
  for (const c of cols) shape[c.name] = columnSchema(name, c);
  const composite = getTableConfig(table).primaryKeys[0]?.columns.map((c) => c.name);
  const key = composite ?? cols.filter((c) => c.primary).map((c) => c.name);
  if (!cols.some((c) => c.name === 'event_id' || c.name === 'contest_id') && name !== 'events') {
    throw new Error(`event archive: table ${name} has neither event_id nor contest_id`);
  }
  return {
    name,
    table,
    columns: cols.map((c) => c.name),
    key,
    serials: cols.filter((c) => c.columnType === 'PgBigSerial53').map((c) => c.name),
    row: z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>,
  };
}

export const TABLES: readonly ArchivedTable[] = ARCHIVED_TABLES.map(describe);
