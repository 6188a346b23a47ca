// The kinds of values a refusal or an issue carries in `params` (CONTRACT §2, v1.1), as data the
// web app reads to format each one (numbers by locale, states and types through the glossary)
// and as the TypeScript types the server must give them. A kind ending in "?" is optional.
import { CONTEST_STATES, type ContestState } from '../api.ts';

/** What a value was (got) or should be (expected), in words the glossary knows. */
export const VALUE_TYPES = ['text', 'number', 'whole_number', 'boolean', 'object', 'list', 'null'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A JSON scalar quoted back to the reader ("must be one of …", "(got 12)"). */
export type Literal = string | number | boolean | null;

export type ParamKind =
  /** shown as given: a code, a bib, a name, a field */
  | 'text'
  /** a JSON path such as contests[0].sections (shown as code) */
  | 'path'
  /** a measure (formatted by locale) */
  | 'number'
  /** a whole number that words may agree with (plural rules) */
  | 'count'
  | 'boolean'
  /** a contest state: setup, scoring, … (named through the glossary) */
  | 'state'
  /** an ISO-8601 time (shown in the reader's locale) */
  | 'time'
  | 'type'
  | 'types'
  /** a scalar from the request, quoted */
  | 'value'
  | 'values'
  /** texts shown as given, joined the reader's way */
  | 'list';

/** A param: one of the kinds, optional with "?", or a closed set of words (chosen with `select`). */
export type ParamSpec = ParamKind | `${ParamKind}?` | readonly string[];
export type ParamsSpec = Readonly<Record<string, ParamSpec>>;

interface KindTypes {
  text: string;
  path: string;
  number: number;
  count: number;
  boolean: boolean;
  state: ContestState;
  time: string;
  type: ValueType;
  types: ValueType[];
  value: Literal;
  values: Literal[];
  list: string[];
}

type ValueOf<S> = S extends readonly (infer U)[]
  ? U
  : S extends `${infer K extends ParamKind}?`
    ? KindTypes[K]
    : S extends ParamKind
      ? KindTypes[S]
      : never;

type OptionalKeys<S> = { [P in keyof S]: S[P] extends `${string}?` ? P : never }[keyof S];
type RequiredKeys<S> = Exclude<keyof S, OptionalKeys<S>>;

/** The params object a spec describes. */
export type ParamsOf<S> = { [P in RequiredKeys<S>]: ValueOf<S[P]> } & { [P in OptionalKeys<S>]?: ValueOf<S[P]> };

const isLiteral = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Whether `value` fits `spec` (a screen trusts only params that do; others get a generic sentence). */
export function fitsSpec(spec: ParamSpec, value: unknown): boolean {
  if (typeof spec !== 'string') return typeof value === 'string' && spec.includes(value);
  const optional = spec.endsWith('?');
  if (value === undefined) return optional;
  const kind = (optional ? spec.slice(0, -1) : spec) as ParamKind;
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'count':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'state':
      return (CONTEST_STATES as readonly unknown[]).includes(value);
    case 'type':
      return (VALUE_TYPES as readonly unknown[]).includes(value);
    case 'types':
      return Array.isArray(value) && value.every((v) => (VALUE_TYPES as readonly unknown[]).includes(v));
    case 'value':
      return isLiteral(value);
    case 'values':
      return Array.isArray(value) && value.every(isLiteral);
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    default:
      return typeof value === 'string';
  }
}

/** Whether every param of `spec` fits and nothing else is there (`reason` names the refusal itself). */
export function fitsParams(spec: ParamsSpec, params: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(params)) if (key !== 'reason' && !Object.hasOwn(spec, key)) return false;
  return Object.entries(spec).every(([key, s]) => fitsSpec(s, params[key]));
}
