import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventFile } from '$shared/event-file/parse.ts';
import type { EventFile } from '$shared/event-file/schema.ts';
import { FieldIssues, fieldFor, fieldId, isShownField } from './paths.ts';
import { fileToForm, formToFile } from './form.ts';
import { describePath, splitPath } from './where.ts';
import { i18n } from '$lib/i18n/index.ts';

const file = JSON.parse(
  readFileSync(new URL('../../../../../examples/new-economy-contest.json', import.meta.url), 'utf8'),
) as EventFile;

function issuesOf(mutate: (f: EventFile) => void) {
  const copy = structuredClone(file);
  mutate(copy);
  const parsed = parseEventFile(copy);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.issues;
}

describe('issue path → editor field', () => {
  it('keeps a plain field on its own path', () => {
    expect(fieldFor('contests[0].sections[1].weight')).toBe('contests[0].sections[1].weight');
    expect(fieldFor('organisations[2].code')).toBe('organisations[2].code');
  });

  it('sends the award size, scale parts, judge criteria and contestants to the inputs that stand for them', () => {
    expect(fieldFor('contests[1].awards[2]')).toBe('contests[1].awards[2].size');
    expect(fieldFor('contests[1].awards[2].ratio')).toBe('contests[1].awards[2].size');
    expect(fieldFor('contests[0].sections[1].criteria[0].scale.best')).toBe(
      'contests[0].sections[1].criteria[0].scale',
    );
    expect(fieldFor('contests[0].judges[3].criteria[1]')).toBe('contests[0].judges[3].criteria');
    expect(fieldFor('contests[0].contestants[7].organisation')).toBe('contests[0].contestants');
  });

  it('lists what no field shows (pins, the format) at the top', () => {
    expect(isShownField(fieldFor('contests[0].judges[0].pin'))).toBe(false);
    expect(isShownField(fieldFor('format'))).toBe(false);
    expect(isShownField(fieldFor('contests[0].sections'))).toBe(true);
  });

  it('puts a wrong weight sum next to the section weights, in the reader’s language', () => {
    const issues = issuesOf((f) => {
      f.contests[0]!.sections[0]!.weight = 0.5;
    });
    const fields = new FieldIssues(issues);
    expect(fields.at('contests[0].sections')[0]).toBe('赛项 courier 的模块权重之和为 1.2，须为 1');
    expect(fields.loose).toEqual([]);
    i18n.locale = 'en';
    expect(new FieldIssues(issues).at('contests[0].sections')[0]).toMatch(/add up to 1\.2/);
    i18n.locale = 'zh-CN';
  });

  it('shows each shape problem at a field or at the top, and loses none', () => {
    const issues = issuesOf((f) => {
      f.contests[0]!.judges[0]!.pin = '12';
      f.contests[1]!.awards![0] = { name: '一等奖', ratio: 0.1, count: 2 };
      f.contests[1]!.sections[0]!.criteria[0]!.max = -1;
    });
    const fields = new FieldIssues(issues);
    expect(fields.at('contests[1].awards[0].size')).toHaveLength(1);
    expect(fields.at('contests[1].sections[0].criteria[0].max')).toHaveLength(1);
    expect(fields.loose.map((i) => i.path)).toEqual(['contests[0].judges[0].pin']);
    expect(fields.count).toBe(issues.length);
  });

  it('maps the issues of a form edit back onto the fields the organiser changed', () => {
    const form = fileToForm(file);
    form.contests[0]!.sections[1]!.criteria[0]!.worst = 60; // best is 60 too
    form.organisations[1]!.code = 'sd'; // duplicate of the first
    const parsed = parseEventFile(formToFile(form));
    expect(parsed.ok).toBe(false);
    i18n.locale = 'en';
    const fields = new FieldIssues(parsed.ok ? [] : parsed.issues);
    i18n.locale = 'zh-CN';
    expect(fields.at('contests[0].sections[1].criteria[0].scale')[0]).toMatch(/best and worst/);
    expect(fields.at('organisations[1].code')[0]).toMatch(/Duplicate organisation code/);
  });

  it('gives DOM ids that are safe in a selector', () => {
    expect(fieldId('contests[0].sections[1].weight')).toBe('f-contests-0-sections-1-weight');
  });
});

describe('issue path in plain words', () => {
  it('splits a path into keys and indexes', () => {
    expect(splitPath('contests[0]["odd key"].max')).toEqual([
      { key: 'contests' },
      { index: 0 },
      { key: 'odd key' },
      { key: 'max' },
    ]);
  });

  it('names each entry by its position and name, in the chosen language', () => {
    i18n.locale = 'en';
    expect(describePath('contests[0].sections[1].criteria[2].step', file)).toEqual([
      'Contest 1 “快递员”',
      'Section 2 “实际操作”',
      'Criterion 3 “包装规范”',
      'Step',
    ]);
    i18n.locale = 'zh-CN';
    expect(describePath('organisations[0].code', file)).toEqual(['单位 1「顺达快递」', '代码']);
    expect(describePath('')).toEqual(['整个文件']);
  });
});
