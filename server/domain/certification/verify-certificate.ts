// Public verification of an award certificate by its code (CONTRACT §10 /verify/:code): the
// certificate's facts and whether they still hold. Everything is read fresh from the database,
// never from the BoardCache, so a mark edited behind the API's back shows up here even though
// the live boards (which only read newer seqs) would never notice it.
import { and, count, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { certificates, certifications, contests, events, flagResolutions, marks } from '../../../db/schema/index.ts';
import {
  isCodeShape,
  normaliseCode,
  type VerifyCheck,
  type VerifyResponse,
} from '../../../shared/certification-api.ts';
import { ContestBoard } from '../../../shared/scoring/board.ts';
import type { BoardRow, ScoringMark } from '../../../shared/scoring/types.ts';
import { refuse } from '../../errors.ts';
import type { CertifiedBoards } from '../boards/certified-boards.ts';
import { loadContestMeta, type ContestMeta } from '../boards/contest-meta.ts';
import { canonicalJson, sha256 } from '../ids.ts';
import { contestFactsUnchanged } from '../audit/audit-facts.ts';
import { checkSignatures, verifyStatus } from './signature-check.ts';
import type { DomainCtx } from '../context.ts';

const unknownCode = () =>
  refuse('not_found:certificate', 'no certificate has this verification code; check the code on the certificate');

/** GET /verify/:code, public: what a certificate's code proves. */
export async function verifyCertificate(
  { db, certifiedBoards }: DomainCtx & { certifiedBoards: CertifiedBoards },
  rawCode: string,
): Promise<VerifyResponse> {
  const code = normaliseCode(rawCode);
  if (!isCodeShape(code)) throw unknownCode();
  const [cert] = await db.select().from(certificates).where(eq(certificates.code, code));
  if (!cert) throw unknownCode();
  const [certification] = await db.select().from(certifications).where(eq(certifications.id, cert.certificationId));
  const [contest] = await db.select().from(contests).where(eq(contests.id, cert.contestId));
  const meta = await loadContestMeta(db, cert.contestId);
  if (!certification || !contest || !meta) throw unknownCode();
  const [event] = await db
    .select({ id: events.id, name: events.name })
    .from(events)
    .where(eq(events.id, contest.eventId));
  if (!event) throw unknownCode();

  const [newer] = await db
    .select({ n: count() })
    .from(certifications)
    .where(and(eq(certifications.contestId, cert.contestId), gt(certifications.id, certification.id)));
  const results = certification.results as BoardRow[];
  const row = results.find((r) => r.bib === cert.bib);
  const recomputed = await certifiedBoards.at(meta, certification.seq, boardAt);
  const checks: VerifyCheck[] = [
    // Reopened for an amendment, or certified again since: these results are no longer the contest's.
    {
      check: 'current',
      ok: Number(newer?.n ?? 0) === 0 && (contest.state === 'certified' || contest.state === 'published'),
    },
    { check: 'digest', ok: sha256(canonicalJson(results)) === certification.digest },
    { check: 'marks', ok: canonicalJson(recomputed) === canonicalJson(results) },
    {
      check: 'certificate',
      ok:
        !!row &&
        row.name === cert.name &&
        (meta.organisations.get(row.organisation) ?? row.organisation) === cert.organisation &&
        row.award === cert.award &&
        row.rank === cert.rank &&
        row.total === cert.total,
    },
    // Rows edited behind the API's back (a winner renamed in contestants, certification and certificate alike).
    { check: 'audit', ok: await contestFactsUnchanged(db, event.id, contest.id) },
  ];
  const signed = await checkSignatures(db, event.id, certification, cert);
  checks.push(signed.check);
  return {
    code,
    event,
    contest: { id: contest.id, code: contest.code, name: contest.name },
    contestant: { bib: cert.bib, name: cert.name, organisation: cert.organisation },
    award: cert.award,
    rank: cert.rank,
    total: cert.total,
    certifiedAt: certification.certifiedAt.toISOString(),
    certifiedBy: certification.certifiedBy,
    digest: certification.digest,
    status: verifyStatus(checks, signed.signature),
    checks,
    signature: signed.signature,
  };
}

/**
 * The contest's board recomputed from the marks table as of `seq`, with the same scoring engine
 * and the same inputs as the BoardCache (counting marks and flag resolutions up to `seq`).
 */
export async function boardAt(db: Db, meta: ContestMeta, seq: number): Promise<BoardRow[]> {
  const board = new ContestBoard(meta.def, meta.contestants);
  const counted = await db
    .select({
      contestant: marks.contestant,
      criterion: marks.criterion,
      judge: marks.judge,
      value: marks.value,
      revision: marks.revision,
      order: marks.seq,
    })
    .from(marks)
    .where(and(eq(marks.contestId, meta.id), lte(marks.seq, seq), eq(marks.shadow, false)))
    .orderBy(marks.seq);
  for (const m of counted) board.apply(m as ScoringMark);
  const resolutions = await db
    .select({
      contestant: flagResolutions.contestant,
      criterion: flagResolutions.criterion,
      order: flagResolutions.seq,
    })
    .from(flagResolutions)
    .where(and(eq(flagResolutions.contestId, meta.id), lte(flagResolutions.seq, seq)));
  for (const r of resolutions) board.resolveFlag(r);
  return board.rows();
}
