// Validates an event file (CONTRACT §4): the zod shape first, then, on a well-shaped file, the
// cross-field rules. Every problem comes back at once as { path, message }, never as a throw.
//
// Paths: property names joined by dots, array indexes in brackets, the root is "":
//   contests[0].sections[1].criteria[2].max     organisations[3].code     format
// A property name that is not a plain identifier is quoted: contests[0]["odd key"].
// Messages are short phrases about the value at the path ("must be 4–8 digits (got \"12\")").
import type { z } from 'zod';
import { eventFileShape, type EventFile } from './schema.ts';
import { checkEventFile, eventFileWarnings, type EventFileIssue } from './rules.ts';

export type ParseEventFileResult =
  | { ok: true; file: EventFile; warnings: EventFileIssue[] }
  | { ok: false; issues: EventFileIssue[] };

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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a finite number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function shown(value: unknown): string | undefined {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function oneOf(values: readonly unknown[]): string {
  const list = values.map((v) => shown(v) ?? String(v));
  return list.length === 1 ? `must be ${list[0]}` : `must be one of ${list.join(', ')}`;
}

function bound(iss: Record<string, unknown>, limit: unknown, small: boolean): string {
  const n = Number(limit);
  switch (iss.origin) {
    case 'string':
      return small
        ? n === 1
          ? 'must not be empty'
          : `must be at least ${n} characters`
        : `must be at most ${n} characters`;
    case 'array':
      return small ? `must have at least ${n} entr${n === 1 ? 'y' : 'ies'}` : `must have at most ${n} entries`;
    default:
      return `must be ${small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<'} ${n}`;
  }
}

// Messages for issues whose schema gave none (schema messages such as 'must be 4–8 digits' win).
// zod hands over raw issues; they are read through a loose view so this never throws.
const errorMap = (raw: unknown): string => {
  const iss = raw as Record<string, unknown> & { code?: string; input?: unknown };
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      const expected = EXPECTED[String(iss.expected)] ?? String(iss.expected);
      return `must be ${expected} (got ${describe(iss.input)})`;
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

/** Every zod issue as { path, message }; unknown keys become one issue each. */
export function shapeIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): EventFileIssue[] {
  const out: EventFileIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: `unknown field ${JSON.stringify(key)}` });
      continue;
    }
    let message = issue.message;
    if (SHOW_VALUE.has(issue.code)) {
      const value = shown(valueAt(input, issue.path));
      if (value !== undefined) message += ` (got ${value})`;
    }
    if (issue.path.length === 0 && !message.startsWith('an ')) message = `the event file ${message}`;
    out.push({ path: formatPath(issue.path), message });
  }
  return out;
}

export function parseEventFile(input: unknown): ParseEventFileResult {
  let result: ReturnType<typeof eventFileShape.safeParse>;
  try {
    result = eventFileShape.safeParse(input, { error: errorMap });
  } catch {
    // Only exotic objects (throwing getters, proxies) get here; JSON never does.
    return { ok: false, issues: [{ path: '', message: 'the event file could not be read' }] };
  }
  if (!result.success) return { ok: false, issues: shapeIssues(input, result.error.issues) };
  const issues = checkEventFile(result.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, file: result.data, warnings: eventFileWarnings(result.data) };
}

/** A deep copy without judges' pins: what GET /events/:id/file serves (CONTRACT §4). */
export function stripPins(file: EventFile): EventFile {
  const copy = structuredClone(file);
  for (const contest of copy.contests)
    for (const judge of contest.judges) delete judge.pin;
  return copy;
}
