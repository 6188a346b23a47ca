// What an event archive holds: every table of the event, in an order that satisfies the foreign
// keys on import, each row with all its columns. Row schemas are derived from the Drizzle columns,
// so a column added to an archived table is archived and checked without touching this file;
// a new table must be listed here or in NOT_ARCHIVED (server/test/archive.test.ts checks that).
import { z } from 'zod';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as s from '../../db/schema/index.ts';
import { contest, criterion } from '../../shared/event-file/schema.ts';
import { contestState, markBody } from '../../shared/api.ts';
import { CODE_ALPHABET, CODE_LENGTH } from '../../shared/certification-api.ts';
import { MAX_APPEAL_WINDOW_MINUTES } from '../../shared/appeals-api.ts';
import { idPattern } from '../domain/ids.ts';
import { SIGNATURE_RE } from '../domain/certification/signing.ts';
import { PUBLIC_KEY_RE } from '../../shared/installation-api.ts';

/** Insert order: a table comes after the tables its foreign keys point to. */
export const ARCHIVED_TABLES: readonly PgTable[] = [
  s.events,
  s.organisations,
  s.contests,
  s.sections,
  s.criteria,
  s.contestants,
  s.contestStates,
  s.flagResolutions,
  s.judges,
  s.marks,
  s.remarkRequests,
  s.certifications,
  s.certificates,
  s.appeals,
  s.auditLog,
];

/** Tables that belong to the installation, not to an event. */
export const NOT_ARCHIVED: Readonly<Record<string, string>> = {
  users: 'organiser accounts of this installation',
  sessions: 'sign-in sessions of this installation (judges sign in again with their PINs)',
  settings: 'settings of this installation (its public address)',
  installation_key: "this installation's signing key (server/domain/certification/signing.ts): never leaves it",
  trusted_keys: 'the other installations whose certificates this one trusts',
  event_origins: 'where this installation got an imported event (the archive carries its own origin)',
  sign_in_limits: 'sign-in attempts counted on this installation (they expire within the hour)',
  screens: "this venue's big screens (each registers again when its page opens elsewhere)",
  announcements: "the organiser's messages to this venue's screens and phones, of the day",
};

const INT32 = 2_147_483_647;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// ISO 8601 as PostgreSQL's JSON output writes timestamptz (microseconds, offset), or as JSON.stringify does.
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** A custom issue with a code of the catalogue (shared/errors), as zod reports it. */
const coded = (code: 'archive_bad_id' | 'archive_pin_hash', message: string) => ({ message, params: { code } });
/** An id as this software makes them (server/domain/ids.ts): a guessed or crafted one is refused. */
const madeId = (prefix: string) => {
  const pattern = idPattern(prefix);
  return z.string().refine((id) => pattern.test(id), coded('archive_bad_id', 'is not an id this server makes'));
};
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');
const count = (min: number) => z.number().int().min(min).max(INT32);
// argon2id as hashSecret makes it; the cost is bounded, as checking a PIN must not take seconds or gigabytes.
const ARGON2ID = /^\$argon2id\$v=19\$m=(\d{1,6}),t=(\d{1,2}),p=(\d{1,2})\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}$/;
const pinHash = z.string().refine(
  (h) => {
    if (h === '') return true; // a judge without a PIN yet
    const m = ARGON2ID.exec(h);
    return !!m && Number(m[1]) <= 65_536 && Number(m[2]) <= 4 && Number(m[3]) <= 4;
  },
  coded('archive_pin_hash', 'must be an argon2id PIN hash of bounded cost, or empty'),
);
const certificateCode = z
  .string()
  .refine(
    (c) => c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch)),
    coded('archive_bad_id', 'is not a certificate code this server makes'),
  );
const reason = z.string().trim().min(1).max(1000);
/** Who signed a certification or certificate (certification/signing.ts): a key and a signature of their shape. */
const signed = {
  signing_key: z.string().regex(PUBLIC_KEY_RE, 'must be an Ed25519 public key (base64url)'),
  signature: z.string().regex(SIGNATURE_RE, 'must be an Ed25519 signature (base64url)'),
};

// Columns whose values the server relies on, by the rules the API applies to them; the rest only
// need their column's type. Rules between rows (the event file, marks, states) are in archive-rules.ts.
const COLUMN_RULES: Record<string, Record<string, z.ZodType>> = {
  events: {
    id: madeId('e'),
    file: z.json(),
    audit_seq: count(0),
    audit_head: z.union([z.literal(''), sha256Hex]),
    appeal_window_minutes: count(0).max(MAX_APPEAL_WINDOW_MINUTES),
  },
  contests: {
    id: madeId('c'),
    state: contestState,
    seq: count(0),
    frozen_seq: count(0),
    definition: contest.pick({ sections: true, tieBreak: true, awards: true, teamSize: true, blind: true }),
  },
  criteria: { spec: criterion },
  contest_states: { from_state: contestState, to_state: contestState, reason, seq: count(1) },
  flag_resolutions: { reason, seq: count(0) },
  judges: { id: madeId('j'), pin_hash: pinHash, criteria: z.union([z.literal('*'), z.array(z.string())]) },
  marks: {
    value: markBody.shape.value,
    revision: count(1),
    seq: count(1),
    fingerprint: sha256Hex,
    note: z.string().max(500),
    reason,
    judge: z.string().regex(/^(@.{1,100}|[A-Za-z0-9_-]{1,32})$/, 'must be a judge code or @username'),
  },
  remark_requests: { reason, seq: count(0) },
  certifications: { seq: count(1), digest: sha256Hex, results: z.array(z.json()), ...signed },
  certificates: { code: certificateCode, rank: count(1), total: z.number().finite(), ...signed },
  appeals: {
    id: madeId('ap'),
    status: z.enum(['pending', 'upheld', 'rejected']),
    text: z.string().trim().min(1).max(2000),
    amendment: z.strictObject({ marks: z.array(z.string().regex(/^\d{1,16}$/)), note: z.string().optional() }),
  },
  audit_log: { n: count(1), hash: sha256Hex },
};

/**
 * Columns an archive may leave out: PIN hashes (left out unless the organiser chose to carry them),
 * the origin ids of marks and certifications and the signatures of certifications and certificates
 * (archives written before they existed).
 */
export const OPTIONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  judges: ['pin_hash'],
  marks: ['origin_id'],
  certifications: ['origin_id', 'signing_key', 'signature'],
  certificates: ['signing_key', 'signature'],
};

/** The pattern alone lets through the 31st of February, 25 o'clock or a 20-hour offset. */
function realTime(t: string): boolean {
  const day = t.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  const [h, m, s] = [t.slice(11, 13), t.slice(14, 16), t.slice(17, 19)].map(Number) as [number, number, number];
  const offset = /[+-](\d{2})(:?\d{2})?$/.exec(t);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === day &&
    !day.startsWith('0000') &&
    h < 24 &&
    m < 60 &&
    s < 60 &&
    (!offset || Number(offset[1]) <= 15)
  );
}
const timestamp = z.string().regex(TIMESTAMP_RE, 'must be an ISO-8601 time').refine(realTime, 'must be a real time');

function columnSchema(table: string, col: Column): z.ZodType {
  const base = COLUMN_RULES[table]?.[col.name] ?? typeSchema(table, col);
  const value = col.notNull ? base : base.nullable();
  return OPTIONAL_COLUMNS[table]?.includes(col.name) ? value.optional() : value;
}

function typeSchema(table: string, col: Column): z.ZodType {
  let base: z.ZodType;
  switch (col.columnType) {
    case 'PgText':
      base = z.string();
      break;
    case 'PgUUID':
      base = z.string().regex(UUID_RE, 'must be a UUID');
      break;
    case 'PgInteger':
      base = z
        .number()
        .int()
        .min(-INT32 - 1)
        .max(INT32);
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
      base = timestamp;
      break;
    case 'PgJsonb':
      base = z.json();
      break;
    default:
      // A new column type needs a rule here (the archive test fails until it has one).
      throw new Error(`event archive: no rule for column ${table}.${col.name} of type ${col.columnType}`);
  }
  return base;
}

export interface ArchivedTable {
  name: string;
  table: PgTable;
  columns: string[];
  /** Columns that identify a row (primary key). */
  key: string[];
  /** bigserial columns: an imported row takes this database's next id instead (archive-ids.ts). */
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
