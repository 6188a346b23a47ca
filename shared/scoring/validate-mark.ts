// Is a mark's value acceptable for its criterion? (SCORING §3; CONTRACT §6 → 400 when not.)
// A refusal is an issue of the mark's `value` (shared/errors): a code, its params, English words.
import type { Criterion } from '../event-file/schema.ts';
import type { Issue, IssueParams } from '../errors/issues.ts';

export type MarkValueError = Extract<Issue, { code: 'value_type' | 'value_range' | 'value_step' | 'value_whole' }>;
export type MarkValueErrorCode = MarkValueError['code'];

const DEFAULT_STEP = 0.01;

/** Whether v is a whole multiple of step, tolerant of binary fractions (0.1 + 0.2 …). */
export function isMultipleOf(v: number, step: number): boolean {
  const q = v / step;
  return Math.abs(q - Math.round(q)) < 1e-6;
}

function finiteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function fail<C extends MarkValueErrorCode>(code: C, message: string, params?: IssueParams<C>): MarkValueError {
  return { path: 'value', code, message, ...(params ? { params } : {}) } as MarkValueError;
}

/** null when the value is acceptable, else why not (at path `value`). */
export function validateMarkValue(criterion: Criterion, value: unknown): MarkValueError | null {
  if (criterion.kind === 'deduction') {
    if (!finiteNumber(value)) return fail('value_type', 'value must be a number of violations', { expected: 'count' });
    if (value < 0) return fail('value_range', 'value must be 0 or more', { min: 0 });
    if (!Number.isSafeInteger(value)) return fail('value_whole', 'value must be a whole number of violations');
    return null;
  }
  const scale = criterion.kind === 'measurement' ? (criterion.scale?.type ?? 'direct') : 'judgement';
  if (scale === 'pass') {
    if (typeof value !== 'boolean') {
      return fail('value_type', 'value must be true (passed) or false (failed)', { expected: 'pass' });
    }
    return null;
  }
  if (!finiteNumber(value)) return fail('value_type', 'value must be a number', { expected: 'number' });
  if (scale === 'linear') {
    if (value < 0) return fail('value_range', 'value must be 0 or more', { min: 0 });
    return null;
  }
  if (value < 0 || value > criterion.max) {
    const max = criterion.max;
    return fail('value_range', `value must be between 0 and ${max}`, { min: 0, max });
  }
  const step = criterion.step ?? DEFAULT_STEP;
  if (!isMultipleOf(value, step)) return fail('value_step', `value must be a multiple of ${step}`, { step });
  return null;
}
