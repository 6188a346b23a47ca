// What the rules between fields (./rules.ts) need of an event file, salvaged from any input: each
// field kept when it is valid on its own, missing when not, and entries that are not objects left
// as holes, so indexes (and paths) stay those of the file. The rules then run on a file that also
// has unknown fields or wrong types, and every problem comes back in one answer (CONTRACT §4);
// a rule that needs a missing value skips it rather than guess.
import type { z } from 'zod';
import {
  awardTier,
  contest,
  contestant,
  criterion,
  judge,
  organisation,
  section,
  tieBreakKey,
  type Criterion,
  type EventFile,
  type Judge,
} from './schema.ts';

export type Holes<T> = readonly (T | undefined)[];

export interface LooseCriterion {
  code?: string;
  kind?: Criterion['kind'];
  /** the whole criterion, when it is valid (unknown fields aside) */
  full?: Criterion;
}
export interface LooseSection {
  code?: string;
  weight?: number;
  criteria: Holes<LooseCriterion>;
}
export interface LooseContestant {
  bib?: string;
  station?: string;
  /** a station is given but not valid (so neither there nor missing) */
  badStation?: boolean;
  organisation?: string;
}
export interface LooseJudge {
  code?: string;
  organisation?: string;
  chief?: boolean;
  shadow?: boolean;
  criteria?: Judge['criteria'];
}
export interface LooseAward {
  name?: string;
  ratio?: number;
}
export interface LooseContest {
  code?: string;
  blind?: boolean;
  tieBreak: Holes<string>;
  awards: Holes<LooseAward>;
  sections: Holes<LooseSection>;
  contestants: Holes<LooseContestant>;
  judges: Holes<LooseJudge>;
}
export interface LooseFile {
  organisations: Holes<{ code?: string }>;
  contests: Holes<LooseContest>;
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** The value when it passes `schema` alone; undefined otherwise (or when absent). */
function valid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

function entries<T>(value: unknown, read: (raw: Raw) => T): Holes<T> {
  return listOf(value).map((raw) => (isRecord(raw) ? read(raw) : undefined));
}

/** Only the keys a schema knows: an unknown field is its own issue, it must not hide the rest. */
function known(raw: Raw, shape: Readonly<Record<string, unknown>>): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => Object.hasOwn(shape, key)));
}

function looseCriterion(raw: Raw): LooseCriterion {
  const kind = criterion.options.find((o) => o.shape.kind.value === raw.kind);
  const code = valid(criterion.options[0].shape.code, raw.code);
  return { code, kind: kind?.shape.kind.value, full: kind ? valid(kind, known(raw, kind.shape)) : undefined };
}

function looseSection(raw: Raw): LooseSection {
  const s = section.shape;
  return {
    code: valid(s.code, raw.code),
    weight: valid(s.weight, raw.weight),
    criteria: entries(raw.criteria, looseCriterion),
  };
}

function looseContest(raw: Raw): LooseContest {
  const s = contest.shape;
  const c = contestant.shape;
  const j = judge.shape;
  const a = awardTier.shape;
  return {
    code: valid(s.code, raw.code),
    blind: valid(s.blind, raw.blind),
    tieBreak: listOf(raw.tieBreak).map((key) => valid(tieBreakKey, key)),
    awards: entries(raw.awards, (x) => ({ name: valid(a.name, x.name), ratio: valid(a.ratio, x.ratio) })),
    sections: entries(raw.sections, looseSection),
    contestants: entries(raw.contestants, (x) => ({
      bib: valid(c.bib, x.bib),
      station: valid(c.station, x.station),
      badStation: x.station !== undefined && valid(c.station, x.station) === undefined,
      organisation: valid(c.organisation, x.organisation),
    })),
    judges: entries(raw.judges, (x) => ({
      code: valid(j.code, x.code),
      organisation: valid(j.organisation, x.organisation),
      chief: valid(j.chief, x.chief),
      shadow: valid(j.shadow, x.shadow),
      criteria: valid(j.criteria, x.criteria),
    })),
  };
}

/** A valid file as the rules read it: nothing to salvage, so no parsing again (large rosters). */
export function looseOfValid(file: EventFile): LooseFile {
  return {
    organisations: file.organisations,
    contests: file.contests.map((c) => ({
      ...c,
      tieBreak: c.tieBreak ?? [],
      awards: c.awards ?? [],
      sections: c.sections.map((s) => ({
        ...s,
        criteria: s.criteria.map((k) => ({ code: k.code, kind: k.kind, full: k })),
      })),
    })),
  };
}

/** What can be salvaged of any input (see the top of this file). */
export function looseEventFile(input: unknown): LooseFile {
  const raw = isRecord(input) ? input : {};
  return {
    organisations: entries(raw.organisations, (x) => ({ code: valid(organisation.shape.code, x.code) })),
    contests: listOf(raw.contests).map((c) => (isRecord(c) ? looseContest(c) : undefined)),
  };
}
