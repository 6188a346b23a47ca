// What every use case gets: the database, the board cache and where to announce changes.
// A use case's signature: (ctx, actor, target id, input) — the actor first after ctx, then the id of
// what it acts on, then the unparsed body, each left out when the use case has none (public reads
// take no actor: listEvents(ctx), getEvent(ctx, eventId), verifyCertificate(ctx, code)). It checks
// who may call itself, parses its input, and answers with data or a DomainError; never a status.
import type { Db } from '../../db/create-db.ts';
import type { Listeners } from '../listeners.ts';
import type { BoardCache } from './boards/boards.ts';
import type { MarkWriter } from './marks/mark-writer.ts';

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
