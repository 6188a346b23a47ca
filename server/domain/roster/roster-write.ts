// The writing half of a roster import (roster.ts): in one transaction, the rows locked and checked
// unchanged since the file was read, the contestants or judges stored, organisations the organiser
// confirmed added, and the event file, the contest's seq and the audit log brought up to date.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/create-db.ts';
import { contests, contestants, events, judges, organisations } from '../../../db/schema/index.ts';
import type { ContestState } from '../../../shared/api.ts';
import { stripPins } from '../../../shared/event-file/parse.ts';
import type { EventFile, Organisation } from '../../../shared/event-file/schema.ts';
import type { RosterBody } from '../../../shared/roster-api.ts';
import type { RosterReading } from '../../../shared/roster/index.ts';
import { refuse, unknownEvent } from '../../errors.ts';
import { actorName, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import {
  deleteJudgesBut,
  insertContestants,
  sameJudges,
  upsertJudges,
  type HashedJudge,
  type StoredJudge,
} from '../events/event-store.ts';
import { canonicalJson } from '../ids.ts';

/** What an import writes: the checked file and body, and the judges as read before (with their PINs hashed). */
export interface RosterWrite {
  actor: Actor;
  eventId: string;
  contestId: string;
  body: RosterBody;
  /** The event file as read when the roster was checked, and the contest's place in it. */
  before: EventFile;
  contestIndex: number;
  /** The event file with the roster applied. */
  file: EventFile;
  adding: Organisation[];
  reading: RosterReading;
  stored: StoredJudge[];
  hashed: HashedJudge[];
}

export function notInSetup(contest: string, state: string): void {
  if (state === 'setup') return;
  const message =
    `contest "${contest}" is in "${state}": ` +
    'contestants and judges can be imported only in "setup", before scoring starts';
  // States are stored as text; the column only ever holds a ContestState.
  throw refuse('conflict:roster_not_setup', message, { contest, state: state as ContestState });
}

/**
 * Locks the contest row (against a state change or marks) and the event row (against other writers
 * of the event file), contest before event as marks and state changes take them; refuses unless the
 * contest is in setup and the event is as the file was checked against.
 */
export async function lockRoster(tx: Tx, w: RosterWrite): Promise<void> {
  const [c] = await tx
    .select({ state: contests.state })
    .from(contests)
    .where(eq(contests.id, w.contestId))
    .for('update');
  const [e] = await tx.select({ file: events.file }).from(events).where(eq(events.id, w.eventId)).for('update');
  if (!e || !c) throw unknownEvent();
  notInSetup(w.body.contest, c.state);
  const again =
    w.reading.kind === 'judges'
      ? await tx
          .select({ id: judges.id, code: judges.code, pinHash: judges.pinHash })
          .from(judges)
          .where(eq(judges.contestId, w.contestId))
      : [];
  if (canonicalJson(e.file) !== canonicalJson(w.before) || !sameJudges(w.stored, again)) {
    const message = 'the event changed while the file was being checked: preview the file again';
    throw refuse('conflict:changed_meanwhile', message);
  }
}

/** The file's contestants or judges: replacing the contest's list, or added to it. */
export async function writeRosterRows(tx: Tx, w: RosterWrite): Promise<void> {
  const { contestId, body, reading } = w;
  if (reading.kind === 'contestants') {
    const list = reading.entries.map((x) => x.value);
    if (body.mode === 'replace') await tx.delete(contestants).where(eq(contestants.contestId, contestId));
    const before = body.mode === 'merge' ? w.before.contests[w.contestIndex]!.contestants.length : 0;
    await insertContestants(tx, contestId, list, before);
    return;
  }
  if (body.mode === 'replace') {
    const kept = w.hashed.flatMap((h) => (h.stored ? [h.stored.id] : []));
    await deleteJudgesBut(tx, eq(judges.contestId, contestId), kept);
  }
  await upsertJudges(tx, w.hashed, { eventId: w.eventId, contestId });
}

/** The organisations the organiser confirmed, after the event's own, with their audit entry. */
export async function addRosterOrganisations(tx: Tx, w: RosterWrite): Promise<void> {
  const { eventId, adding } = w;
  if (adding.length === 0) return;
  const after = w.before.organisations.length;
  await tx.insert(organisations).values(adding.map((o, i) => ({ eventId, ...o, position: after + i })));
  await appendAudit(tx, {
    eventId,
    kind: 'organisations_added',
    contestId: w.contestId,
    actor: actorName(w.actor),
    data: { contest: w.body.contest, via: 'roster', organisations: adding },
  });
}

/** The event file as applied, a new seq for the contest's watchers and caches, and the audit entry. */
export async function recordRoster(tx: Tx, w: RosterWrite): Promise<void> {
  const { eventId, contestId, body, adding } = w;
  await tx
    .update(events)
    .set({ file: stripPins(w.file) })
    .where(eq(events.id, eventId));
  // A new seq tells every watcher (and every other cache) that the board changed.
  await tx
    .update(contests)
    .set({ seq: sql`${contests.seq} + 1` })
    .where(eq(contests.id, contestId));
  const { rows, new: added, updated, removed } = w.reading.counts;
  await appendAudit(tx, {
    eventId,
    kind: 'roster',
    contestId,
    actor: actorName(w.actor),
    data: {
      contest: body.contest,
      kind: body.kind,
      mode: body.mode,
      format: body.format,
      rows,
      new: added,
      updated,
      removed,
      ...(adding.length > 0 ? { addedOrganisations: adding.map((o) => o.code) } : {}),
    },
  });
}
