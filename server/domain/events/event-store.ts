// Storing the parts of an event file, shared by import, edit and roster import: the same rows
// whichever way an event was defined. Also PIN hashing and bringing live boards up to date.
import { and, eq, inArray, notInArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/create-db.ts';
import { contestants, criteria, judges, organisations, sections, sessions } from '../../../db/schema/index.ts';
import type { ContestDefinition } from '../../../db/schema/contests.ts';
import type { Contest, Contestant, EventFile, Judge } from '../../../shared/event-file/schema.ts';
import { hashSecret, verifySecret } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { newId, newPin } from '../ids.ts';

export type JudgeRow = typeof judges.$inferInsert;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function contestDefinition(c: Contest): ContestDefinition {
  const { sections: secs, tieBreak, awards, teamSize, blind } = c;
  return { sections: secs, tieBreak, awards, teamSize, blind };
}

/** The organisations rows of an event file. */
export function organisationRows(eventId: string, file: EventFile): (typeof organisations.$inferInsert)[] {
  return file.organisations.map((o, i) => ({ eventId, code: o.code, name: o.name, position: i }));
}

/** The rows of a contest's sections, criteria and contestants, as a file defines them. */
export function contestPartRows(contestId: string, c: Contest) {
  const sectionRows: (typeof sections.$inferInsert)[] = c.sections.map((s, i) => ({
    contestId,
    code: s.code,
    name: s.name,
    weight: s.weight,
    position: i,
  }));
  const crit = c.sections.flatMap((s) => s.criteria.map((k) => ({ s, k })));
  const criterionRows: (typeof criteria.$inferInsert)[] = crit.map(({ s, k }, i) => ({
    contestId,
    code: k.code,
    sectionCode: s.code,
    name: k.name,
    kind: k.kind,
    max: k.max,
    spec: k,
    position: i,
  }));
  return { sections: sectionRows, criteria: criterionRows, contestants: contestantRows(contestId, c.contestants) };
}

export function contestantRows(
  contestId: string,
  list: readonly Contestant[],
  firstPosition = 0,
): (typeof contestants.$inferInsert)[] {
  return list.map((p, i) => ({
    contestId,
    bib: p.bib,
    name: p.name,
    organisation: p.organisation,
    station: p.station ?? null,
    status: p.status ?? 'active',
    position: firstPosition + i,
  }));
}

/** Sections, criteria and contestants of a contest whose rows of those are empty. */
export async function insertContestParts(tx: Tx, contestId: string, c: Contest): Promise<void> {
  const rows = contestPartRows(contestId, c);
  await tx.insert(sections).values(rows.sections);
  await tx.insert(criteria).values(rows.criteria);
  for (const chunk of chunks(rows.contestants, 1000)) await tx.insert(contestants).values(chunk);
}

export async function insertContestants(
  tx: Tx,
  contestId: string,
  list: readonly Contestant[],
  firstPosition = 0,
): Promise<void> {
  const rows = contestantRows(contestId, list, firstPosition);
  for (const chunk of chunks(rows, 1000)) await tx.insert(contestants).values(chunk);
}

export async function insertJudges(tx: Tx, rows: readonly JudgeRow[]): Promise<void> {
  for (const chunk of chunks(rows, 500)) await tx.insert(judges).values(chunk);
}

/** What a judge of a file becomes in the judges table, given its PIN hash. */
export function judgeRow(j: Judge, ids: { id: string; eventId: string; contestId: string }, pinHash: string): JudgeRow {
  return {
    ...ids,
    code: j.code,
    name: j.name,
    pinHash,
    criteria: j.criteria,
    organisation: j.organisation ?? null,
    chief: j.chief ?? false,
    shadow: j.shadow ?? false,
  };
}

/** A judge already stored: its row id and PIN hash, kept when a file names it again without a PIN. */
export interface StoredJudge {
  id: string;
  code: string;
  pinHash: string;
}

export interface HashedJudge {
  judge: Judge;
  /** the stored judge it continues (same code, ignoring case), if any */
  stored: StoredJudge | null;
  pinHash: string;
  /** a PIN made here because the judge is new and the file gave none */
  generated: string | null;
  /** the stored judge's PIN is no longer valid: its sessions end */
  pinChanged: boolean;
}

/**
 * PIN hashes for judges of a file: the file's PIN when given, the stored hash for a known judge
 * without one, a new PIN for a new judge without one. Runs before any transaction, because
 * argon2 takes ~20 ms a hash (on libuv's thread pool, a few at a time).
 */
export async function hashJudgePins(
  list: readonly Judge[],
  stored: ReadonlyMap<string, StoredJudge>,
): Promise<HashedJudge[]> {
  const out: HashedJudge[] = [];
  for (const part of chunks(list, 4)) {
    out.push(
      ...(await Promise.all(
        part.map(async (judge): Promise<HashedJudge> => {
          const known = stored.get(judge.code.toLowerCase()) ?? null;
          if (judge.pin) {
            // The same PIN again (files usually carry every PIN) keeps its hash and the judge's sessions.
            if (known !== null && (await verifySecret(known.pinHash, judge.pin)))
              return { judge, stored: known, pinHash: known.pinHash, generated: null, pinChanged: false };
            return {
              judge,
              stored: known,
              pinHash: await hashSecret(judge.pin),
              generated: null,
              pinChanged: known !== null,
            };
          }
          if (known) return { judge, stored: known, pinHash: known.pinHash, generated: null, pinChanged: false };
          const pin = newPin();
          return { judge, stored: null, pinHash: await hashSecret(pin), generated: pin, pinChanged: false };
        }),
      )),
    );
  }
  return out;
}

/** Stored judges by lower-case code. */
export const storedByCode = (rows: readonly StoredJudge[]) => new Map(rows.map((r) => [r.code.toLowerCase(), r]));

/** Same judges as when the PINs were hashed? Otherwise the hashes may belong to the wrong rows. */
export function sameJudges(a: readonly StoredJudge[], b: readonly StoredJudge[]): boolean {
  const key = (rows: readonly StoredJudge[]) =>
    rows
      .map((r) => `${r.id}:${r.code}:${r.pinHash}`)
      .sort()
      .join('|');
  return key(a) === key(b);
}

/**
 * Writes judges of one contest: updates those that continue a stored judge (same row id, so a
 * signed-in judge stays signed in unless its PIN changed), inserts new ones.
 */
/** Deletes the judges within `scope` (an event's or a contest's) but those of the ids `kept`. */
export async function deleteJudgesBut(tx: Tx, scope: SQL, kept: readonly string[]): Promise<void> {
  await tx.delete(judges).where(kept.length ? and(scope, notInArray(judges.id, [...kept])) : scope);
}

export async function upsertJudges(
  tx: Tx,
  hashed: readonly HashedJudge[],
  ids: { eventId: string; contestId: string },
): Promise<void> {
  const fresh: JudgeRow[] = [];
  for (const h of hashed) {
    if (h.stored) {
      const { id: _, ...row } = judgeRow(h.judge, { id: h.stored.id, ...ids }, h.pinHash);
      await tx.update(judges).set(row).where(eq(judges.id, h.stored.id));
    } else fresh.push(judgeRow(h.judge, { id: newId('j'), ...ids }, h.pinHash));
  }
  await insertJudges(tx, fresh);
  const ended = hashed.filter((h) => h.pinChanged).map((h) => h.stored!.id);
  await revokeJudgeSessions(tx, ended);
}

export async function revokeJudgeSessions(tx: Tx, judgeIds: readonly string[]): Promise<void> {
  for (const part of chunks(judgeIds, 500))
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.role, 'judge'), inArray(sessions.subject, part)));
}

/**
 * After a commit that changed a contest's definition or contestants: the cached board must be
 * rebuilt. A refresh that started before the commit may still put back what it read, so wait for
 * any refresh under way, forget the entry, then announce the change (which loads it afresh).
 */
export async function contestRedefined(ctx: DomainCtx, contestId: string): Promise<void> {
  await ctx.boards.get(contestId).catch(() => null);
  ctx.boards.invalidate(contestId);
  ctx.committed.emit({ contestId, marks: 0 });
}
