// New rows for the editor's "add" buttons and the template a blank event starts from. Codes are
// suggested unique among their siblings so a fresh row never starts as a duplicate.
import type {
  AwardForm,
  ContestForm,
  CriterionForm,
  EventForm,
  JudgeForm,
  OrganisationForm,
  SectionForm,
} from './form.ts';

/** `prefix-N` with the smallest N ≥ 1 that no sibling uses. */
export function freshCode(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function newCriterion(taken: readonly string[], name: string): CriterionForm {
  return {
    code: freshCode('item', taken),
    name,
    kind: 'judgement',
    max: 10,
    scaleType: 'direct',
    scaleExplicit: false,
    best: null,
    worst: null,
    step: null,
    judges: 1,
    aggregate: '',
    maxSpread: null,
    perUnit: null,
  };
}

export function newSection(
  taken: readonly string[],
  takenCriteria: readonly string[],
  names: { section: string; criterion: string },
): SectionForm {
  return {
    code: freshCode('section', taken),
    name: names.section,
    weight: null,
    criteria: [newCriterion(takenCriteria, names.criterion)],
  };
}

export function newOrganisation(taken: readonly string[], name: string): OrganisationForm {
  return { code: freshCode('org', taken), name };
}

export function newJudge(taken: readonly string[], name: string): JudgeForm {
  return {
    code: freshCode('judge', taken),
    name,
    organisation: '',
    all: true,
    criteria: [],
    chief: false,
    shadow: false,
  };
}

export function newAward(name: string): AwardForm {
  return { name, by: 'ratio', ratio: 0.1, count: null, minTotal: null };
}

export interface TemplateNames {
  event: string;
  organisation: string;
  contest: string;
  theory: string;
  exam: string;
  practical: string;
  task: string;
  chief: string;
  awards: [string, string, string];
}

export function newContest(
  taken: readonly string[],
  takenJudges: readonly string[],
  names: TemplateNames,
): ContestForm {
  return {
    code: freshCode('contest', taken),
    name: names.contest,
    teamSize: 3,
    blind: false,
    tieBreak: [{ kind: 'section', code: 'practical' }],
    awards: [
      { name: names.awards[0], by: 'ratio', ratio: 0.1, count: null, minTotal: null },
      { name: names.awards[1], by: 'ratio', ratio: 0.2, count: null, minTotal: null },
      { name: names.awards[2], by: 'ratio', ratio: 0.3, count: null, minTotal: null },
    ],
    sections: [
      {
        code: 'theory',
        name: names.theory,
        weight: 0.3,
        criteria: [{ ...newCriterion([], names.exam), code: 'exam', kind: 'measurement', max: 100, judges: null }],
      },
      {
        code: 'practical',
        name: names.practical,
        weight: 0.7,
        criteria: [{ ...newCriterion([], names.task), code: 'task', max: 100, judges: 1 }],
      },
    ],
    contestants: [],
    judges: [{ ...newJudge([], names.chief), code: freshCode('chief', takenJudges), chief: true }],
  };
}

/** A small valid event (theory 30 % / practical 70 %, the usual split) to fill in. */
export function templateEvent(names: TemplateNames): EventForm {
  return {
    name: names.event,
    organisations: [newOrganisation([], names.organisation)],
    contests: [newContest([], [], names)],
  };
}
