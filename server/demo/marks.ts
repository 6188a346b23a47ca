// What the demo's simulated judges mark: pure and seeded, so tests can check every value
// against the scoring rules (validateMarkValue) and every task against assignment and recusal.
import type { Contest, Contestant, Criterion, Judge } from '../../shared/event-file/schema.ts';

export type Rng = () => number;

/** mulberry32: a small seeded generator, so a seed always gives the same demo. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** How good a contestant is, 0.45–0.95, the same on every criterion and every run. */
export function skillOf(bib: string): number {
  return 0.45 + 0.5 * seededRng(hash(bib))();
}

/** A judge's habitual leniency (−1…1): panels differ a little, as real ones do. */
export function biasOf(judge: string): number {
  return seededRng(hash(`judge:${judge}`))() * 2 - 1;
}

export interface Task {
  contestant: string;
  criterion: Criterion;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function isAssigned(judge: Pick<Judge, 'criteria'>, criterion: string): boolean {
  return judge.criteria === '*' || judge.criteria.includes(criterion);
}

/** A judge never marks a contestant of its own organisation (shadow judges neither). */
export function mayMark(judge: Pick<Judge, 'organisation'>, contestant: Pick<Contestant, 'organisation'>): boolean {
  return !judge.organisation || judge.organisation !== contestant.organisation;
}

/** Does the simulator drive this judge? Chief judges review (a person can sign in as one). */
export const simulated = (judge: Judge) => !judge.chief;

/** The judge's work in the order of the day: contestant after contestant, its criteria in sheet order. */
export function planFor(contest: Contest, judge: Judge): Task[] {
  const criteria = contest.sections.flatMap((s) => s.criteria).filter((k) => isAssigned(judge, k.code));
  const tasks: Task[] = [];
  for (const person of contest.contestants) {
    if ((person.status ?? 'active') !== 'active' || !mayMark(judge, person)) continue;
    for (const criterion of criteria) tasks.push({ contestant: person.bib, criterion });
  }
  return tasks;
}

export interface OutlierCell {
  contestant: string;
  criterion: string;
  judge: string;
}

/**
 * One judgement panel the demo sets far apart on purpose, so the chief judge gets a flag: the
 * first judgement criterion with a maxSpread, on the fourth contestant a marking judge may mark.
 */
export function outlierCell(contest: Contest): OutlierCell | null {
  const criterion = contest.sections
    .flatMap((s) => s.criteria)
    .find((k) => k.kind === 'judgement' && k.maxSpread !== undefined && (k.judges ?? 1) >= 2);
  if (!criterion) return null;
  const panel = contest.judges.filter((j) => simulated(j) && !j.shadow && isAssigned(j, criterion.code));
  const candidates = contest.contestants.filter((p) => (p.status ?? 'active') === 'active');
  for (const person of [...candidates.slice(3), ...candidates.slice(0, 3)]) {
    const markers = panel.filter((j) => mayMark(j, person));
    if (markers.length >= 2)
      return { contestant: person.bib, criterion: criterion.code, judge: markers[markers.length - 1]!.code };
  }
  return null;
}

function decimals(step: number): number {
  const s = String(step);
  return s.includes('e-') ? Number(s.split('e-')[1]) : (s.split('.')[1]?.length ?? 0);
}

/** x on the grid of `step` inside [0, max], without binary fractions such as 16.499999999. */
function onStep(x: number, step: number, max: number): number {
  const top = Math.floor(max / step + 1e-9) * step;
  const v = clamp(Math.round(x / step) * step, 0, top);
  return Number(v.toFixed(decimals(step)));
}

/** Marks people write: whole points on a large scale, halves on a small one, unless `step` says otherwise. */
function naturalStep(criterion: Extract<Criterion, { kind: 'measurement' | 'judgement' }>): number {
  if (criterion.step !== undefined) return criterion.step;
  return criterion.max >= 20 ? 1 : 0.5;
}

export interface ValueContext {
  judge: string;
  rng: Rng;
  /** Set far from the panel (see outlierCell). */
  outlier?: boolean;
}

/** A value for one task that the server accepts (SCORING §3, validateMarkValue). */
export function valueFor(task: Task, ctx: ValueContext): number | boolean {
  const { criterion } = task;
  const { rng } = ctx;
  const skill = skillOf(task.contestant);
  const q = clamp(skill + (rng() - 0.5) * 0.24, 0, 1);
  if (criterion.kind === 'deduction') {
    const r = rng();
    return r < 0.8 ? 0 : r < 0.95 ? 1 : 2;
  }
  if (criterion.kind === 'measurement') {
    const scale = criterion.scale ?? { type: 'direct' as const };
    if (scale.type === 'pass') return rng() < 0.35 + 0.6 * skill;
    if (scale.type === 'linear') {
      // From worst to best by quality; a little past either end happens (clamped by the scale).
      const raw = scale.worst + (q + (rng() - 0.5) * 0.1) * (scale.best - scale.worst);
      const span = Math.abs(scale.worst - scale.best);
      const step = criterion.step ?? (span <= 20 ? 1 : 0.1);
      return onStep(Math.max(0, raw), step, Number.MAX_SAFE_INTEGER);
    }
    return onStep(q * criterion.max, naturalStep(criterion), criterion.max);
  }
  const max = criterion.max;
  const base = skill * max + biasOf(ctx.judge) * 0.05 * max + (rng() - 0.5) * 0.12 * max;
  if (!ctx.outlier) return onStep(base, naturalStep(criterion), max);
  // Far from where the panel is: by more than maxSpread, towards the roomier end of the scale.
  const away = (criterion.maxSpread ?? 0) + 0.25 * max;
  const centre = skill * max;
  return onStep(centre > max / 2 ? centre - away : centre + away, naturalStep(criterion), max);
}

/** A correction: the same judge marks the task again, usually by a small amount. */
export function correctedValue(task: Task, previous: number | boolean, ctx: ValueContext): number | boolean {
  const next = valueFor(task, ctx);
  if (typeof previous === 'boolean' || typeof next === 'boolean' || task.criterion.kind === 'deduction') return next;
  return next === previous ? valueFor(task, ctx) : next;
}
