// Values on the scoring sheet: steps, parsing typed numbers, and the points a value gives, all
// through the shared scoring engine (SCORING.md) so the tablet agrees with every board.
import type { Criterion } from '$shared/event-file/schema.ts';
import { criterionPoints } from '$shared/scoring/criterion.ts';
import { isMultipleOf, validateMarkValue, type MarkValueError } from '$shared/scoring/validate-mark.ts';

export type MarkValue = number | boolean;

export type ControlKind = 'stepper' | 'numpad' | 'pass' | 'counter';

export function controlOf(c: Criterion): ControlKind {
  if (c.kind === 'judgement') return 'stepper';
  if (c.kind === 'deduction') return 'counter';
  return c.scale?.type === 'pass' ? 'pass' : 'numpad';
}

/** The step of a stepper or counter: the criterion's `step` (default 0.01), 1 for violations. */
export function stepOf(c: Criterion): number {
  if (c.kind === 'deduction') return 1;
  return c.step ?? 0.01;
}

export function decimalsOf(step: number): number {
  for (let d = 0; d <= 6; d++) if (isMultipleOf(step, 10 ** -d)) return d;
  return 6;
}

/** Rounds away binary noise (0.1 + 0.2) to the step's decimals. */
export function tidy(v: number, step: number): number {
  const d = decimalsOf(step);
  return Number(v.toFixed(Math.min(d + 2, 8)));
}

/** One step up or down from `v`, kept on the grid of multiples of step within 0..max. */
export function stepBy(v: number | null, dir: 1 | -1, step: number, max: number): number {
  const from = v ?? (dir > 0 ? -step : max + step);
  const k = dir > 0 ? Math.floor(from / step + 1e-9) + 1 : Math.ceil(from / step - 1e-9) - 1;
  return tidy(Math.min(Math.max(k * step, 0), Math.floor(max / step + 1e-9) * step), step);
}

/** A typed number ("12.5", "12,5", " 12 "), or null for nothing or not a number. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d*\.?\d*$/.test(s) || s === '' || s === '.') return null;
  return Number(s);
}

export function checkValue(c: Criterion, value: MarkValue | null): MarkValueError | null {
  if (value === null) return null;
  return validateMarkValue(c, value);
}

/**
 * Points this one value gives on its criterion (a deduction: the points taken off). For a panel
 * criterion it is this judge's contribution; the board aggregates the panel.
 */
export function pointsOf(c: Criterion, value: MarkValue | null): number | null {
  if (value === null || validateMarkValue(c, value)) return null;
  return criterionPoints(c, [{ contestant: '', criterion: c.code, judge: '', value, revision: 1, order: 1 }]).points;
}

/** Seconds from a stopwatch, rounded to hundredths (or the criterion's coarser step). */
export function secondsValue(c: Criterion, ms: number): number {
  const step = c.kind === 'measurement' && c.step ? Math.max(c.step, 0.01) : 0.01;
  return tidy(Math.round(Math.max(0, ms) / 1000 / step) * step, step);
}

/** A bigger jump for the stepper (1, 5 or 10 points), when the step is small enough to need one. */
export function coarseStepOf(c: Criterion): number | null {
  const step = stepOf(c);
  for (const big of [1, 5, 10]) if (big >= 4 * step && isMultipleOf(big, step) && big < c.max) return big;
  return null;
}

/** What a typed field holds: its text while that text still means the bound value, else the value. */
export interface Typed {
  text: string;
  value: number | null;
}

export function textToValue(text: string): number | null {
  if (text.trim() === '') return null;
  return parseNumber(text) ?? Number.NaN;
}

export function shownText(value: MarkValue | null, typed: Typed | null, decimals: number): string {
  if (typed && Object.is(typed.value, value)) return typed.text;
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  return String(Number(value.toFixed(decimals)));
}

/** A jump of `delta` (the stepper's big buttons), clamped to 0..max and snapped to the step. */
export function jump(v: number | null, delta: number, step: number, max: number): number {
  const top = Math.floor(max / step + 1e-9) * step;
  const from = v ?? (delta > 0 ? 0 : top);
  const raw = Math.min(top, Math.max(0, from + delta));
  return tidy(Math.round(raw / step) * step, step);
}
