// Responses of the certification endpoints: certified results, award certificates and the
// public verification of a certificate's code (CONTRACT §10 /verify/:code).
import type { BoardRow } from './scoring/types.ts';

/** GET /api/v1/contests/:id/certification: the latest certification of a contest. */
export interface CertificationResponse {
  id: string;
  contest: string;
  seq: number;
  digest: string; // sha256 of the canonical JSON of `results`
  certifiedBy: string;
  certifiedAt: string;
  results: BoardRow[];
}

export interface CertificateEntry {
  code: string;
  bib: string;
  name: string;
  organisation: string; // the organisation's name
  award: string;
  rank: number;
  total: number;
  url: string; // the public verification page
}

/** GET /api/v1/contests/:id/certificates (organiser). */
export interface CertificatesResponse {
  certificationId: string;
  certifiedAt: string;
  certificates: CertificateEntry[];
}

/**
 * Why a certificate is not valid, in the order they are looked at. `elsewhere`: everything else
 * holds, but it was issued (signed) by another installation whose key is not trusted here, or not
 * signed at all (an imported event): this installation cannot vouch for it.
 */
export type VerifyStatus = 'valid' | 'superseded' | 'mismatch' | 'elsewhere';

// audit: the facts behind the certificate (contestants, certification, certificate, …) are as the
// audit chain recorded them.
export type VerifyCheckName = 'current' | 'digest' | 'marks' | 'certificate' | 'audit' | 'signature';

/** Who signed the certificate and its certification: this installation, one it trusts, or another. */
export interface VerifySignature {
  issuer: 'here' | 'trusted' | 'elsewhere';
  /** The signing key's fingerprint (server/domain/certification/signing.ts), null when unsigned. */
  fingerprint: string | null;
  /** The signing installation's name, when known here. */
  installation: string | null;
}

export interface VerifyCheck {
  check: VerifyCheckName;
  ok: boolean;
}

/** GET /api/v1/verify/:code (anyone). */
export interface VerifyResponse {
  code: string;
  event: { id: string; name: string };
  contest: { id: string; code: string; name: string };
  contestant: { bib: string; name: string; organisation: string };
  award: string;
  rank: number;
  total: number;
  certifiedAt: string;
  certifiedBy: string;
  digest: string;
  status: VerifyStatus;
  checks: VerifyCheck[];
  signature: VerifySignature;
}

// Crockford base32: no I, L, O or U, so a code read aloud or typed from paper is unambiguous.
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A typed code as stored: upper case, without spaces or dashes, with Crockford's look-alikes mapped. */
export function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_\u2010-\u2015]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function isCodeShape(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch));
}

/**
 * GET /api/v1/contests/:id/certificates/:bib: the award certificate of one contestant in the latest
 * certification (null when the contestant won none). Public once the contest is published, as the
 * certified results are; `code` opens /verify/:code.
 */
export interface ContestantCertificateResponse {
  certificate: { code: string; award: string; rank: number } | null;
}
