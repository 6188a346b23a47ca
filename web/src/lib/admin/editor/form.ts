// The editor's form model of an event file (CONTRACT §4) and the conversion both ways.
// The form holds what inputs can bind to (null for an empty number box, a kind choice that folds
// pass/fail into one list); formToFile builds the file exactly as the server will read it, so the
// same shared parser validates both.
import {
  EVENT_FORMAT,
  type Contest,
  type Contestant,
  type Criterion,
  type EventFile,
  type Judge,
} from '$shared/event-file/schema.ts';

/** measurement/judgement/deduction, with pass/fail (a measurement on a pass scale) as its own choice. */
export type KindChoice = 'measurement' | 'pass' | 'judgement' | 'deduction';
export type Aggregate = '' | 'mean' | 'median' | 'trimmed';
export type TieBreakKind = 'section' | 'criterion' | 'raw-asc' | 'raw-desc';

export interface CriterionForm {
  code: string;
  name: string;
  kind: KindChoice;
  max: number | null;
  /** measurement only: direct (the value is the points) or linear (best → max, worst → 0). */
  scaleType: 'direct' | 'linear';
  /** The file said {"type":"direct"} explicitly: kept so an unchanged file saves unchanged. */
  scaleExplicit: boolean;
  best: number | null;
  worst: number | null;
  step: number | null;
  judges: number | null;
  aggregate: Aggregate;
  maxSpread: number | null;
  perUnit: number | null;
}

export interface SectionForm {
  code: string;
  name: string;
  weight: number | null;
  criteria: CriterionForm[];
}

export interface AwardForm {
  name: string;
  by: 'ratio' | 'count';
  ratio: number | null;
  count: number | null;
  minTotal: number | null;
}

export interface TieBreakForm {
  kind: TieBreakKind;
  code: string;
}

export interface JudgeForm {
  code: string;
  name: string;
  organisation: string;
  all: boolean;
  criteria: string[];
  chief: boolean;
  shadow: boolean;
  /** Only when the file being edited carried one (an imported file); the editor never shows it. */
  pin?: string;
}

export interface ContestForm {
  code: string;
  name: string;
  teamSize: number | null;
  blind: boolean;
  tieBreak: TieBreakForm[];
  awards: AwardForm[];
  sections: SectionForm[];
  /** Edited on the roster screen; the editor keeps them as they are. */
  contestants: Contestant[];
  judges: JudgeForm[];
}

export interface OrganisationForm {
  code: string;
  name: string;
}

export interface EventForm {
  name: string;
  organisations: OrganisationForm[];
  contests: ContestForm[];
}

const opt = (n: number | undefined): number | null => (n === undefined ? null : n);

export function criterionToForm(k: Criterion): CriterionForm {
  const base: CriterionForm = {
    code: k.code,
    name: k.name,
    kind: k.kind,
    max: k.max,
    scaleType: 'direct',
    scaleExplicit: false,
    best: null,
    worst: null,
    step: null,
    judges: null,
    aggregate: '',
    maxSpread: null,
    perUnit: null,
  };
  if (k.kind === 'measurement') {
    if (k.scale?.type === 'pass') base.kind = 'pass';
    else if (k.scale?.type === 'linear')
      Object.assign(base, { scaleType: 'linear', best: k.scale.best, worst: k.scale.worst });
    else base.scaleExplicit = k.scale?.type === 'direct';
    base.step = opt(k.step);
  } else if (k.kind === 'judgement') {
    Object.assign(base, {
      judges: opt(k.judges),
      aggregate: k.aggregate ?? '',
      maxSpread: opt(k.maxSpread),
      step: opt(k.step),
    });
  } else {
    base.perUnit = k.perUnit;
  }
  return base;
}

function judgeToForm(j: Judge): JudgeForm {
  const form: JudgeForm = {
    code: j.code,
    name: j.name,
    organisation: j.organisation ?? '',
    all: j.criteria === '*',
    criteria: j.criteria === '*' ? [] : [...j.criteria],
    chief: j.chief ?? false,
    shadow: j.shadow ?? false,
  };
  if (j.pin !== undefined) form.pin = j.pin;
  return form;
}

function tieBreakToForm(key: string): TieBreakForm {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as TieBreakKind, code: key.slice(colon + 1) };
}

export function contestToForm(c: Contest): ContestForm {
  return {
    code: c.code,
    name: c.name,
    teamSize: opt(c.teamSize),
    blind: c.blind ?? false,
    tieBreak: (c.tieBreak ?? []).map(tieBreakToForm),
    awards: (c.awards ?? []).map((a) => ({
      name: a.name,
      by: a.count !== undefined ? 'count' : 'ratio',
      ratio: opt(a.ratio),
      count: opt(a.count),
      minTotal: opt(a.minTotal),
    })),
    sections: c.sections.map((s) => ({
      code: s.code,
      name: s.name,
      weight: s.weight,
      criteria: s.criteria.map(criterionToForm),
    })),
    contestants: c.contestants.map((p) => ({ ...p })),
    judges: c.judges.map(judgeToForm),
  };
}

export function fileToForm(file: EventFile): EventForm {
  return {
    name: file.name,
    organisations: file.organisations.map((o) => ({ code: o.code, name: o.name })),
    contests: file.contests.map(contestToForm),
  };
}

// An empty number box becomes a missing field, so the parser says "is required" at that path.
const num = (n: number | null): number | undefined => (n === null || Number.isNaN(n) ? undefined : n);

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

export function criterionToFile(k: CriterionForm): Record<string, unknown> {
  const out: Record<string, unknown> = { code: k.code, name: k.name };
  put(out, 'max', num(k.max));
  switch (k.kind) {
    case 'pass':
      out.kind = 'measurement';
      out.scale = { type: 'pass' };
      break;
    case 'measurement':
      out.kind = 'measurement';
      if (k.scaleType === 'linear') {
        const scale: Record<string, unknown> = { type: 'linear' };
        put(scale, 'best', num(k.best));
        put(scale, 'worst', num(k.worst));
        out.scale = scale;
      } else {
        if (k.scaleExplicit) out.scale = { type: 'direct' };
        put(out, 'step', num(k.step));
      }
      break;
    case 'judgement':
      out.kind = 'judgement';
      put(out, 'judges', num(k.judges));
      if (k.aggregate) out.aggregate = k.aggregate;
      put(out, 'maxSpread', num(k.maxSpread));
      put(out, 'step', num(k.step));
      break;
    case 'deduction':
      out.kind = 'deduction';
      put(out, 'perUnit', num(k.perUnit));
      break;
  }
  return out;
}

function judgeToFile(j: JudgeForm): Record<string, unknown> {
  const out: Record<string, unknown> = { code: j.code, name: j.name, criteria: j.all ? '*' : [...j.criteria] };
  if (j.pin !== undefined) out.pin = j.pin;
  if (j.organisation) out.organisation = j.organisation;
  if (j.chief) out.chief = true;
  if (j.shadow) out.shadow = true;
  return out;
}

export function contestToFile(c: ContestForm): Record<string, unknown> {
  const out: Record<string, unknown> = { code: c.code, name: c.name };
  put(out, 'teamSize', num(c.teamSize));
  out.blind = c.blind;
  if (c.tieBreak.length > 0) out.tieBreak = c.tieBreak.map((k) => `${k.kind}:${k.code}`);
  if (c.awards.length > 0)
    out.awards = c.awards.map((a) => {
      const tier: Record<string, unknown> = { name: a.name };
      if (a.by === 'ratio') put(tier, 'ratio', num(a.ratio));
      else put(tier, 'count', num(a.count));
      put(tier, 'minTotal', num(a.minTotal));
      return tier;
    });
  out.sections = c.sections.map((s) => {
    const section: Record<string, unknown> = { code: s.code, name: s.name };
    put(section, 'weight', num(s.weight));
    section.criteria = s.criteria.map(criterionToFile);
    return section;
  });
  out.contestants = c.contestants.map((p) => ({ ...p }));
  out.judges = c.judges.map(judgeToFile);
  return out;
}

/** The event file the form stands for: not yet validated (run parseEventFile on it). */
export function formToFile(form: EventForm): Record<string, unknown> {
  return {
    format: EVENT_FORMAT,
    name: form.name,
    organisations: form.organisations.map((o) => ({ code: o.code, name: o.name })),
    contests: form.contests.map(contestToFile),
  };
}

/** Section weights of a contest added up, rounded so 0.3 + 0.7 shows as 1, not 0.9999999999999999. */
export function weightSum(c: ContestForm): number {
  const sum = c.sections.reduce((acc, s) => acc + (num(s.weight) ?? 0), 0);
  return Number(sum.toPrecision(12));
}

/** Every criterion code of a contest, in order, for judge assignment and tie-break choices. */
export function criterionCodes(c: ContestForm): { code: string; name: string; kind: KindChoice }[] {
  return c.sections.flatMap((s) => s.criteria.map((k) => ({ code: k.code, name: k.name, kind: k.kind })));
}
