// Judges of a contest. PINs are stored only as argon2 hashes.
import { pgTable, text, jsonb, boolean, unique, index } from 'drizzle-orm/pg-core';
import { events } from './events.ts';
import { contests } from './contests.ts';

export const judges = pgTable(
  'judges',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    pinHash: text('pin_hash').notNull(),
    criteria: jsonb('criteria').$type<'*' | string[]>().notNull(),
    organisation: text('organisation'),
    chief: boolean('chief').notNull().default(false),
    shadow: boolean('shadow').notNull().default(false),
  },
  (t) => [unique('judges_event_code').on(t.eventId, t.code), index('judges_contest').on(t.contestId)],
);
