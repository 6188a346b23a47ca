// A contest with its sections, criteria and contestants, and the history of its states.
import {
  pgTable,
  text,
  jsonb,
  timestamp,
  integer,
  doublePrecision,
  primaryKey,
  unique,
  bigserial,
  index,
} from 'drizzle-orm/pg-core';
import type { Contest, Criterion } from '../../shared/event-file/schema.ts';
import { events } from './events.ts';

export type ContestDefinition = Pick<Contest, 'sections' | 'tieBreak' | 'awards' | 'teamSize' | 'blind'>;

export const contests = pgTable(
  'contests',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    state: text('state').notNull().default('setup'),
    // Grows with every accepted change of the contest (CONTRACT §7); also the contest's write lock.
    seq: integer('seq').notNull().default(0),
    // While frozen, public boards show the board as of frozenSeq.
    frozenSeq: integer('frozen_seq'),
    definition: jsonb('definition').$type<ContestDefinition>().notNull(),
  },
  (t) => [unique('contests_event_code').on(t.eventId, t.code)],
);

export const sections = pgTable(
  'sections',
  {
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    weight: doublePrecision('weight').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.code] })],
);

export const criteria = pgTable(
  'criteria',
  {
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    sectionCode: text('section_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    max: doublePrecision('max').notNull(),
    spec: jsonb('spec').$type<Criterion>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.code] })],
);

export const contestants = pgTable(
  'contestants',
  {
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    bib: text('bib').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    station: text('station'),
    status: text('status').notNull().default('active'),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.bib] })],
);

export const contestStates = pgTable(
  'contest_states',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    from: text('from_state').notNull(),
    to: text('to_state').notNull(),
    reason: text('reason'),
    actor: text('actor').notNull(),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('contest_states_contest').on(t.contestId)],
);

export const flagResolutions = pgTable(
  'flag_resolutions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    contestant: text('contestant').notNull(),
    criterion: text('criterion').notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    // The contest seq at acceptance: marks up to it are accepted, a later mark can raise the flag again.
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('flag_resolutions_contest_seq').on(t.contestId, t.seq)],
);
