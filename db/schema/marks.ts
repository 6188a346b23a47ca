// Every accepted mark revision. Nothing is updated or deleted: a correction is a new revision.
import {
  pgTable,
  text,
  jsonb,
  timestamp,
  integer,
  boolean,
  bigserial,
  bigint,
  uuid,
  unique,
  index,
} from 'drizzle-orm/pg-core';
import { contests } from './contests.ts';

export const marks = pgTable(
  'marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    contestant: text('contestant').notNull(),
    criterion: text('criterion').notNull(),
    judge: text('judge').notNull(),
    value: jsonb('value').$type<number | boolean>().notNull(),
    revision: integer('revision').notNull(),
    // Made by the client once per mark; the UNIQUE constraint is what makes retries safe.
    clientId: uuid('client_id').notNull().unique('marks_client_id'),
    // Digest of the request that made the mark: a replay with another body is a conflict.
    fingerprint: text('fingerprint').notNull(),
    note: text('note'),
    reason: text('reason'),
    shadow: boolean('shadow').notNull().default(false),
    seq: integer('seq').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // A mark brought by an event archive gets a new id here; this is the id it had where it was made,
    // which its audit entry and appeals name (null for marks made here).
    originId: bigint('origin_id', { mode: 'number' }),
  },
  (t) => [
    unique('marks_revision').on(t.contestId, t.contestant, t.criterion, t.judge, t.revision),
    index('marks_contest_seq').on(t.contestId, t.seq),
  ],
);
