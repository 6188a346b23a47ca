// What every use case gets: the database, the board cache and where to announce changes.
import type { Db } from '../../db/create-db.ts';
import type { BoardCache } from './boards/boards.ts';
import type { MarkWriter } from './marks/mark-writer.ts';

export interface ChangeSink {
  /** A contest's board changed (called after the commit, never inside a transaction). */
  contestChanged(contestId: string): void;
}

export interface DomainCtx {
  db: Db;
  boards: BoardCache;
  changes: ChangeSink;
  writer: MarkWriter;
}
