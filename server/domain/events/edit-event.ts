// Replacing an event's definition with a new event file (organiser), allowed while every contest
// is still in setup: nothing refers to bibs, criteria or judges before marking starts. Contests
// whose code stays keep their id (links and QR codes stay valid); judges whose code stays keep
// their row, their PIN (when the file gives none) and, unless the PIN changed, their sessions.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { contests, contestants, criteria, events, judges, organisations, sections } from '../../../db/schema/index.ts';
import { parseEventFile, stripPins } from '../../../shared/event-file/parse.ts';
import type { EventEditResult } from '../../../shared/roster-api.ts';
import { refuse, unknownEvent } from '../../errors.ts';
import { invalidEventFile } from './import-event.ts';
import { actorName, requireOrganiser, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import type { DomainCtx } from '../context.ts';
import {
  contestDefinition,
  contestRedefined,
  deleteJudgesBut,
  hashJudgePins,
  insertContestParts,
  organisationRows,
  sameJudges,
  storedByCode,
  upsertJudges,
  type HashedJudge,
  type StoredJudge,
} from './event-store.ts';
import { newId } from '../ids.ts';
import type { Tx } from '../../../db/create-db.ts';
import type { EventFile } from '../../../shared/event-file/schema.ts';

interface StoredContest {
  id: string;
  code: string;
  state: string;
}

function refuseUnlessSetup(list: readonly StoredContest[]): void {
  const busy = list.filter((c) => c.state !== 'setup');
  if (busy.length === 0) return;
  const which = busy.map((c) => `"${c.code}" is in "${c.state}"`).join(', ');
  const message = `the event can be edited only while every contest is in "setup" (before scoring starts): ${which}`;
  throw refuse('conflict:edit_not_setup', message, { contests: busy.map((c) => c.code) });
}

/** Locks the event's contests and the event row; refuses unless all are in setup and the judges are as read. */
async function lockForEdit(tx: Tx, eventId: string, judgesBefore: StoredJudge[]): Promise<StoredContest[]> {
  // Contest rows before the event row, as marks and state changes take them; in id order, so two
  // edits of one event queue instead of deadlocking.
  const before = await tx
    .select({ id: contests.id, code: contests.code, state: contests.state })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.id))
    .for('update');
  await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
  refuseUnlessSetup(before);
  const judgesNow = await tx
    .select({ id: judges.id, code: judges.code, pinHash: judges.pinHash })
    .from(judges)
    .where(eq(judges.eventId, eventId));
  if (!sameJudges(judgesBefore, judgesNow)) {
    throw refuse('conflict:changed_meanwhile', 'the event’s judges changed meanwhile: send the file again');
  }
  return before;
}

/** The judges that leave the event, deleted first, so a code can move to another contest without a clash. */
async function deleteLeavingJudges(tx: Tx, eventId: string, hashed: Map<string, HashedJudge[]>): Promise<void> {
  const keptJudges = [...hashed.values()].flat().flatMap((h) => (h.stored ? [h.stored.id] : []));
  await deleteJudgesBut(tx, eq(judges.eventId, eventId), keptJudges);
}

/** Each contest of the file: the stored one of its code redefined (its id kept), or a new one. */
async function writeContests(
  tx: Tx,
  eventId: string,
  file: EventFile,
  before: StoredContest[],
  hashed: Map<string, HashedJudge[]>,
): Promise<{ id: string; code: string }[]> {
  const ids: { id: string; code: string }[] = [];
  for (const [position, c] of file.contests.entries()) {
    const existing = before.find((b) => b.code === c.code);
    const contestId = existing?.id ?? newId('c');
    if (existing) {
      await tx
        .update(contests)
        .set({ name: c.name, position, definition: contestDefinition(c), seq: sql`${contests.seq} + 1` })
        .where(eq(contests.id, contestId));
      await tx.delete(sections).where(eq(sections.contestId, contestId));
      await tx.delete(criteria).where(eq(criteria.contestId, contestId));
      await tx.delete(contestants).where(eq(contestants.contestId, contestId));
    } else {
      await tx
        .insert(contests)
        .values({ id: contestId, eventId, code: c.code, name: c.name, position, definition: contestDefinition(c) });
    }
    await insertContestParts(tx, contestId, c);
    await upsertJudges(tx, hashed.get(c.code)!, { eventId, contestId });
    ids.push({ id: contestId, code: c.code });
  }
  return ids;
}

/** The event row, its organisations, and the audit entry of the edit. */
async function writeEventRows(
  tx: Tx,
  actor: Actor,
  eventId: string,
  file: EventFile,
  ids: { id: string; code: string }[],
  removed: StoredContest[],
): Promise<void> {
  await tx.delete(organisations).where(eq(organisations.eventId, eventId));
  if (file.organisations.length) await tx.insert(organisations).values(organisationRows(eventId, file));
  await tx
    .update(events)
    .set({ name: file.name, file: stripPins(file) })
    .where(eq(events.id, eventId));
  const judgeCount = file.contests.reduce((n, c) => n + c.judges.length, 0);
  await appendAudit(tx, {
    eventId,
    kind: 'event_edit',
    actor: actorName(actor),
    data: {
      name: file.name,
      contests: ids,
      removedContests: removed.map((c) => ({ id: c.id, code: c.code })),
      contestants: file.contests.reduce((n, c) => n + c.contestants.length, 0),
      judges: judgeCount,
    },
  });
}

export async function editEvent(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
): Promise<EventEditResult> {
  requireOrganiser(actor);
  const [e] = await ctx.db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  const parsed = parseEventFile(input);
  if (!parsed.ok) throw invalidEventFile(parsed.issues);
  const file = parsed.file;
  refuseUnlessSetup(
    await ctx.db
      .select({ id: contests.id, code: contests.code, state: contests.state })
      .from(contests)
      .where(eq(contests.eventId, eventId))
      .orderBy(asc(contests.position)),
  );
  const judgesBefore: StoredJudge[] = await ctx.db
    .select({ id: judges.id, code: judges.code, pinHash: judges.pinHash })
    .from(judges)
    .where(eq(judges.eventId, eventId));
  const byCode = storedByCode(judgesBefore);
  const hashed = new Map<string, HashedJudge[]>();
  for (const c of file.contests) hashed.set(c.code, await hashJudgePins(c.judges, byCode));

  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockForEdit(tx, eventId, judgesBefore);
    const keptCodes = new Set(file.contests.map((c) => c.code));
    const removed = before.filter((c) => !keptCodes.has(c.code));
    await deleteLeavingJudges(tx, eventId, hashed);
    const ids = await writeContests(tx, eventId, file, before, hashed);
    // Last, so judges moved out of a removed contest are not deleted with it.
    if (removed.length)
      await tx.delete(contests).where(
        inArray(
          contests.id,
          removed.map((c) => c.id),
        ),
      );
    await writeEventRows(tx, actor, eventId, file, ids, removed);
    return {
      ids,
      kept: before.filter((b) => keptCodes.has(b.code)).map((b) => b.id),
      removed: removed.map((c) => c.id),
    };
  });

  for (const id of result.kept) await contestRedefined(ctx, id);
  for (const id of result.removed) ctx.boards.invalidate(id);
  const generated = [...hashed.values()]
    .flat()
    .flatMap((h) => (h.generated ? [{ code: h.judge.code, pin: h.generated }] : []));
  return { id: eventId, contests: result.ids, judges: generated };
}
