// Sign-in attempts counted per client address, per account and per trusted device, shared by every
// server process on this database (server/domain/auth/sign-in-guard.ts; rate-limiter-flexible's Drizzle
// store). Without Redis this is the shared store; rows expire and are swept by the limiter.
import { pgTable, text, integer, timestamp, index } from 'drizzle-orm/pg-core';

export const signInLimits = pgTable(
  'sign_in_limits',
  {
    key: text('key').primaryKey(),
    points: integer('points').notNull(),
    expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sign_in_limits_expire').on(t.expire)],
);
