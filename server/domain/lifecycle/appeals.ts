// Appeals (申诉): the organiser's desk (or the contest's chief judge) records a contestant's appeal
// against published results within the event's appeal window; an organiser arbitrates it. An upheld
// appeal's corrections go through the ordinary marks path (revisions, audit, live boards), in
// review, so a correction from an appeal is exactly like any other correction.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/create-db.ts';
import { appeals, contests, contestStates, events, judges } from '../../../db/schema/index.ts';
import {
  appealBody,
  decisionBody,
  eventSettingsBody,
  type Appeal,
  type AppealWindow,
  type ContestAppeals,
  type CorrectionBody,
  type EventAppeals,
  type EventSettings,
} from '../../../shared/appeals-api.ts';
import {
  DomainError,
  invalid,
  parseInput,
  refuse,
  unauthorized,
  unknownContest,
  unknownEvent,
  type Issue,
} from '../../errors.ts';
import { issue } from '../../../shared/errors/index.ts';
import { hasResults } from '../../../shared/lifecycle.ts';
import { actorName, requireOrganiser, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import type { DomainCtx } from '../context.ts';
import { canonicalJson, newId, sha256 } from '../ids.ts';
import { outcomeOf, prepareMark } from '../marks/marks.ts';
import type { PendingMark } from '../marks/mark-writer.ts';
import { counted } from '../../../shared/plural.ts';

type AppealRow = typeof appeals.$inferSelect;

const toAppeal = (r: AppealRow): Appeal => ({
  id: r.id,
  contest: r.contestId,
  contestant: r.contestant,
  criterion: r.criterion,
  text: r.text,
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt.toISOString(),
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionReason: r.decisionReason,
  amendment: r.amendment ?? null,
});

/** Organisers, and the chief judge of this contest (the appeal desk works with them). */
function requireDesk(actor: Actor, contestId: string) {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'judge' && !(actor.chief && actor.contestId === contestId)) {
    const message = 'only an organiser or the chief judge of this contest may handle its appeals';
    throw refuse('forbidden:chief_or_organiser', message);
  }
}

/**
 * The appeal window of a contest in `state`: appeals are heard while it is in review (an
 * amendment is under way, no deadline runs) and, once certified or published, until
 * `minutes` after the latest certification.
 */
async function windowOf(
  db: Db | Tx,
  contestId: string,
  state: string,
  minutes: number,
  now = new Date(),
): Promise<AppealWindow> {
  if (state === 'review') return { minutes, certifiedAt: null, deadline: null, open: true };
  if (!hasResults(state)) return { minutes, certifiedAt: null, deadline: null, open: false };
  const [last] = await db
    .select({ at: contestStates.at })
    .from(contestStates)
    .where(and(eq(contestStates.contestId, contestId), eq(contestStates.to, 'certified')))
    .orderBy(desc(contestStates.at), desc(contestStates.id))
    .limit(1);
  if (!last) return { minutes, certifiedAt: null, deadline: null, open: true };
  const deadline = new Date(last.at.getTime() + minutes * 60_000);
  return {
    minutes,
    certifiedAt: last.at.toISOString(),
    deadline: deadline.toISOString(),
    open: now.getTime() <= deadline.getTime(),
  };
}

async function contestRow(db: Db | Tx, contestId: string) {
  const [c] = await db
    .select({ id: contests.id, eventId: contests.eventId, state: contests.state, minutes: events.appealWindowMinutes })
    .from(contests)
    .innerJoin(events, eq(events.id, contests.eventId))
    .where(eq(contests.id, contestId));
  return c ?? null;
}

export async function submitAppeal(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown): Promise<Appeal> {
  if (actor.role === 'anonymous') throw unauthorized();
  const meta = await ctx.boards.meta(contestId);
  if (!meta) throw unknownContest();
  requireDesk(actor, contestId);
  const body = parseInput(appealBody, input);
  const issues: Issue[] = [];
  if (!meta.byBib.has(body.contestant)) {
    const message = `no contestant "${body.contestant}" in this contest`;
    issues.push(issue('contestant', 'unknown_contestant', message, { value: body.contestant }));
  }
  if (body.criterion && !meta.criteria.has(body.criterion)) {
    const message = `no criterion "${body.criterion}" in this contest`;
    issues.push(issue('criterion', 'unknown_criterion', message, { value: body.criterion }));
  }
  if (issues.length) throw invalid(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

  const who = actorName(actor);
  const row = await ctx.db.transaction(async (tx) => {
    // Read the state under a share lock: a state change waits for the appeal, or the appeal sees it.
    await tx.select({ id: contests.id }).from(contests).where(eq(contests.id, contestId)).for('share');
    const c = await contestRow(tx, contestId);
    if (!c) throw unknownContest();
    if (c.state === 'setup' || c.state === 'scoring') {
      const message = `results are not out yet: the contest is in "${c.state}"; appeals are heard from review on`;
      throw refuse('conflict:appeal_too_early', message, { state: c.state });
    }
    const window = await windowOf(tx, contestId, c.state, c.minutes);
    if (!window.open) {
      const { deadline, certifiedAt } = window;
      const message =
        `the appeal window closed at ${deadline} ` +
        `(${counted(c.minutes, 'minute', 'minutes')} after the results were certified at ${certifiedAt})`;
      const params = { deadline: deadline ?? undefined, certifiedAt: certifiedAt ?? undefined, minutes: c.minutes };
      throw refuse('appeal_window_closed', message, params);
    }
    const [stored] = await tx
      .insert(appeals)
      .values({
        id: newId('ap'),
        contestId,
        contestant: body.contestant,
        criterion: body.criterion ?? null,
        text: body.text,
        submittedBy: who,
      })
      .returning();
    await appendAudit(tx, {
      eventId: c.eventId,
      kind: 'appeal',
      contestId,
      actor: who,
      at: stored!.submittedAt,
      data: { id: stored!.id, contestant: stored!.contestant, criterion: stored!.criterion, text: stored!.text },
    });
    return stored!;
  });
  return toAppeal(row);
}

export async function listContestAppeals(ctx: DomainCtx, actor: Actor, contestId: string): Promise<ContestAppeals> {
  if (actor.role === 'anonymous') throw unauthorized();
  const c = await contestRow(ctx.db, contestId);
  if (!c) throw unknownContest();
  requireDesk(actor, contestId);
  const rows = await ctx.db
    .select()
    .from(appeals)
    .where(eq(appeals.contestId, contestId))
    .orderBy(desc(appeals.submittedAt), desc(appeals.id));
  return {
    contest: contestId,
    state: c.state,
    window: await windowOf(ctx.db, contestId, c.state, c.minutes),
    appeals: rows.map(toAppeal),
  };
}

export async function listEventAppeals(ctx: DomainCtx, actor: Actor, eventId: string): Promise<EventAppeals> {
  if (actor.role === 'anonymous') throw unauthorized();
  const [e] = await ctx.db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  let ids: string[];
  if (actor.role === 'judge') {
    // A chief judge sees the appeals of its own contest only.
    if (!actor.chief || actor.eventId !== eventId) {
      const message = 'only an organiser or a chief judge of this event may see its appeals';
      throw refuse('forbidden:chief_or_organiser', message);
    }
    ids = [actor.contestId];
  } else {
    ids = (await ctx.db.select({ id: contests.id }).from(contests).where(eq(contests.eventId, eventId))).map(
      (r) => r.id,
    );
  }
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(appeals)
        .where(inArray(appeals.contestId, ids))
        .orderBy(desc(appeals.submittedAt), desc(appeals.id))
    : [];
  return { event: eventId, appeals: rows.map(toAppeal) };
}

// Appeals being decided in this process: a second decision of the same appeal meanwhile would
// store its corrections before finding the appeal decided. Ids are unique, so one set serves all.
const deciding = new Set<string>();

export async function decideAppeal(ctx: DomainCtx, actor: Actor, appealId: string, input: unknown): Promise<Appeal> {
  requireOrganiser(actor);
  const body = parseInput(decisionBody, input);
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw refuse('not_found:appeal', 'unknown appeal');
  if (appeal.status !== 'pending') {
    throw refuse('conflict:appeal_decided', `this appeal was already decided (${appeal.status})`);
  }
  if (deciding.has(appealId)) throw refuse('conflict:appeal_deciding', 'this appeal is being decided right now');
  deciding.add(appealId);
  try {
    const corrections = body.decision === 'upheld' ? (body.corrections ?? []) : [];
    const markReason = `申诉 ${appeal.id}: ${body.reason}`;
    // Every correction is checked before the first is stored, so a bad one changes nothing.
    const pending = corrections.length ? await prepareCorrections(ctx, actor, appeal, corrections, markReason) : [];
    const markIds: string[] = [];
    for (const p of pending) markIds.push(outcomeOf(await ctx.writer.submit(p)).body.mark.id);

    const who = actorName(actor);
    const decided = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(appeals)
        .set({
          status: body.decision,
          decisionReason: body.reason,
          decidedBy: who,
          decidedAt: new Date(),
          amendment: body.decision === 'upheld' ? { marks: markIds } : null,
        })
        .where(and(eq(appeals.id, appealId), eq(appeals.status, 'pending')))
        .returning();
      if (!row) throw refuse('conflict:appeal_decided', 'this appeal was already decided');
      const c = await contestRow(tx, row.contestId);
      await appendAudit(tx, {
        eventId: c!.eventId,
        kind: 'appeal_decision',
        contestId: row.contestId,
        actor: who,
        at: row.decidedAt!,
        data: {
          id: row.id,
          contestant: row.contestant,
          criterion: row.criterion,
          decision: row.status,
          reason: body.reason,
          marks: markIds,
        },
      });
      return row;
    });
    return toAppeal(decided);
  } finally {
    deciding.delete(appealId);
  }
}

/**
 * Each correction as a mark the organiser makes in the name of the judge whose mark it replaces:
 * prepareMark checks the value against the criterion exactly as for any mark; the judge must be
 * one who may mark this contestant on this criterion. The clientId comes from the appeal and the
 * correction, so repeating a decision that failed half-way replays what was already stored.
 */
async function prepareCorrections(
  ctx: DomainCtx,
  actor: Actor,
  appeal: AppealRow,
  corrections: CorrectionBody[],
  reason: string,
): Promise<PendingMark[]> {
  const meta = await ctx.boards.get(appeal.contestId);
  if (!meta) throw unknownContest();
  if (meta.state !== 'review') {
    const message = `reopen the contest for review first: corrections are made in review, the contest is in "${meta.state}"`;
    throw refuse('conflict:review_first', message, { state: meta.state });
  }
  const person = meta.meta.byBib.get(appeal.contestant)!;
  const panel = new Map(
    (await ctx.db.select().from(judges).where(eq(judges.contestId, appeal.contestId))).map((j) => [j.code, j] as const),
  );
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const out: PendingMark[] = [];
  for (const [i, k] of corrections.entries()) {
    const at = (field: string) => `corrections[${i}].${field}`;
    if (!meta.meta.criteria.has(k.criterion)) {
      const message = `no criterion "${k.criterion}" in this contest`;
      issues.push(issue(at('criterion'), 'unknown_criterion', message, { value: k.criterion }));
      continue;
    }
    const judgeProblem = judgeIssue(at('judge'), panel.get(k.judge), k, person.organisation);
    if (judgeProblem) {
      issues.push(judgeProblem);
      continue;
    }
    const key = `${k.criterion}\u0000${k.judge}`;
    if (seen.has(key)) {
      const message = `a second correction of judge "${k.judge}" on "${k.criterion}"`;
      const params = { judge: k.judge, criterion: k.criterion };
      issues.push(issue(`corrections[${i}]`, 'duplicate_correction', message, params));
      continue;
    }
    seen.add(key);
    const digest = sha256(
      canonicalJson({
        appeal: appeal.id,
        i,
        c: appeal.contestant,
        k: k.criterion,
        j: k.judge,
        v: k.value,
        n: k.note,
        r: reason,
      }),
    );
    const mark = {
      contestant: appeal.contestant,
      criterion: k.criterion,
      value: k.value,
      clientId: uuidOf(digest),
      reason,
      ...(k.note !== undefined ? { note: k.note } : {}),
    };
    try {
      const p = await prepareMark(ctx, actor, appeal.contestId, mark);
      out.push({ ...p, judge: k.judge, fingerprint: sha256(`${appeal.contestId}:${digest}`) });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      for (const x of err.extra.issues ?? [issue('', 'invalid', err.message)]) {
        issues.push({ ...x, path: x.path ? at(x.path) : `corrections[${i}]` });
      }
    }
  }
  if (issues.length) throw invalid(issues.map((x) => `${x.path}: ${x.message}`).join('; '), issues);
  return out;
}

/** Why `judge` cannot correct this mark, or null when it can. */
function judgeIssue(
  path: string,
  j: typeof judges.$inferSelect | undefined,
  k: CorrectionBody,
  organisation: string,
): Issue | null {
  const judge = k.judge;
  if (!j) return issue(path, 'unknown_judge', `no judge "${judge}" in this contest`, { value: judge });
  if (j.shadow) {
    return issue(path, 'judge_shadow', `judge "${judge}" is a shadow judge; its marks never count`, { judge });
  }
  if (j.criteria !== '*' && !j.criteria.includes(k.criterion)) {
    const message = `criterion "${k.criterion}" is not assigned to judge "${judge}"`;
    return issue(path, 'judge_not_assigned', message, { judge, criterion: k.criterion });
  }
  if (j.organisation && j.organisation === organisation) {
    const message = `judge "${judge}" may not mark a contestant of its own organisation`;
    return issue(path, 'judge_own_organisation', message, { judge });
  }
  return null;
}

/** A UUID-shaped id (version 8: custom) from a hex digest. */
function uuidOf(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export async function getEventSettings(ctx: DomainCtx, actor: Actor, eventId: string): Promise<EventSettings> {
  requireOrganiser(actor);
  const [e] = await ctx.db.select({ minutes: events.appealWindowMinutes }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  return { event: eventId, appealWindowMinutes: e.minutes };
}

export async function putEventSettings(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
): Promise<EventSettings> {
  requireOrganiser(actor);
  const parsed = parseInput(eventSettingsBody, input);
  const next = parsed.appealWindowMinutes;
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx
      .select({ minutes: events.appealWindowMinutes })
      .from(events)
      .where(eq(events.id, eventId))
      .for('update');
    if (!e) throw unknownEvent();
    if (e.minutes !== next) {
      await tx.update(events).set({ appealWindowMinutes: next }).where(eq(events.id, eventId));
      await appendAudit(tx, {
        eventId,
        kind: 'settings',
        actor: actorName(actor),
        data: { appealWindowMinutes: next, previous: { appealWindowMinutes: e.minutes } },
      });
    }
    return { event: eventId, appealWindowMinutes: next };
  });
}
