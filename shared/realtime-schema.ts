// zod schemas of realtime payloads, apart from shared/realtime.ts so that browsers need not load zod.
import { z } from 'zod';

// Contest ids are opaque but plain: letters, digits, - and _.
export const watchPayload = z.strictObject({
  contest: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a contest id'),
  /** Compact deltas (shared/realtime.ts CompactBoardUpdate), beyond the contract. */
  compact: z.boolean().optional(),
});
