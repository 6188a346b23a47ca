// Which column of a roster file holds what. Organisers keep rosters in spreadsheets with English
// or Chinese headings, so each field accepts a few names; matching ignores case, spaces,
// full-width forms (ＰＩＮ), a trailing "*" and a note in brackets ("编号（必填）").

export const CONTESTANT_FIELDS = ['bib', 'name', 'organisation', 'station', 'status'] as const;
export const JUDGE_FIELDS = ['code', 'name', 'organisation', 'criteria', 'chief', 'shadow', 'pin'] as const;
export type ContestantField = (typeof CONTESTANT_FIELDS)[number];
export type JudgeField = (typeof JUDGE_FIELDS)[number];
export type RosterKind = 'contestants' | 'judges';

const ORGANISATION = ['organisation', 'organization', 'org', '单位', '所属单位', '工作单位'];

export const CONTESTANT_COLUMNS: Record<ContestantField, readonly string[]> = {
  bib: ['bib', '编号', '参赛号', '参赛编号', '选手编号'],
  name: ['name', '姓名', '选手姓名'],
  organisation: ORGANISATION,
  station: ['station', '工位', '工位号'],
  status: ['status', '状态'],
};

export const JUDGE_COLUMNS: Record<JudgeField, readonly string[]> = {
  code: ['code', '编号', '裁判编号'],
  name: ['name', '姓名', '裁判姓名'],
  organisation: ORGANISATION,
  criteria: ['criteria', '评分项', '评分项目'],
  chief: ['chief', '裁判长', '是否裁判长'],
  shadow: ['shadow', 'trainee', '见习', '见习裁判'],
  pin: ['pin', 'pin码'],
};

export const REQUIRED: Record<RosterKind, readonly string[]> = {
  contestants: ['bib', 'name', 'organisation'],
  judges: ['code', 'name', 'criteria'],
};

export function columnsOf(kind: RosterKind): Record<string, readonly string[]> {
  return kind === 'contestants' ? CONTESTANT_COLUMNS : JUDGE_COLUMNS;
}

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/\*+$/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export interface HeaderMap {
  /** field → index of its column */
  fields: Map<string, number>;
  /** fields named by more than one column: the columns after the first */
  duplicates: { field: string; header: string }[];
  /** headers that name no field (ignored, shown to the organiser) */
  ignored: string[];
}

export function mapHeader(kind: RosterKind, headers: readonly string[]): HeaderMap {
  const byName = new Map<string, string>();
  for (const [field, names] of Object.entries(columnsOf(kind))) for (const n of names) byName.set(n, field);
  const fields = new Map<string, number>();
  const duplicates: HeaderMap['duplicates'] = [];
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key === '') return;
    const field = byName.get(key);
    if (field === undefined) ignored.push(header.trim());
    else if (fields.has(field)) duplicates.push({ field, header: header.trim() });
    else fields.set(field, index);
  });
  return { fields, duplicates, ignored };
}
