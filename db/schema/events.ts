// An event and its organisations. The stored event file (without pins) is what export returns.
import { pgTable, text, jsonb, timestamp, integer, primaryKey } from 'drizzle-orm/pg-core';
import type { EventFile } from '../../shared/event-file/schema.ts';

export const events = pgTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  file: jsonb('file').$type<EventFile>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  // Head of the event's audit hash chain: number of entries and hash of the newest one.
  auditSeq: integer('audit_seq').notNull().default(0),
  auditHead: text('audit_head').notNull().default(''),
  // Appeals are accepted until this many minutes after a contest's results were certified.
  appealWindowMinutes: integer('appeal_window_minutes').notNull().default(60),
});

export const organisations = pgTable(
  'organisations',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.code] })],
);
