// Is a mark's value acceptable for its criterion? (SCORING §3; CONTRACT §6 → 400 when not.)
import type { Criterion } from '../event-file/schema.ts';

export type MarkValueErrorCode = 'wrong_type' | 'out_of_range' | 'off_step' | 'not_whole';

export interface MarkValueError {
  code: MarkValueErrorCode;
  message: string;
}

const DEFAULT_STEP = 0.01;

function fail(code: MarkValueErrorCode, message: string): MarkValueError {
  return { code, message };
}

/** Whether v is a whole multiple of step, tolerant of binary fractions (0.1 + 0.2 …). */
export function isMultipleOf(v: number, step: number): boolean {
  const q = v / step;
  return Math.abs(q - Math.round(q)) < 1e-6;
}

function finiteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** null when the value is acceptable, else the reason in words a judge can act on. */
export function validateMarkValue(criterion: Criterion, value: unknown): MarkValueError | null {
  if (criterion.kind === 'deduction') {
    if (!finiteNumber(value)) return fail('wrong_type', 'value must be a number of violations');
    if (value < 0) return fail('out_of_range', 'value must be 0 or more');
    if (!Number.isSafeInteger(value)) return fail('not_whole', 'value must be a whole number of violations');
    return null;
  }
  const scale = criterion.kind === 'measurement' ? (criterion.scale?.type ?? 'direct') : 'judgement';
  if (scale === 'pass') {
    if (typeof value !== 'boolean') return fail('wrong_type', 'value must be true (passed) or false (failed)');
    return null;
  }
  if (!finiteNumber(value)) return fail('wrong_type', 'value must be a number');
  if (scale === 'linear') {
    if (value < 0) return fail('out_of_range', 'value must be 0 or more');
    return null;
  }
  if (value < 0 || value > criterion.max) {
    return fail('out_of_range', `value must be between 0 and ${criterion.max}`);
  }
  const step = criterion.step ?? DEFAULT_STEP;
  if (!isMultipleOf(value, step)) return fail('off_step', `value must be a multiple of ${step}`);
  return null;
}
