// The export data laid out as tables with headers in one language: what CSV, XLSX and PDF print.
import type { ContestExport, EventExport, RawMark, ResultRow } from './table.ts';
import { LABELS, statusLabel, type ExportLang } from './labels.ts';

export type Cell = string | number | null;

export interface SheetColumn {
  header: string;
  /** score: a number shown with 2 decimals; integer: ranks; value: a raw mark (number or text). */
  kind: 'text' | 'integer' | 'score' | 'value';
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Cell[][];
}

const text = (header: string): SheetColumn => ({ header, kind: 'text' });
const score = (header: string): SheetColumn => ({ header, kind: 'score' });
const integer = (header: string): SheetColumn => ({ header, kind: 'integer' });

function statusOf(lang: ExportLang, r: ResultRow): string {
  const l = LABELS[lang];
  if (r.status !== 'active') return statusLabel(l, r.status);
  // No counted mark yet: not ranked (SCORING §5.4).
  return r.rank === null ? l.notStarted : r.complete ? statusLabel(l, r.status) : l.incomplete;
}

/** One row per contestant in board order: rank, bib, name, organisation, station, status, sections, total, award. */
export function resultsSheet(exp: ContestExport, lang: ExportLang, name = LABELS[lang].sheetResults): Sheet {
  const l = LABELS[lang];
  const columns = [
    integer(l.rank),
    text(l.bib),
    text(l.name),
    text(l.organisation),
    text(l.station),
    text(l.status),
    ...exp.sections.map((s) => score(s.name)),
    score(l.total),
    text(l.award),
  ];
  const rows = exp.rows.map((r) => [
    r.rank,
    r.bib,
    r.name,
    r.organisation,
    r.station,
    statusOf(lang, r),
    ...exp.sections.map((s) => r.sections[s.code] ?? null),
    r.total,
    r.award,
  ]);
  return { name, columns, rows };
}

export function rawText(lang: ExportLang, raw: RawMark): Cell {
  const l = LABELS[lang];
  if (raw.kind === 'none') return null;
  if (raw.kind === 'judges') return raw.marks.map((m) => `${m.judge}: ${m.value}`).join('; ');
  if (typeof raw.value === 'boolean') return raw.value ? l.pass : l.fail;
  return raw.value;
}

/** Per contestant and criterion: the points it gives (deductions negative) and what was marked. */
export function pointsSheet(exp: ContestExport, lang: ExportLang): Sheet {
  const l = LABELS[lang];
  const columns: SheetColumn[] = [integer(l.rank), text(l.bib), text(l.name), text(l.organisation)];
  for (const k of exp.criteria)
    columns.push(score(`${k.name} ${l.criterionPoints}`), { header: `${k.name} ${l.criterionRaw}`, kind: 'value' });
  const rows = exp.points.map((p) => {
    const out: Cell[] = [p.rank, p.bib, p.name, p.organisation];
    for (const k of exp.criteria) {
      const cell = p.cells[k.code]!;
      out.push(cell.points, rawText(lang, cell.raw));
    }
    return out;
  });
  return { name: l.sheetPoints, columns, rows };
}

export function teamsSheet(exp: ContestExport, lang: ExportLang): Sheet {
  const l = LABELS[lang];
  return {
    name: l.sheetTeams,
    columns: [integer(l.teamRank), text(l.teamOrganisation), score(l.teamScore)],
    rows: exp.teams.map((t) => [t.rank, t.organisation, t.score]),
  };
}

export function eventTeamsSheet(ev: EventExport, lang: ExportLang): Sheet {
  const l = LABELS[lang];
  return {
    name: l.sheetEventTeams,
    columns: [
      integer(l.teamRank),
      text(l.teamOrganisation),
      ...ev.contests.map((c) => score(c.contest.name)),
      score(l.eventTeamScore),
    ],
    rows: ev.teams.map((t) => [
      t.rank,
      t.organisation,
      ...ev.contests.map((c) => t.contests[c.contest.code] ?? null),
      t.score,
    ]),
  };
}

/**
 * Every contest's rows in one table with a contest column. Contests have their own sections, so
 * section columns are the union by name (a contest without that section leaves it empty).
 */
export function eventResultsSheet(ev: EventExport, lang: ExportLang): Sheet {
  const l = LABELS[lang];
  const sectionNames: string[] = [];
  for (const c of ev.contests)
    for (const s of c.sections) if (!sectionNames.includes(s.name)) sectionNames.push(s.name);
  const columns = [
    text(l.contest),
    integer(l.rank),
    text(l.bib),
    text(l.name),
    text(l.organisation),
    text(l.station),
    text(l.status),
    ...sectionNames.map(score),
    score(l.total),
    text(l.award),
  ];
  const rows: Cell[][] = [];
  for (const c of ev.contests) {
    const codeOf = new Map(c.sections.map((s) => [s.name, s.code]));
    for (const r of c.rows) {
      const sections = sectionNames.map((n) => {
        const code = codeOf.get(n);
        return code === undefined ? null : (r.sections[code] ?? null);
      });
      rows.push([
        c.contest.name,
        r.rank,
        r.bib,
        r.name,
        r.organisation,
        r.station,
        statusOf(lang, r),
        ...sections,
        r.total,
        r.award,
      ]);
    }
  }
  return { name: l.sheetResults, columns, rows };
}
