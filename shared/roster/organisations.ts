// Which of the event's organisations a roster cell names. Companies write their own name (京运物流)
// more often than the code the organiser gave them, and type it as their keyboard has it (ＳＦ速运,
// "京运 物流"): a cell names an organisation by its code, by its exact name, or by its code or
// name read loosely (full-width forms folded, spaces dropped, Latin letters in one case). When two
// organisations read the same, the cell is ambiguous: the organiser decides, nothing is guessed.
import { CODE_RE, type Organisation } from '../event-file/schema.ts';

export type OrganisationMatch =
  | { kind: 'code' | 'name' | 'similar'; organisation: Organisation }
  | { kind: 'ambiguous'; candidates: Organisation[] }
  | { kind: 'unknown' };

/** The loose reading of a code or name: NFKC (full-width → half-width), no whitespace, lower case. */
export function organisationKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export type OrganisationMatcher = (value: string) => OrganisationMatch;

export function organisationMatcher(organisations: readonly Organisation[]): OrganisationMatcher {
  const byCode = new Map(organisations.map((o) => [o.code, o]));
  const byName = new Map<string, Organisation[]>();
  const byKey = new Map<string, Organisation[]>();
  for (const o of organisations) {
    push(byName, o.name.trim(), o);
    push(byKey, organisationKey(o.code), o);
    push(byKey, organisationKey(o.name), o);
  }
  const verdict = (found: Organisation[], kind: 'name' | 'similar'): OrganisationMatch | null => {
    if (found.length === 1) return { kind, organisation: found[0]! };
    return found.length > 1 ? { kind: 'ambiguous', candidates: found } : null;
  };
  return (raw) => {
    const value = raw.trim();
    const exact = byCode.get(value);
    if (exact) return { kind: 'code', organisation: exact };
    return (
      verdict(byName.get(value) ?? [], 'name') ??
      verdict(byKey.get(organisationKey(value)) ?? [], 'similar') ?? { kind: 'unknown' }
    );
  };
}

/** An organisation the roster names that the event does not have, with a code proposed for it. */
export interface NewOrganisation {
  name: string;
  code: string;
  /** the rows that name it */
  rows: number[];
}

const MAX_CODE = 32;

function withSuffix(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, MAX_CODE - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * A valid code (CODE_RE) for a new organisation, not in `taken`: its name in lower case when
 * written in Latin letters (SF Express → sf-express), else org-1, org-2 …: the same name and
 * codes give the same proposal, and the organiser can change it before confirming.
 */
export function proposeCode(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_CODE)
    .replace(/-+$/, '');
  const latin = slug.length >= 2 && /[a-z]/.test(slug) && /^[\x20-\x7e]*$/.test(name.normalize('NFKC'));
  if (latin) {
    if (!taken.has(slug)) return slug;
    for (let n = 2; ; n++) if (!taken.has(withSuffix(slug, n))) return withSuffix(slug, n);
  }
  for (let n = 1; ; n++) if (!taken.has(`org-${n}`)) return `org-${n}`;
}

/**
 * The names in `cells` that no organisation matched, one per loose reading (京运 物流 and 京运物流
 * are one new organisation, named as first written), each with a proposed code, in file order.
 */
export function proposeOrganisations(
  cells: readonly { row: number; value: string }[],
  takenCodes: Iterable<string>,
): NewOrganisation[] {
  const taken = new Set(takenCodes);
  const byKey = new Map<string, NewOrganisation>();
  for (const { row, value } of cells) {
    const key = organisationKey(value);
    const known = byKey.get(key);
    if (known) {
      known.rows.push(row);
      continue;
    }
    const code = proposeCode(value.trim(), taken);
    taken.add(code);
    byKey.set(key, { name: value.trim(), code, rows: [row] });
  }
  return [...byKey.values()];
}

export interface NewOrganisationProblem {
  /** index in the list of organisations to add */
  index: number;
  field: 'code' | 'name';
  code: 'empty' | 'too_long' | 'bad_format' | 'duplicate';
  /** duplicate: the organisation with that code or name */
  holder?: Organisation;
  /** bad_format: { format: 'code', value }; too_long: { max }; duplicate: { what, value, first } (first: its path) */
  params: Record<string, string | number>;
  message: string;
}

const MAX_NAME = 200;

/** What is wrong with organisations to add to an event that has `existing` (codes, names, clashes). */
export function checkNewOrganisations(
  existing: readonly Organisation[],
  adding: readonly Organisation[],
): NewOrganisationProblem[] {
  const problems: NewOrganisationProblem[] = [];
  type Held = { holder: Organisation; at: string };
  const codes = new Map<string, Held>();
  // Loose readings already taken: a new name that reads like one would make cells ambiguous.
  const names = new Map<string, Held>();
  const claim = (holder: Organisation, at: string) => {
    if (!codes.has(holder.code)) codes.set(holder.code, { holder, at: `${at}.code` });
    for (const field of ['code', 'name'] as const) {
      const key = organisationKey(holder[field]);
      if (!names.has(key)) names.set(key, { holder, at: `${at}.${field}` });
    }
  };
  existing.forEach((o, i) => claim(o, `organisations[${i}]`));
  adding.forEach((o, index) => {
    const name = o.name.trim();
    const sameCode = codes.get(o.code);
    const sameName = names.get(organisationKey(name));
    // `first` is the path of the code or name it clashes with, as in the event file's own issues.
    const twice = (field: 'code' | 'name', value: string, held: Held, message: string) =>
      problems.push({
        index,
        field,
        code: 'duplicate',
        holder: held.holder,
        params: { what: 'organisation', value, first: held.at },
        message,
      });
    if (!CODE_RE.test(o.code))
      problems.push({
        index,
        field: 'code',
        code: 'bad_format',
        params: { format: 'code', value: o.code },
        message: 'must be 1–32 characters of a-z 0-9 - _',
      });
    else if (sameCode) twice('code', o.code, sameCode, `"${o.code}" is already the code of "${sameCode.holder.name}"`);
    if (name === '') problems.push({ index, field: 'name', code: 'empty', params: {}, message: 'must not be empty' });
    else if (name.length > MAX_NAME)
      problems.push({
        index,
        field: 'name',
        code: 'too_long',
        params: { max: MAX_NAME },
        message: `must be at most ${MAX_NAME} characters`,
      });
    else if (sameName) {
      const { name: other, code } = sameName.holder;
      twice('name', name, sameName, `"${name}" reads the same as the organisation "${other}" (${code})`);
    }
    claim(o, `addOrganisations[${index}]`);
  });
  return problems;
}
