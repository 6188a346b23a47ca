// The HTTP status of a write the domain reports as an outcome (CONTRACT §6): a new row is 201 Created,
// a retry answered with the row already stored is 200.
import type { WriteOutcome } from '../domain/marks/mark-writer.ts';

const STATUS_OF_WRITE = { created: 201, replayed: 200 } as const satisfies Record<WriteOutcome, number>;

export const statusOfWrite = (outcome: WriteOutcome) => STATUS_OF_WRITE[outcome];
