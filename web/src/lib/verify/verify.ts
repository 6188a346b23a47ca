// The verify pages' logic without the DOM: fetching a code's verification, and the words and
// shapes the page shows (grouped code, short digest, who certified, which checks failed).
import type { VerifyCheckName, VerifyResponse, VerifySignature } from '$shared/certification-api.ts';
import { ApiRequestError, getJson } from '$lib/api.ts';
import { pageError } from '$lib/page-error.ts';
import type { MessageKey } from '$lib/i18n/index.ts';

export type VerifyOutcome = { found: true; result: VerifyResponse } | { found: false; code: string };

/** GET /api/v1/verify/:code; an unknown code is an answer the page shows, not an error page. */
export async function loadVerification(fetch: typeof globalThis.fetch, code: string): Promise<VerifyOutcome> {
  try {
    return { found: true, result: await getJson<VerifyResponse>(`/verify/${encodeURIComponent(code)}`, { fetch }) };
  } catch (cause) {
    if (cause instanceof ApiRequestError && cause.status === 404) return { found: false, code };
    pageError(cause);
  }
}

/** "ABCDE12345" → "ABCDE-12345": easier to compare with the printed certificate. */
export function groupCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** The first 16 hex digits in groups of four: enough to compare by eye with a printout. */
export function shortDigest(digest: string): string {
  return (digest.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

/** The stored actor ("organiser:admin", "judge:chief") in words. */
export function certifierLabel(certifiedBy: string): { key: MessageKey; name: string } {
  const [role, ...rest] = certifiedBy.split(':');
  const name = rest.join(':') || certifiedBy;
  if (role === 'organiser') return { key: 'verify.by.organiser', name };
  if (role === 'judge') return { key: 'verify.by.judge', name };
  return { key: 'verify.by.other', name: certifiedBy };
}

export const CHECK_KEYS: Record<VerifyCheckName, MessageKey> = {
  current: 'verify.check.current',
  digest: 'verify.check.digest',
  marks: 'verify.check.marks',
  certificate: 'verify.check.certificate',
  audit: 'verify.check.audit',
  signature: 'verify.check.signature',
};

/** Who issued the certificate, in words: the installation's name, else its key's fingerprint. */
export function issuerLabel(s: VerifySignature): { key: MessageKey; name: string } {
  if (!s.fingerprint) return { key: 'verify.issuer.unsigned', name: '' };
  return { key: `verify.issuer.${s.issuer}`, name: s.installation || shortDigest(s.fingerprint) };
}

/** The verdict's words: a title and a sentence for each status. */
export const VERDICT_KEYS: Record<VerifyResponse['status'], { title: MessageKey; text: MessageKey }> = {
  valid: { title: 'verify.valid', text: 'verify.validText' },
  superseded: { title: 'verify.superseded', text: 'verify.supersededText' },
  mismatch: { title: 'verify.mismatch', text: 'verify.mismatchText' },
  elsewhere: { title: 'verify.elsewhere', text: 'verify.elsewhereText' },
};

/** The checks that failed, in the server's order (the first one is the status). */
export function failedChecks(result: Pick<VerifyResponse, 'checks'>): VerifyCheckName[] {
  return result.checks.filter((c) => !c.ok).map((c) => c.check);
}
