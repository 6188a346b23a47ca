// What every use case gets: the database, the board cache and where to announce changes.
// A use case's signature: (ctx, actor, target id, input) — the actor first after ctx, then the id of
// what it acts on, then the unparsed body, each left out when the use case has none (public reads
// take no actor: listEvents(ctx), getEvent(ctx, eventId), verifyCertificate(ctx, code)). It checks
// who may call itself, parses its input, and answers with data or a DomainError; never a status.
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
