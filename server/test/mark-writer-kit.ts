// What the mark writer's tests share (server/domain/mark-writer*.test.ts): the example event open
// for scoring on a database, marks to hand over, a writer that records its commits, and what each
// caller was told.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/create-db.ts';
import { appendAudit } from '../domain/audit/audit.ts';
import { storeEventFile } from '../domain/events/import-event.ts';
import type { Committed } from '../domain/context.ts';
import { MarkWriter, type PendingMark, type WriteResult } from '../domain/marks/mark-writer.ts';
import { Listeners } from '../listeners.ts';
import { exampleEvent, uuid } from './harness.ts';

export interface OpenEvent {
  eventId: string;
  /** courier (bibs C001…C024) and rider (R001…R020); both have the criterion 'exam'. */
  contestIds: string[];
}

/** Imports the example event and opens its contests for scoring. */
export async function openEvent(db: Db): Promise<OpenEvent> {
  const imported = await storeEventFile(db, exampleEvent('new-economy-contest'), 'test');
  const contestIds = imported.contests.map((c) => c.id);
  for (const id of contestIds) await setState(db, id, 'scoring');
  return { eventId: imported.id, contestIds };
}

/** Sets a contest's state as a state change records it: the row and its audit entry, in one transaction. */
export async function setState(db: Db, contestId: string, state: string) {
  await db.transaction(async (tx) => {
    const found = await tx.execute(sql`SELECT event_id, state FROM contests WHERE id = ${contestId} FOR UPDATE`);
    const [row] = rowsOf<{ event_id: string; state: string }>(found);
    await tx.execute(sql`UPDATE contests SET state = ${state} WHERE id = ${contestId}`);
    const data = { from: row!.state, to: state };
    await appendAudit(tx, { eventId: row!.event_id, kind: 'state', contestId, actor: 'test', data });
  });
}

export async function contestSeq(db: Db, contestId: string): Promise<number> {
  const [row] = rowsOf<{ seq: number }>(await db.execute(sql`SELECT seq FROM contests WHERE id = ${contestId}`));
  return Number(row!.seq);
}

/** A writer that records each committed batch as [contest, marks stored]. */
export function writerWithLog(db: Db) {
  const committed = new Listeners<Committed>();
  const commits: [string, number][] = [];
  committed.on(({ contestId, marks }) => void commits.push([contestId, marks]));
  const writer = new MarkWriter(db, committed);
  return { writer, commits };
}

export type MarkSpec = Partial<PendingMark> & {
  contestant: string;
  value?: number;
  clientId?: string;
  reason?: string;
};

/** A mark of the criterion 'exam' (in the first contest unless told), as marks.ts hands it over. */
export function pendingMark(ev: OpenEvent, o: MarkSpec): PendingMark {
  const body = {
    contestant: o.contestant,
    criterion: 'exam',
    value: o.value ?? 80,
    clientId: o.clientId ?? uuid(),
    reason: o.reason,
  };
  const contestId = o.contestId ?? ev.contestIds[0]!;
  return {
    contestId,
    eventId: ev.eventId,
    body,
    judge: o.judge ?? 'c-j1',
    actor: `judge:${o.judge ?? 'c-j1'}`,
    mayCorrect: o.mayCorrect ?? false,
    shadow: false,
    // As marks.ts makes it: a digest of the contest and the body.
    fingerprint: o.fingerprint ?? `${contestId}/${body.contestant}/${body.value}/${body.reason ?? ''}`,
  };
}

/** What a caller was told: created, replayed, or the refusal's key. */
export function outcome(r: WriteResult): string {
  if ('error' in r) return r.error.key;
  return r.outcome;
}

/** The stored mark a caller was given (throws on a refusal). */
export function rowOf(r: WriteResult) {
  if ('error' in r) throw new Error(`refused: ${r.error.key}`);
  return r.row;
}
