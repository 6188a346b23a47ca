// The event's audit log: each entry's hash = sha256(previous hash + n + payload), payload kept verbatim.
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import { events } from './events.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    kind: text('kind').notNull(),
    contestId: text('contest_id'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    payload: text('payload').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.n] }),
    // The entries other than marks, newest first: the latest digests of the facts (server/domain/audit/audit-facts.ts).
    index('audit_log_facts')
      .on(t.eventId, t.n)
      .where(sql`${t.kind} <> 'mark'`),
  ],
);
