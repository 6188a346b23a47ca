// zod's issues as ours (CONTRACT §2): a stable code, params holding values (never words), the
// JSON path, and a short English message for logs ("must be 4–8 digits (got \"12\")").
//
// Paths: property names joined by dots, array indexes in brackets, the root is "":
//   contests[0].sections[1].criteria[2].max     organisations[3].code     format
// A property name that is not a plain identifier is quoted: contests[0]["odd key"].
import type { z } from 'zod';
import { FORMAT_PATTERNS } from './formats.ts';
import { issue, type Issue } from './issues.ts';
import type { Literal, ValueType } from './params.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${String(key)}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function typeOfValue(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

const ZOD_TYPES: Record<string, ValueType> = {
  string: 'text',
  number: 'number',
  int: 'whole_number',
  boolean: 'boolean',
  object: 'object',
  array: 'list',
  null: 'null',
};

const WORDS: Record<ValueType, string> = {
  text: 'text',
  number: 'a finite number',
  whole_number: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  list: 'a list',
  null: 'null',
};

function described(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const type = typeOfValue(value);
  return type === 'list' || type === 'object' ? WORDS[type] : type;
}

/** A scalar small enough to quote back; long text is cut. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

const scalar = (value: unknown): Literal | undefined =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? typeof value === 'string' && value.length > 40
      ? `${value.slice(0, 40)}…`
      : (value as Literal)
    : undefined;

function oneOf(values: readonly unknown[]): string {
  const list = values.map((v) => shown(v) ?? String(v));
  return list.length === 1 ? `must be ${list[0]}` : `must be one of ${list.join(', ')}`;
}

function bound(iss: Record<string, unknown>, limit: unknown, small: boolean): string {
  const n = Number(limit);
  switch (iss.origin) {
    case 'string':
      if (!small) return `must be at most ${n} characters`;
      return n === 1 ? 'must not be empty' : `must be at least ${n} characters`;
    case 'array':
      return small ? `must have at least ${n} entr${n === 1 ? 'y' : 'ies'}` : `must have at most ${n} entries`;
    default:
      return `must be ${small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<'} ${n}`;
  }
}

/**
 * English messages for issues whose schema gave none (schema messages such as 'must be 4–8 digits'
 * win). Pass it to safeParse as `{ error: englishErrorMap }`. zod hands over raw issues; they are
 * read through a loose view so this never throws.
 */
export const englishErrorMap = (raw: unknown): string => {
  const iss = raw as Record<string, unknown> & { code?: string; input?: unknown };
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      const expected = ZOD_TYPES[String(iss.expected)];
      return `must be ${expected ? WORDS[expected] : String(iss.expected)} (got ${described(iss.input)})`;
    }
    case 'invalid_value': {
      const must = oneOf(Array.isArray(iss.values) ? iss.values : []);
      return iss.input === undefined ? `is required and ${must}` : must;
    }
    case 'invalid_union': {
      if (typeof iss.discriminator === 'string') {
        const options = Array.isArray(iss.options) ? iss.options : [];
        const parent = iss.input;
        const given =
          parent !== null && typeof parent === 'object'
            ? (parent as Record<string, unknown>)[iss.discriminator]
            : undefined;
        return given === undefined ? `is required and ${oneOf(options)}` : oneOf(options);
      }
      return 'does not match any allowed form';
    }
    case 'too_small':
      return bound(iss, iss.minimum, true);
    case 'too_big':
      return bound(iss, iss.maximum, false);
    case 'invalid_format':
      return 'has the wrong format';
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    default:
      return 'is not valid';
  }
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here = root;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || typeof key === 'symbol') return undefined;
    if (!Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

// The got-value helps find the offending entry; invalid_type already names what it got.
const SHOW_VALUE = new Set([
  'invalid_value',
  'invalid_union',
  'invalid_format',
  'too_small',
  'too_big',
  'not_multiple_of',
]);

type Raw = z.core.$ZodIssue;

/** What each branch of a plain union accepts: its literals and its types. */
function alternatives(iss: Extract<Raw, { code: 'invalid_union' }>): { allowed: Literal[]; expected: ValueType[] } {
  const allowed: Literal[] = [];
  const expected: ValueType[] = [];
  for (const branch of iss.errors) {
    const top = branch.find((b) => b.path.length === 0);
    if (top?.code === 'invalid_value') allowed.push(...(top.values as Literal[]));
    else if (top?.code === 'invalid_type' && ZOD_TYPES[top.expected]) expected.push(ZOD_TYPES[top.expected]!);
  }
  return { allowed, expected };
}

/** One zod issue (not unrecognized_keys) as our code and params; `value` is what was at its path. */
/** Issue codes without params that a refinement may name in its params (`{ params: { code } }`). */
const REFINEMENT_CODES = [
  'award_ratio_or_count',
  'rejected_with_corrections',
  'archive_bad_id',
  'archive_pin_hash',
] as const;
type RefinementCode = (typeof REFINEMENT_CODES)[number];
const isRefinementCode = (code: unknown): code is RefinementCode =>
  typeof code === 'string' && (REFINEMENT_CODES as readonly string[]).includes(code);

function coded(iss: Raw, path: string, value: unknown, message: string): Issue {
  const got = scalar(value);
  const v = got === undefined ? {} : { value: got };
  switch (iss.code) {
    case 'invalid_type': {
      if (value === undefined) return issue(path, 'required', message);
      const expected = ZOD_TYPES[iss.expected];
      if (!expected) return issue(path, 'invalid', message, v);
      return issue(path, 'wrong_type', message, { expected: [expected], got: typeOfValue(value) });
    }
    case 'invalid_value': {
      const allowed = iss.values as Literal[];
      if (value === undefined) return issue(path, 'required', message, { allowed });
      return issue(path, 'one_of', message, { allowed, ...v });
    }
    case 'invalid_union': {
      if ('discriminator' in iss && iss.discriminator) {
        const allowed = ((iss as { options?: unknown[] }).options ?? []) as Literal[];
        if (value === undefined) return issue(path, 'required', message, { allowed });
        return issue(path, 'one_of', message, { allowed, ...v });
      }
      const { allowed, expected } = alternatives(iss);
      if (value === undefined) return issue(path, 'required', message, allowed.length ? { allowed } : {});
      const got = typeOfValue(value);
      return issue(path, 'wrong_type', message, { expected, ...(allowed.length ? { allowed } : {}), got });
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') {
        return min <= 1 ? issue(path, 'empty', message) : issue(path, 'too_short', message, { min, ...v });
      }
      if (iss.origin === 'array' || iss.origin === 'set') return issue(path, 'too_few', message, { min });
      return issue(path, 'too_small', message, { min, inclusive: iss.inclusive !== false, ...v });
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return issue(path, 'too_long', message, { max });
      if (iss.origin === 'array' || iss.origin === 'set') return issue(path, 'too_many', message, { max });
      return issue(path, 'too_big', message, { max, inclusive: iss.inclusive !== false, ...v });
    }
    case 'invalid_format': {
      const pattern = 'pattern' in iss ? String(iss.pattern) : '';
      const format = FORMAT_PATTERNS.get(pattern) ?? (iss.format === 'uuid' ? 'uuid' : 'other');
      return issue(path, 'bad_format', message, { format, ...v });
    }
    case 'not_multiple_of':
      return issue(path, 'not_multiple_of', message, { step: Number(iss.divisor), ...v });
    case 'custom': {
      const code = (iss.params as { code?: unknown } | undefined)?.code;
      // Refinements name their issue code in params (see awardTier, decisionBody, archive-tables).
      if (isRefinementCode(code)) return issue(path, code, message);
      return issue(path, 'invalid', message, v);
    }
    default:
      return issue(path, 'invalid', message, v);
  }
}

/**
 * Every zod issue with its code, params and English message; an unknown key becomes one
 * `unknown_field` issue each. `input` is what was parsed (to quote back the offending values).
 */
export function zodIssues(input: unknown, raw: readonly Raw[]): Issue[] {
  const out: Issue[] = [];
  for (const iss of raw) {
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) {
        const path = formatPath([...iss.path, key]);
        out.push(issue(path, 'unknown_field', `unknown field ${JSON.stringify(key)}`, { field: key }));
      }
      continue;
    }
    const value = valueAt(input, iss.path);
    let message = iss.message;
    if (SHOW_VALUE.has(iss.code)) {
      const quoted = shown(value);
      if (quoted !== undefined) message += ` (got ${quoted})`;
    }
    out.push(coded(iss, formatPath(iss.path), value, message));
  }
  return out;
}
