// Resident identity numbers (居民身份证号码, GB 11643): 17 digits and an ISO 7064 MOD 11-2 check
// character (0-9 or X). Private (CONTRACT v1.1 §4): only organisers ever see one whole; every other
// response, export, socket message, log line and audit entry carries it masked to its first 3 and
// last 4 characters with `*` between, 18 characters in all.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The check character of the first 17 digits. */
export function identityCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Whether `value` is an 18-character identity number whose check character holds (lower-case x allowed). */
export function isIdentityNumber(value: string): boolean {
  const v = value.toUpperCase();
  return SHAPE.test(v) && identityCheckCharacter(v.slice(0, 17)) === v[17];
}

/** `110105199001011234` → `110***********1234`: first 3 and last 4 characters kept, 18 in all. */
export function maskIdentityNumber(value: string): string {
  const v = value.toUpperCase();
  if (v.length !== 18) return '*'.repeat(18);
  return `${v.slice(0, 3)}${'*'.repeat(11)}${v.slice(14)}`;
}

// 18 characters standing alone (not inside a longer run of digits): what an identity number looks
// like wherever it has been written into text.
const IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** The text with every valid identity number in it masked (log lines, messages). */
export function maskIdentityNumbersIn(text: string): string {
  return text.replace(IN_TEXT, (m) => (isIdentityNumber(m) ? maskIdentityNumber(m) : m));
}

/**
 * A copy of a JSON-like value with every valid identity number in its strings masked: the last guard
 * before something is written where only masked numbers may go (the audit log). Keys are kept.
 */
export function maskIdentityNumbersDeep<T>(value: T): T {
  if (typeof value === 'string') return maskIdentityNumbersIn(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskIdentityNumbersDeep(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskIdentityNumbersDeep(v);
    return out as T;
  }
  return value;
}
