// Appeals (申诉) against a contest's results: what was appealed, when, and the arbitration decision.
import { pgTable, text, jsonb, timestamp, index } from 'drizzle-orm/pg-core';
import { contests } from './contests.ts';

export type AppealStatus = 'pending' | 'upheld' | 'rejected';

export const appeals = pgTable(
  'appeals',
  {
    id: text('id').primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    contestant: text('contestant').notNull(),
    // null: the appeal is about the result as a whole
    criterion: text('criterion'),
    text: text('text').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    status: text('status').$type<AppealStatus>().notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    // What an upheld appeal changed: ids of the marks (corrections) it caused, and any note.
    amendment: jsonb('amendment').$type<{ marks: string[]; note?: string } | null>(),
  },
  (t) => [index('appeals_contest').on(t.contestId)],
);
