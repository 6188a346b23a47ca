// An event archive as if it came from another computer: new ids everywhere the archive names them
// (event, contests, judges, appeals, certificate codes, marks' client ids), made by an older
// installation that signed nothing, named no origin and recorded no digests of facts in its audit
// entries, re-hashed over the new ids, so it imports into the database it was exported from.
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const random = (alphabet: string, n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => alphabet[b % 32]).join('');
const freshId = (prefix: string) => prefix + random(ALPHABET, 12);

export function asCopy(doc: any): any {
  const ids = new Map<string, string>([[doc.event, freshId('e')]]);
  for (const c of doc.tables.contests) ids.set(c.id, freshId('c'));
  for (const j of doc.tables.judges) ids.set(j.id, freshId('j'));
  for (const a of doc.tables.appeals) ids.set(a.id, freshId('ap'));
  for (const c of doc.tables.certificates) ids.set(c.code, random(CODE_ALPHABET, 10));
  for (const m of doc.tables.marks) ids.set(m.client_id, crypto.randomUUID());
  let text = JSON.stringify(doc);
  for (const [from, to] of ids) text = text.replaceAll(from, to);
  const copy = JSON.parse(text);
  delete copy.origin;
  for (const row of [...copy.tables.certifications, ...copy.tables.certificates]) {
    delete row.signing_key;
    delete row.signature;
  }
  let prev = '';
  for (const row of copy.tables.audit_log) {
    // The payload is canonical JSON (sorted keys), which parsing and writing again keeps.
    const { facts: _, ...payload } = JSON.parse(row.payload);
    row.payload = JSON.stringify(payload);
    row.hash = prev = createHash('sha256').update(`${prev}:${row.n}:${row.payload}`, 'utf8').digest('hex');
  }
  copy.tables.events[0].audit_head = prev;
  return copy;
}
