// What an attacker does to an event archive so that it still imports: change rows, then re-hash the
// audit chain (and the certified results' digests) so every checksum the archive carries agrees.
import { chainHash } from '../domain/audit/audit.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import type { ArchiveDoc, ArchiveTables } from './archive-doc.ts';

type AuditRow = ArchiveTables['audit_log'][number];

/** Every audit entry re-hashed after its payload's data was changed, so the chain verifies. */
export function rechain(doc: ArchiveDoc, change: (entry: AuditRow, data: Record<string, unknown>) => void): void {
  let prev = '';
  for (const row of doc.tables.audit_log.sort((x, y) => x.n - y.n)) {
    const payload = JSON.parse(row.payload) as { data: Record<string, unknown> };
    change(row, payload.data);
    row.payload = canonicalJson(payload);
    row.hash = prev = chainHash(prev, row.n, row.payload);
  }
  doc.tables.events[0]!.audit_head = prev;
}

/**
 * The archive with two contestants' names swapped everywhere it names them (rows, event file,
 * certified results, certificates, audit entries), the results' digests recomputed and the audit
 * chain re-hashed: the runner-up now holds the winner's certificate, and every checksum agrees.
 */
export function swapNames(doc: ArchiveDoc, a: string, b: string): ArchiveDoc {
  const marker = '\u0000swap\u0000';
  const text = JSON.stringify(doc).replaceAll(a, marker).replaceAll(b, a).replaceAll(marker, b);
  const forged = JSON.parse(text) as ArchiveDoc;
  const digests = new Map<string, string>();
  for (const c of forged.tables.certifications) {
    const digest = sha256(canonicalJson(c.results));
    digests.set(c.digest, digest);
    c.digest = digest;
  }
  rechain(forged, (_row, data) => Object.assign(data, JSON.parse(replaceAll(JSON.stringify(data), digests))));
  return forged;
}

function replaceAll(text: string, map: Map<string, string>): string {
  let out = text;
  for (const [from, to] of map) out = out.replaceAll(from, to);
  return out;
}
