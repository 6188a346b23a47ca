// What every use case gets: the database, the board cache and where to announce changes.
import type { Db } from '../../db/create-db.ts';
import type { Listeners } from '../listeners.ts';
import type { BoardCache } from './boards.ts';
import type { MarkWriter } from './mark-writer.ts';

/** A change to a contest's board was committed (emitted after the commit, never inside a transaction). */
export interface Committed {
  contestId: string;
  /** Marks the commit stored; 0 for other changes (a state, a flag, a definition) or when unknown. */
  marks: number;
}

export interface DomainCtx {
  db: Db;
  boards: BoardCache;
  /** Listened to by the realtime layer (local watchers, other processes), the metrics and the backups. */
  committed: Listeners<Committed>;
  writer: MarkWriter;
}
