// The signature part of /verify/:code: a certificate is this installation's word only if it and its
// certification are signed by this installation's key, or by a key the organisers trust
// (server/domain/certification/installation.ts), and both signatures hold. Another installation's signature is
// not checked against anything here: an archive's author could have signed whatever it liked, so
// such a certificate is "issued elsewhere", whatever its signatures say.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { certificates, certifications, eventOrigins, trustedKeys } from '../../../db/schema/index.ts';
import type { VerifyCheck, VerifySignature, VerifyStatus } from '../../../shared/certification-api.ts';
import {
  certificateStatement,
  certificationStatement,
  fingerprintOf,
  installationIdentity,
  verifyStatement,
} from './signing.ts';

type Certification = typeof certifications.$inferSelect;
type Certificate = typeof certificates.$inferSelect;

export interface SignatureVerdict {
  check: VerifyCheck;
  signature: VerifySignature;
}

export async function checkSignatures(
  db: Db,
  eventId: string,
  certification: Certification,
  cert: Certificate,
): Promise<SignatureVerdict> {
  const self = await installationIdentity(db);
  const keys = [certification.signingKey, cert.signingKey];
  const signedKeys = keys.filter((k): k is string => !!k);
  const trusted = signedKeys.length
    ? await db.select().from(trustedKeys).where(inArray(trustedKeys.publicKey, signedKeys))
    : [];
  const vouched = (k: string | null) => k === self.publicKey || trusted.some((t) => t.publicKey === k);
  const key = cert.signingKey ?? certification.signingKey;
  const signature = (issuer: VerifySignature['issuer'], installation: string | null): SignatureVerdict => ({
    check: { check: 'signature', ok: issuer !== 'elsewhere' && holds(eventId, certification, cert) },
    signature: { issuer, fingerprint: key ? fingerprintOf(key) : null, installation },
  });
  if (!keys.every(vouched)) return signature('elsewhere', await originName(db, eventId, key));
  if (key === self.publicKey) return signature('here', self.name);
  return signature('trusted', trusted.find((t) => t.publicKey === key)?.name ?? null);
}

function holds(eventId: string, certification: Certification, cert: Certificate): boolean {
  const digest = certification.digest;
  const certificationHolds = verifyStatement(
    certification.signingKey!,
    certificationStatement(eventId, certification),
    certification.signature ?? '',
  );
  return (
    certificationHolds &&
    verifyStatement(cert.signingKey!, certificateStatement(eventId, digest, cert), cert.signature ?? '')
  );
}

/** The name the event's archive gave its installation, when that installation's key signed. */
async function originName(db: Db, eventId: string, key: string | null): Promise<string | null> {
  if (!key) return null;
  const [origin] = await db.select().from(eventOrigins).where(eq(eventOrigins.eventId, eventId));
  return origin?.publicKey === key && origin.name ? origin.name : null;
}

/** The status of the first failed check; a signature of an installation not trusted here is "elsewhere". */
export function verifyStatus(checks: VerifyCheck[], signature: VerifySignature): VerifyStatus {
  const failed = checks.find((c) => !c.ok);
  if (!failed) return 'valid';
  if (failed.check === 'current') return 'superseded';
  return failed.check === 'signature' && signature.issuer === 'elsewhere' ? 'elsewhere' : 'mismatch';
}
