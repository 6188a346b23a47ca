// The latest certification of a contest and its award certificates, as certification stored them.
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { certificates, certifications } from '../../db/schema/index.ts';

export interface Certification {
  id: number;
  digest: string;
  certifiedBy: string;
  certifiedAt: Date;
}

export async function latestCertification(db: Db, contestId: string): Promise<Certification | null> {
  const [row] = await db
    .select({
      id: certifications.id,
      digest: certifications.digest,
      certifiedBy: certifications.certifiedBy,
      certifiedAt: certifications.certifiedAt,
    })
    .from(certifications)
    .where(eq(certifications.contestId, contestId))
    .orderBy(desc(certifications.id))
    .limit(1);
  return row ?? null;
}

export interface CertificateRow {
  code: string;
  bib: string;
  name: string;
  organisation: string;
  award: string;
  rank: number;
  total: number;
}

/** The certificates issued from one certification, best rank first. */
export async function certificatesOf(db: Db, certificationId: number): Promise<CertificateRow[]> {
  return db
    .select({
      code: certificates.code,
      bib: certificates.bib,
      name: certificates.name,
      organisation: certificates.organisation,
      award: certificates.award,
      rank: certificates.rank,
      total: certificates.total,
    })
    .from(certificates)
    .where(eq(certificates.certificationId, certificationId))
    .orderBy(asc(certificates.rank), asc(certificates.bib));
}
