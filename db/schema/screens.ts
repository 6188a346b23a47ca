// The venue's big screens and the organiser's announcements of an event (issue 14). A screen
// registers itself when its /display page connects; the organiser names it and chooses what it
// shows from the console, so its mode survives a reload of the screen and a restart of the server.
import { pgTable, text, jsonb, timestamp, integer, primaryKey, index } from 'drizzle-orm/pg-core';
import type { ScreenMode } from '../../shared/screens.ts';
import { events } from './events.ts';

export const screens = pgTable(
  'screens',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Made by the screen's browser and kept there (localStorage). */
    id: text('id').notNull(),
    /** "Screen 1", "Screen 2"… in the order screens first connected, until the organiser names it. */
    number: integer('number').notNull(),
    name: text('name'),
    /** What the console chose; null: what the screen's address asks for (CONTRACT §10). */
    mode: jsonb('mode').$type<ScreenMode>(),
    firstSeen: timestamp('first_seen', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.id] })],
);

export const announcements = pgTable(
  'announcements',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('announcements_event').on(t.eventId, t.at)],
);
