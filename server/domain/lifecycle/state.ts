// Changing a contest's state (CONTRACT §5): the moves and who may make them are shared/lifecycle.ts;
// here they are checked, certification's blockers found, and the change stored and audited.
import { and, eq, sql } from 'drizzle-orm';
import { contests, contestStates } from '../../../db/schema/index.ts';
import { stateBody, type CertifyBlocker, type ContestState } from '../../../shared/api.ts';
import { parseInput, refuse, unauthorized, unknownContest } from '../../errors.ts';
import { issue } from '../../../shared/errors/index.ts';
import { mayMake, moveBetween } from '../../../shared/lifecycle.ts';
import { actorName, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CachedContest } from '../boards/boards.ts';
import { recordCertification } from '../certification/certification.ts';
import type { DomainCtx } from '../context.ts';
import { canonicalJson, sha256 } from '../ids.ts';
import type { BoardRow } from '../../../shared/scoring/types.ts';
import { counted } from '../../../shared/plural.ts';

export async function changeState(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  input: unknown,
): Promise<{ state: ContestState }> {
  if (actor.role === 'anonymous') throw unauthorized();
  const { to, reason } = parseInput(stateBody, input);

  for (let attempt = 0; ; attempt++) {
    const c = await ctx.boards.get(contestId);
    if (!c) throw unknownContest();
    const from = c.state;
    const move = moveBetween(from, to);
    if (actor.role === 'judge') {
      if (actor.contestId !== contestId || !actor.chief || !move || !mayMake(move, 'chief')) {
        const message = 'only an organiser (or for closing and certifying, the chief judge) may change the state';
        throw refuse('forbidden:state_change', message);
      }
    }
    if (from === to) throw refuse('conflict:already_in_state', `the contest is already in "${to}"`, { state: to });
    if (!move) throw refuse('conflict:bad_transition', `cannot go from "${from}" to "${to}"`, { from, to });
    if (move.needsReason && !reason) {
      const issues = [issue('reason', 'required', 'required to amend certified results')];
      const message = 'reopening certified results needs a reason';
      throw refuse('validation_failed:reason_required', message, { when: 'amend' }, { issues });
    }
    let digest: string | undefined;
    let certified: BoardRow[] | undefined;
    if (to === 'certified') {
      const blockers = certifyBlockers(c);
      if (blockers.length) {
        const reasons = blockers.map(blockerText);
        const message = `cannot certify yet: ${counted(reasons.length, 'problem', 'problems')}`;
        throw refuse('transition_blocked', message, { count: blockers.length }, { reasons, blockers });
      }
      certified = c.board.rows();
      digest = sha256(canonicalJson(certified));
    }
    const done = await ctx.db.transaction(async (tx) => {
      // Compare-and-set on the state: another state change in between makes us look again. Certifying
      // also compares the seq (its digest is of the board at c.seq); other changes must not lose a race
      // against marks, or closing marking while judges are busy would fail.
      const [row] = await tx
        .update(contests)
        .set({ state: to, seq: sql`${contests.seq} + 1` })
        .where(
          and(eq(contests.id, contestId), eq(contests.state, from), certified ? eq(contests.seq, c.seq) : undefined),
        )
        .returning({ seq: contests.seq });
      if (!row) return false;
      const who = actorName(actor);
      await tx.insert(contestStates).values({ contestId, from, to, reason: reason ?? null, actor: who, seq: row.seq });
      const cert =
        certified && digest
          ? await recordCertification(tx, {
              contestId,
              seq: row.seq,
              digest,
              rows: certified,
              certifiedBy: who,
              organisations: c.meta.organisations,
            })
          : null;
      await appendAudit(tx, {
        eventId: c.meta.eventId,
        kind: 'state',
        contestId,
        actor: who,
        ...(cert ? { at: cert.at } : {}),
        data: {
          from,
          to,
          seq: row.seq,
          ...(reason ? { reason } : {}),
          ...(digest ? { resultsDigest: digest } : {}),
          ...(cert ? { certification: cert.id, certificates: cert.certificates } : {}),
        },
      });
      return true;
    });
    if (done) {
      ctx.committed.emit({ contestId, marks: 0 });
      return { state: to };
    }
    if (attempt >= 4) throw refuse('conflict:changed_meanwhile', 'the contest kept changing; try again');
  }
}

/** Why a contest in review cannot be certified yet; empty when it can. */
export function certifyBlockers(c: CachedContest): CertifyBlocker[] {
  const blockers: CertifyBlocker[] = [];
  for (const info of c.meta.contestants) {
    if (info.status !== 'active') continue;
    const s = c.board.score(info.bib);
    if (!s) continue;
    if (!s.complete) blockers.push({ kind: 'incomplete', bib: info.bib, missing: missingOf(c, info.bib) });
    for (const k of s.flags) blockers.push({ kind: 'flagged', bib: info.bib, criterion: k });
  }
  return blockers;
}

/** The blocker in words, for `reasons` (CONTRACT §5) and the log. */
export function blockerText(b: CertifyBlocker): string {
  if (b.kind === 'flagged')
    return `${b.bib}: criterion "${b.criterion}" is flagged (judges too far apart) and not resolved`;
  const missing = b.missing.map((m) => (m.need !== undefined ? `${m.criterion} ${m.have}/${m.need}` : m.criterion));
  return `${b.bib}: incomplete (${missing.join(', ')})`;
}

function missingOf(c: CachedContest, bib: string): { criterion: string; have?: number; need?: number }[] {
  const s = c.board.score(bib);
  const out: { criterion: string; have?: number; need?: number }[] = [];
  for (const [code, { criterion }] of c.meta.criteria) {
    if (criterion.kind === 'deduction') continue;
    const need = criterion.kind === 'judgement' ? (criterion.judges ?? 1) : 1;
    const have = s?.marksCount?.[code] ?? 0;
    if (have < need) out.push(need > 1 ? { criterion: code, have, need } : { criterion: code });
  }
  return out;
}
