// New PINs for judges (organiser), to print on judge cards: PINs given in an event file or shown
// once at import are often lost by the day of the contest. Every judge named gets a new random
// PIN; the old one stops working at once and the judge's open sessions end. The PINs are returned
// this once and never stored or logged in clear.
import { asc, eq } from 'drizzle-orm';
import { contests, events, judges } from '../../../db/schema/index.ts';
import { pinsBody, type JudgePin, type PinsResult } from '../../../shared/roster-api.ts';
import { parseInput, refuse, unknownEvent } from '../../errors.ts';
import { actorName, hashSecret, requireOrganiser, type Actor } from './auth.ts';
import { appendAudit } from '../audit/audit.ts';
import type { DomainCtx } from '../context.ts';
import { chunks, revokeJudgeSessions } from '../events/event-store.ts';
import { newPin } from '../ids.ts';

export async function resetJudgePins(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
): Promise<PinsResult> {
  requireOrganiser(actor);
  const parsed = parseInput(pinsBody, input);
  const [e] = await ctx.db.select({ file: events.file }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  const rows = await ctx.db
    .select({ id: judges.id, code: judges.code, name: judges.name, contest: contests.code })
    .from(judges)
    .innerJoin(contests, eq(contests.id, judges.contestId))
    .where(eq(judges.eventId, eventId))
    .orderBy(asc(contests.position), asc(judges.code));
  // Cards come out in the order of the event file, which is how organisers list their judges.
  const order = new Map(e.file.contests.flatMap((c) => c.judges.map((j) => j.code)).map((code, i) => [code, i]));
  rows.sort((a, b) => (order.get(a.code) ?? Infinity) - (order.get(b.code) ?? Infinity));

  let chosen = rows;
  if (parsed.judges) {
    const wanted = new Set(parsed.judges.map((c) => c.toLowerCase()));
    chosen = rows.filter((r) => wanted.has(r.code.toLowerCase()));
    const found = new Set(chosen.map((r) => r.code.toLowerCase()));
    const unknown = [...wanted].filter((c) => !found.has(c));
    if (unknown.length) {
      const message = `the event has no judge ${unknown.map((c) => `"${c}"`).join(', ')}`;
      throw refuse('not_found:judge', message, { judges: unknown });
    }
  }
  if (chosen.length === 0) throw refuse('conflict:no_judges', 'the event has no judges yet: import judges first');

  const fresh: (JudgePin & { id: string; hash: string })[] = [];
  for (const part of chunks(chosen, 4))
    fresh.push(
      ...(await Promise.all(
        part.map(async (r) => {
          const pin = newPin();
          return { id: r.id, code: r.code, name: r.name, contest: r.contest, pin, hash: await hashSecret(pin) };
        }),
      )),
    );

  await ctx.db.transaction(async (tx) => {
    // The event row first, as an edit of the event takes it before the judges' rows.
    await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
    for (const f of fresh) {
      const updated = await tx
        .update(judges)
        .set({ pinHash: f.hash })
        .where(eq(judges.id, f.id))
        .returning({ id: judges.id });
      if (updated.length === 0) {
        throw refuse('conflict:judge_removed', `judge "${f.code}" was removed meanwhile: try again`, { judge: f.code });
      }
    }
    await revokeJudgeSessions(
      tx,
      fresh.map((f) => f.id),
    );
    await appendAudit(tx, {
      eventId,
      kind: 'pins_reset',
      actor: actorName(actor),
      data: { judges: fresh.map((f) => ({ code: f.code, contest: f.contest })) },
    });
  });
  return { pins: fresh.map(({ code, name, contest, pin }) => ({ code, name, contest, pin })) };
}
