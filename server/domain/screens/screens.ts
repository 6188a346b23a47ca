// The venue's big screens of an event (issue 14): a screen registers when its page connects (the
// realtime side, server/realtime/screens.ts), the organiser names it and sets its mode from the
// console. Mode changes are audited; reveal steps are not (they are the ceremony, not a decision).
import { and, asc, count, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { contests, events, screens } from '../../../db/schema/index.ts';
import { MAX_SCREENS, type RevealAction, type ScreenMode } from '../../../shared/screens.ts';
import { refuse, unknownEvent } from '../../errors.ts';
import { appendAudit } from '../audit/audit.ts';

export type ScreenRow = typeof screens.$inferSelect;

/** The screen, added with the next number when new; refused for an unknown event or past MAX_SCREENS. */
export async function registerScreen(db: Db, eventId: string, screenId: string): Promise<ScreenRow> {
  const now = new Date();
  const [seen] = await db
    .update(screens)
    .set({ lastSeen: now })
    .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)))
    .returning();
  if (seen) return seen;
  return db.transaction(async (tx) => {
    // The event row's lock numbers screens that connect at the same moment one after the other.
    const [ev] = await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
    if (!ev) throw unknownEvent();
    const [{ n, top } = { n: 0, top: 0 }] = await tx
      .select({ n: count(), top: max(screens.number) })
      .from(screens)
      .where(eq(screens.eventId, eventId));
    if (n >= MAX_SCREENS) {
      throw refuse('conflict:too_many_screens', `an event keeps at most ${MAX_SCREENS} screens`, {
        limit: MAX_SCREENS,
      });
    }
    const [row] = await tx
      .insert(screens)
      .values({ eventId, id: screenId, number: (top ?? 0) + 1, firstSeen: now, lastSeen: now })
      .onConflictDoUpdate({ target: [screens.eventId, screens.id], set: { lastSeen: now } })
      .returning();
    return row!;
  });
}

export async function listScreens(db: Db, eventId: string): Promise<ScreenRow[]> {
  return db.select().from(screens).where(eq(screens.eventId, eventId)).orderBy(asc(screens.number));
}

export async function readScreen(db: Db, eventId: string, screenId: string): Promise<ScreenRow> {
  const [row] = await db
    .select()
    .from(screens)
    .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)));
  if (!row) throw refuse('not_found:screen', 'unknown screen');
  return row;
}

/** A contest of the event by its code (a mode names contests as the console and addresses do). */
export async function contestByCode(db: Db, eventId: string, code: string): Promise<{ id: string; name: string }> {
  const [c] = await db
    .select({ id: contests.id, name: contests.name })
    .from(contests)
    .where(and(eq(contests.eventId, eventId), eq(contests.code, code)));
  if (!c) throw refuse('not_found:contest', `no contest "${code}" in this event`, { contest: code });
  return c;
}

/** Sets a screen's mode (null: what its address asks for), with an audit entry. */
export async function setScreenMode(
  db: Db,
  eventId: string,
  screenId: string,
  mode: ScreenMode | null,
  actor: string,
): Promise<ScreenRow> {
  const contest = mode && (mode.kind === 'contest' || mode.kind === 'reveal') ? mode.contest : null;
  const contestId = contest ? (await contestByCode(db, eventId, contest)).id : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(screens)
      .set({ mode })
      .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)))
      .returning();
    if (!row) throw refuse('not_found:screen', 'unknown screen');
    await appendAudit(tx, {
      eventId,
      kind: 'screen.mode',
      contestId,
      actor,
      data: { screen: row.name ?? `#${row.number}`, mode },
    });
    return row;
  });
}

/** The next reveal step after `action`, within the `total` places of the board. */
export function nextStep(step: number, action: RevealAction, total: number): number {
  const next = action === 'next' ? step + 1 : action === 'back' ? step - 1 : action === 'reset' ? 0 : total;
  return Math.min(Math.max(0, next), total);
}

/** Moves a screen's reveal by one action; refused when the screen shows no reveal. */
export async function stepReveal(
  db: Db,
  eventId: string,
  screenId: string,
  action: RevealAction,
  totalOf: (contestCode: string) => Promise<number>,
): Promise<ScreenRow> {
  const row = await readScreen(db, eventId, screenId);
  const mode = row.mode;
  if (mode?.kind !== 'reveal') throw refuse('conflict:not_revealing', 'this screen shows no reveal');
  const step = nextStep(mode.step, action, await totalOf(mode.contest));
  const [updated] = await db
    .update(screens)
    .set({ mode: { ...mode, step } })
    .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)))
    .returning();
  if (!updated) throw refuse('not_found:screen', 'unknown screen');
  return updated;
}

export async function renameScreen(db: Db, eventId: string, screenId: string, name: string | null): Promise<ScreenRow> {
  const [row] = await db
    .update(screens)
    .set({ name })
    .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)))
    .returning();
  if (!row) throw refuse('not_found:screen', 'unknown screen');
  return row;
}

/** Forgets a screen (one no longer used); if it is still open, it registers again with a new number. */
export async function forgetScreen(db: Db, eventId: string, screenId: string): Promise<void> {
  const gone = await db
    .delete(screens)
    .where(and(eq(screens.eventId, eventId), eq(screens.id, screenId)))
    .returning({ id: screens.id });
  if (gone.length === 0) throw refuse('not_found:screen', 'unknown screen');
}
