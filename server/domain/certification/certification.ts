// Certifying a contest's results: the certification record (what was signed, by whom, when, and
// its digest) and one award certificate per award winner, each with a verification code. Called
// by changeState inside the transaction that moves the contest to "certified", so a contest is
// never certified without its record. Records are never changed: certifying again after an
// amendment adds a new certification, and the older one is superseded by it.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/create-db.ts';
import { certificates, certifications, contests } from '../../../db/schema/index.ts';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  type CertificatesResponse,
  type CertificationResponse,
} from '../../../shared/certification-api.ts';
import type { BoardRow } from '../../../shared/scoring/types.ts';
import { refuse, unknownContest } from '../../errors.ts';
import { requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { signingFor } from './signing.ts';

export type CertificationRow = typeof certifications.$inferSelect;

export interface CertifyInput {
  contestId: string;
  seq: number; // the contest seq of the state change
  digest: string; // sha256(canonicalJson(rows)), the same digest as the audit entry's
  rows: readonly BoardRow[];
  certifiedBy: string;
  /** Organisation code → name: a certificate names the organisation, not its code. */
  organisations: ReadonlyMap<string, string>;
}

/** A verification code: 10 characters of Crockford base32, 50 bits from the system's CSPRNG. */
export function newCertificateCode(): string {
  let out = '';
  // 256 is a multiple of 32, so `b % 32` is uniform.
  for (const b of randomBytes(CODE_LENGTH)) out += CODE_ALPHABET[b % 32];
  return out;
}

/** Stores the certification and its certificates; returns what the audit entry records. */
export async function recordCertification(
  tx: Tx,
  input: CertifyInput,
): Promise<{ id: string; certificates: number; at: Date }> {
  const at = new Date();
  const signed = await signingFor(tx, input.contestId);
  const facts = {
    contestId: input.contestId,
    seq: input.seq,
    digest: input.digest,
    certifiedBy: input.certifiedBy,
    certifiedAt: at,
  };
  const [row] = await tx
    .insert(certifications)
    .values({ ...facts, results: [...input.rows], ...signed.certification(facts) })
    .returning({ id: certifications.id });
  const winners = input.rows.filter(
    (r): r is BoardRow & { award: string; rank: number } => r.award !== null && r.rank !== null,
  );
  if (winners.length > 0) {
    await tx.insert(certificates).values(
      winners.map((r) => {
        const cert = {
          code: newCertificateCode(),
          contestId: input.contestId,
          bib: r.bib,
          name: r.name,
          organisation: input.organisations.get(r.organisation) ?? r.organisation,
          award: r.award,
          rank: r.rank,
          total: r.total,
          issuedAt: at,
        };
        return { ...cert, certificationId: row!.id, ...signed.certificate(input.digest, cert) };
      }),
    );
  }
  return { id: String(row!.id), certificates: winners.length, at };
}

export async function latestCertification(db: Db | Tx, contestId: string): Promise<CertificationRow | null> {
  const [row] = await db
    .select()
    .from(certifications)
    .where(eq(certifications.contestId, contestId))
    .orderBy(desc(certifications.id))
    .limit(1);
  return row ?? null;
}

/** The latest certification, for whom may see it: organisers and the contest's chief judge always, anyone once published. */
export async function certifiedFor(ctx: DomainCtx, actor: Actor, contestId: string): Promise<CertificationRow> {
  const [contest] = await ctx.db.select({ state: contests.state }).from(contests).where(eq(contests.id, contestId));
  if (!contest) throw unknownContest();
  const insider =
    actor.role === 'organiser' || (actor.role === 'judge' && actor.chief && actor.contestId === contestId);
  if (!insider && contest.state !== 'published') {
    throw refuse('forbidden:not_published', 'the certified results of this contest are public once they are published');
  }
  const cert = await latestCertification(ctx.db, contestId);
  if (!cert) throw refuse('not_found:not_certified', 'this contest has not been certified yet');
  return cert;
}

/** GET /contests/:id/certification. */
export async function getCertification(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
): Promise<CertificationResponse> {
  const cert = await certifiedFor(ctx, actor, contestId);
  return {
    id: String(cert.id),
    contest: contestId,
    seq: cert.seq,
    digest: cert.digest,
    certifiedBy: cert.certifiedBy,
    certifiedAt: cert.certifiedAt.toISOString(),
    results: cert.results as BoardRow[],
  };
}

/** The certificates of the latest certification (organisers), each with its public verification address. */
export async function listCertificates(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  origin: string,
): Promise<CertificatesResponse> {
  requireOrganiser(actor);
  const [contest] = await ctx.db.select({ id: contests.id }).from(contests).where(eq(contests.id, contestId));
  if (!contest) throw unknownContest();
  const cert = await latestCertification(ctx.db, contestId);
  if (!cert) throw refuse('not_found:not_certified', 'this contest has not been certified yet');
  const rows = await ctx.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.certificationId, cert.id), eq(certificates.contestId, contestId)))
    .orderBy(asc(certificates.rank), asc(certificates.bib));
  const base = origin.replace(/\/+$/, '');
  return {
    certificationId: String(cert.id),
    certifiedAt: cert.certifiedAt.toISOString(),
    certificates: rows.map((r) => ({
      code: r.code,
      bib: r.bib,
      name: r.name,
      organisation: r.organisation,
      award: r.award,
      rank: r.rank,
      total: r.total,
      url: `${base}/verify/${r.code}`,
    })),
  };
}
