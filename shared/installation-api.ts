// The installation's signing identity and the other installations it trusts (organisers only):
// certificates signed by a trusted key verify as valid here; others of imported events as
// "issued elsewhere" (shared/certification-api.ts VerifyStatus). Public keys only: private keys
// never leave the installation that made them.
import { z } from 'zod';

/** An Ed25519 public key: the raw 32 bytes in base64url (a JWK's "x"). */
export const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;

/** POST /api/v1/installation/trusted-keys */
export const trustKeyBody = z.strictObject({
  publicKey: z.string().trim().regex(PUBLIC_KEY_RE, 'must be an installation public key (43 characters)'),
  name: z.string().trim().max(200).optional(),
});

export interface InstallationKeyInfo {
  name: string;
  publicKey: string;
  /** First 64 bits of the key's SHA-256, in hex: what people compare by eye. */
  fingerprint: string;
}

export interface TrustedKeyInfo extends InstallationKeyInfo {
  trustedBy: string;
  trustedAt: string;
}

/** A key named by an imported event's archive and not trusted here. */
export interface SeenKeyInfo extends InstallationKeyInfo {
  events: { id: string; name: string }[];
}

/** GET /api/v1/installation (and the answer of trusting or untrusting a key). */
export interface InstallationInfo {
  self: InstallationKeyInfo & { createdAt: string };
  trusted: TrustedKeyInfo[];
  seen: SeenKeyInfo[];
}

/** GET /api/v1/events/:id/origin: where an imported event came from; null for an event made here. */
export interface EventOriginInfo {
  origin: {
    /** As the archive names them; '' and null for archives written before origins were recorded. */
    installation: string;
    publicKey: string | null;
    fingerprint: string | null;
    exportedAt: string | null;
    importedAt: string;
    importedBy: string;
    /** here: this installation's own key (an archive of its own); trusted; or neither. */
    trust: 'here' | 'trusted' | 'untrusted';
  } | null;
}
