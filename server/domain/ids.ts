// Opaque ids, tokens and PINs from the system's CSPRNG.
import { randomBytes, randomInt, createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** What newId(prefix) makes, and nothing else. */
export const idPattern = (prefix: string) => new RegExp(`^${prefix}[${ALPHABET}]{12}$`);

/** A short id that reads well in a URL: `prefix` + 12 characters (60 bits). */
export function newId(prefix = ''): string {
  const bytes = randomBytes(12);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

export const newToken = () => randomBytes(32).toString('base64url');
export const newPin = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every level, so equal data always hashes equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
