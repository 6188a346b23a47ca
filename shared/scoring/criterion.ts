// Points of one criterion for one contestant (SCORING §3). Input: the marks that count,
// i.e. at most one (the newest revision) per judge for this criterion.
import type { Criterion, JudgementCriterion } from '../event-file/schema.ts';
import type { ScoringMark } from './types.ts';

export interface CriterionResult {
  /** Exact points (measurement, judgement) or exact deducted amount (deduction, positive). */
  points: number;
  /** Newest raw value (measurement only). */
  raw?: number | boolean;
  /** Number of distinct judges whose marks count. */
  judges: number;
  /** Meets its completeness rule (deductions are always satisfied). */
  satisfied: boolean;
  /** Highest − lowest of the counted judgement marks (0 when fewer than two). */
  spread: number;
}

/** A finite number, or 0 for anything else (the server never accepts other values). */
export function num(v: number | boolean | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x + 0; // + 0 turns -0 into 0
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Drop one highest and one lowest, mean of the rest; fewer than 3 values: the mean. */
export function trimmedMean(values: readonly number[]): number {
  if (values.length < 3) return mean(values);
  const s = [...values].sort((a, b) => a - b);
  return mean(s.slice(1, -1));
}

export function aggregate(kind: JudgementCriterion['aggregate'], values: readonly number[]): number {
  if (kind === 'median') return median(values);
  if (kind === 'trimmed') return trimmedMean(values);
  return mean(values);
}

/** The newest of some marks by acceptance order (ties: higher revision, then judge code). */
export function newestByOrder(marks: readonly ScoringMark[]): ScoringMark | undefined {
  let best: ScoringMark | undefined;
  for (const m of marks) {
    if (
      best === undefined ||
      m.order > best.order ||
      (m.order === best.order && (m.revision > best.revision || (m.revision === best.revision && m.judge > best.judge)))
    ) {
      best = m;
    }
  }
  return best;
}

/** Points of a measurement value on its scale (exact). */
export function measurementPoints(c: Extract<Criterion, { kind: 'measurement' }>, v: number | boolean): number {
  const scale = c.scale ?? { type: 'direct' as const };
  if (scale.type === 'pass') return v === true ? c.max : 0;
  if (typeof v !== 'number' || !Number.isFinite(v)) return 0;
  if (scale.type === 'linear') {
    const { best, worst } = scale;
    if (best === worst) return 0; // invalid definition (rules forbid b = w); never divide by zero
    return c.max * clamp((worst - v) / (worst - best), 0, 1);
  }
  return clamp(v, 0, c.max);
}

/** Exact points of one criterion from its counted marks (one per judge). */
export function criterionPoints(c: Criterion, marks: readonly ScoringMark[]): CriterionResult {
  const judges = new Set(marks.map((m) => m.judge)).size;
  if (c.kind === 'measurement') {
    const newest = newestByOrder(marks);
    if (newest === undefined) return { points: 0, judges, satisfied: false, spread: 0 };
    return { points: measurementPoints(c, newest.value), raw: newest.value, judges, satisfied: true, spread: 0 };
  }
  if (c.kind === 'deduction') {
    const newest = newestByOrder(marks);
    const count = Math.max(0, num(newest?.value));
    return { points: Math.min(count * c.perUnit, c.max), judges, satisfied: true, spread: 0 };
  }
  const values = marks.map((m) => clamp(num(m.value), 0, c.max));
  const spread = values.length > 1 ? Math.max(...values) - Math.min(...values) : 0;
  return {
    points: aggregate(c.aggregate, values),
    judges,
    satisfied: judges >= (c.judges ?? 1),
    spread,
  };
}
