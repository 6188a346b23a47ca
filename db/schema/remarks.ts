// A chief judge's request that judges mark a criterion of a contestant again. It is open until
// the judge (or, without one named, each judge of the criterion) sends a newer mark.
import { pgTable, text, timestamp, integer, bigserial, index } from 'drizzle-orm/pg-core';
import { contests } from './contests.ts';

export const remarkRequests = pgTable(
  'remark_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    contestant: text('contestant').notNull(),
    criterion: text('criterion').notNull(),
    // null: every judge assigned to the criterion
    judge: text('judge'),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    // The contest seq when asked: a mark with a higher seq answers it.
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('remark_requests_contest').on(t.contestId)],
);
