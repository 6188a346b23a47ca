// The organiser's announcements of an event ("实操比赛 9:30 开始"): shown on the big screens and the
// public phone pages until withdrawn. Both are audited.
import { and, desc, eq, isNull, count } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { announcements, events } from '../../../db/schema/index.ts';
import { MAX_ANNOUNCEMENTS, type Announcement } from '../../../shared/screens.ts';
import { refuse, unknownEvent } from '../../errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { newId } from '../ids.ts';

const view = (r: typeof announcements.$inferSelect): Announcement => ({
  id: r.id,
  text: r.text,
  at: r.at.toISOString(),
});

/** The announcements showing now, newest first. */
export async function activeAnnouncements(db: Db, eventId: string): Promise<Announcement[]> {
  const rows = await db
    .select()
    .from(announcements)
    .where(and(eq(announcements.eventId, eventId), isNull(announcements.withdrawnAt)))
    .orderBy(desc(announcements.at), desc(announcements.id));
  return rows.map(view);
}

export async function announce(db: Db, eventId: string, text: string, actor: string): Promise<Announcement> {
  return db.transaction(async (tx) => {
    const [ev] = await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
    if (!ev) throw unknownEvent();
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(announcements)
      .where(and(eq(announcements.eventId, eventId), isNull(announcements.withdrawnAt)));
    if (n >= MAX_ANNOUNCEMENTS) {
      throw refuse('conflict:too_many_announcements', `at most ${MAX_ANNOUNCEMENTS} announcements show at once`, {
        limit: MAX_ANNOUNCEMENTS,
      });
    }
    const [row] = await tx
      .insert(announcements)
      .values({ id: newId('a'), eventId, text, by: actor })
      .returning();
    await appendAudit(tx, { eventId, kind: 'announcement', actor, data: { text } });
    return view(row!);
  });
}

export async function withdrawAnnouncement(db: Db, eventId: string, id: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(announcements)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(announcements.eventId, eventId), eq(announcements.id, id), isNull(announcements.withdrawnAt)))
      .returning();
    if (!row) throw refuse('not_found:announcement', 'unknown or withdrawn announcement');
    await appendAudit(tx, { eventId, kind: 'announcement.withdrawn', actor, data: { text: row.text } });
  });
}
