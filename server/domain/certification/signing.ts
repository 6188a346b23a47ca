// The installation's Ed25519 key: made on first start and kept in the database (table
// installation_key), so every server process on that database signs with the same key; it never
// travels in archives, exports, logs or API answers, only its public key does. Certifications and
// certificates are signed when issued, over a canonical statement of what they state, so that a
// certificate made (or edited) elsewhere cannot pass for one issued here (signature-check.ts).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/create-db.ts';
import { certificates, certifications, contests, installationKey } from '../../../db/schema/index.ts';
import { PUBLIC_KEY_RE } from '../../../shared/installation-api.ts';
import { canonicalJson } from '../ids.ts';

const SELF = 'self';
/** An Ed25519 signature as stored: 64 bytes in base64url. */
export const SIGNATURE_RE = /^[A-Za-z0-9_-]{86}$/;

/** What people compare by eye: the first 64 bits of the key's SHA-256, in hex. */
export function fingerprintOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
}

export type CertificationFacts = Pick<
  typeof certifications.$inferSelect,
  'contestId' | 'seq' | 'digest' | 'certifiedBy' | 'certifiedAt'
>;
export type CertificateFacts = Pick<
  typeof certificates.$inferSelect,
  'code' | 'contestId' | 'bib' | 'name' | 'organisation' | 'award' | 'rank' | 'total' | 'issuedAt'
>;

/** What a certification states: these results (by their digest) of this contest, certified by whom and when. */
export function certificationStatement(eventId: string, c: CertificationFacts): Record<string, unknown> {
  return {
    statement: 'jiangxin/certification@1',
    event: eventId,
    contest: c.contestId,
    seq: c.seq,
    results: c.digest,
    certifiedBy: c.certifiedBy,
    certifiedAt: c.certifiedAt.toISOString(),
  };
}

/**
 * What a certificate states: this code names this winner of these certified results (by their digest).
 * Certificates carry no level yet; when they do, it joins the statement (with a new statement version).
 */
export function certificateStatement(
  eventId: string,
  resultsDigest: string,
  c: CertificateFacts,
): Record<string, unknown> {
  return {
    statement: 'jiangxin/certificate@1',
    event: eventId,
    contest: c.contestId,
    results: resultsDigest,
    code: c.code,
    bib: c.bib,
    name: c.name,
    organisation: c.organisation,
    award: c.award,
    rank: c.rank,
    total: c.total,
    issuedAt: c.issuedAt.toISOString(),
  };
}

export interface Signer {
  publicKey: string;
  /** The base64url Ed25519 signature of the statement's canonical JSON. */
  sign(statement: Record<string, unknown>): string;
}

export interface InstallationIdentity {
  name: string;
  publicKey: string;
  fingerprint: string;
  createdAt: Date;
}

/** Whether `signature` is `publicKey`'s signature of the statement; false for anything malformed. */
export function verifyStatement(publicKey: string, statement: Record<string, unknown>, signature: string): boolean {
  if (!PUBLIC_KEY_RE.test(publicKey) || !SIGNATURE_RE.test(signature)) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(canonicalJson(statement), 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** The installation's public identity (never the private key); made on first use. */
export async function installationIdentity(db: Db | Tx): Promise<InstallationIdentity> {
  const row = await keyRow(db);
  const { name, publicKey, createdAt } = row;
  return { name, publicKey, fingerprint: fingerprintOf(publicKey), createdAt };
}

/** Signs with the installation's key (made on first use). */
export async function installationSigner(db: Db | Tx): Promise<Signer> {
  return signerOf(await keyRow(db));
}

function signerOf(row: typeof installationKey.$inferSelect): Signer {
  const key = createPrivateKey({ key: Buffer.from(row.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return {
    publicKey: row.publicKey,
    sign: (statement) => sign(null, Buffer.from(canonicalJson(statement), 'utf8'), key).toString('base64url'),
  };
}

/**
 * The key row, made if there is none yet. Processes starting together race to insert it; the one
 * whose insert lands also signs what this database certified before it had a key (rows without
 * origin_id were made here; imported ones keep the signatures, or their absence, they came with).
 */
async function keyRow(db: Db | Tx): Promise<typeof installationKey.$inferSelect> {
  const [found] = await db.select().from(installationKey).where(eq(installationKey.id, SELF));
  if (found) return found;
  const pair = generateKeyPairSync('ed25519');
  await db.transaction(async (tx) => {
    const [made] = await tx
      .insert(installationKey)
      .values({
        id: SELF,
        name: hostname(),
        publicKey: pair.publicKey.export({ format: 'jwk' }).x!,
        privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      })
      .onConflictDoNothing()
      .returning();
    if (made) await signEarlierCertifications(tx, signerOf(made));
  });
  const [row] = await db.select().from(installationKey).where(eq(installationKey.id, SELF));
  return row!;
}

async function signEarlierCertifications(tx: Tx, signer: Signer): Promise<void> {
  const rows = await tx
    .select({ c: certifications, eventId: contests.eventId })
    .from(certifications)
    .innerJoin(contests, eq(contests.id, certifications.contestId))
    .where(and(isNull(certifications.originId), isNull(certifications.signature)));
  for (const { c, eventId } of rows) {
    const signature = signer.sign(certificationStatement(eventId, c));
    await tx.update(certifications).set({ signingKey: signer.publicKey, signature }).where(eq(certifications.id, c.id));
    const issued = await tx.select().from(certificates).where(eq(certificates.certificationId, c.id));
    for (const cert of issued) {
      const certSignature = signer.sign(certificateStatement(eventId, c.digest, cert));
      await tx
        .update(certificates)
        .set({ signingKey: signer.publicKey, signature: certSignature })
        .where(eq(certificates.code, cert.code));
    }
  }
}

/** The signature columns of a contest's new certification and certificates, signed by this installation. */
export async function signingFor(tx: Tx, contestId: string) {
  const signer = await installationSigner(tx);
  const [contest] = await tx.select({ eventId: contests.eventId }).from(contests).where(eq(contests.id, contestId));
  const eventId = contest!.eventId;
  return {
    certification: (c: CertificationFacts) => ({
      signingKey: signer.publicKey,
      signature: signer.sign(certificationStatement(eventId, c)),
    }),
    certificate: (resultsDigest: string, c: CertificateFacts) => ({
      signingKey: signer.publicKey,
      signature: signer.sign(certificateStatement(eventId, resultsDigest, c)),
    }),
  };
}
