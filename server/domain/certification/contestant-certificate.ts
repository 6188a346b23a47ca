// One contestant's award certificate, for the public contestant page of a published contest: its
// verification code links the page to /verify/:code. Public exactly when the certified results are.
import { and, eq } from 'drizzle-orm';
import { certificates } from '../../../db/schema/index.ts';
import type { ContestantCertificateResponse } from '../../../shared/certification-api.ts';
import type { Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { certifiedFor } from './certification.ts';

const BIB = /^[A-Za-z0-9_-]{1,16}$/;

export async function contestantCertificate(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  bib: string,
): Promise<ContestantCertificateResponse> {
  const cert = await certifiedFor(ctx, actor, contestId);
  if (!BIB.test(bib)) return { certificate: null };
  const [row] = await ctx.db
    .select({ code: certificates.code, award: certificates.award, rank: certificates.rank })
    .from(certificates)
    .where(
      and(eq(certificates.certificationId, cert.id), eq(certificates.contestId, contestId), eq(certificates.bib, bib)),
    );
  return { certificate: row ?? null };
}
