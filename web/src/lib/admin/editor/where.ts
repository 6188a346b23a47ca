// An issue's JSON path in plain words for the organiser: `contests[0].sections[1].weight` becomes
// "Contest 1 “Courier” › Section 2 “Practical” › Weight". The raw path stays available as a hint.
import { t, type MessageKey } from '$lib/i18n/index.ts';

type Segment = { key: string } | { index: number };

export function splitPath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ key: JSON.parse(m[3]) as string });
  }
  return out;
}

const ITEM: Record<string, MessageKey> = {
  organisations: 'editor.where.organisation',
  contests: 'editor.where.contest',
  sections: 'editor.where.section',
  criteria: 'editor.where.criterion',
  judges: 'editor.where.judge',
  contestants: 'editor.where.contestant',
  awards: 'editor.where.award',
  tieBreak: 'editor.where.tieBreak',
};

export const FIELD_LABEL: Record<string, MessageKey> = {
  format: 'editor.field.format',
  name: 'editor.field.name',
  code: 'editor.field.code',
  organisations: 'editor.organisations.title',
  contests: 'editor.contests.title',
  sections: 'editor.sections.title',
  criteria: 'editor.criteria.title',
  judges: 'editor.judges.title',
  contestants: 'editor.field.contestants',
  awards: 'editor.awards.title',
  tieBreak: 'editor.tieBreak.title',
  teamSize: 'editor.field.teamSize',
  blind: 'editor.field.blind',
  weight: 'editor.field.weight',
  kind: 'editor.field.kind',
  max: 'editor.field.max',
  scale: 'editor.field.scale',
  type: 'editor.field.scaleType',
  best: 'editor.field.best',
  worst: 'editor.field.worst',
  step: 'editor.field.step',
  aggregate: 'editor.field.aggregate',
  maxSpread: 'editor.field.maxSpread',
  perUnit: 'editor.field.perUnit',
  organisation: 'editor.field.organisation',
  station: 'editor.field.station',
  bib: 'editor.field.bib',
  status: 'editor.field.status',
  pin: 'editor.field.pin',
  chief: 'editor.field.chief',
  shadow: 'editor.field.shadow',
  ratio: 'editor.field.ratio',
  count: 'editor.field.count',
  minTotal: 'editor.field.minTotal',
};

function nameAt(root: unknown, trail: Segment[]): string | undefined {
  let here: unknown = root;
  for (const s of trail) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)['key' in s ? s.key : s.index];
  }
  if (here === null || typeof here !== 'object') return undefined;
  const o = here as Record<string, unknown>;
  const label = typeof o.name === 'string' && o.name ? o.name : typeof o.code === 'string' ? o.code : o.bib;
  return typeof label === 'string' && label ? label : undefined;
}

/**
 * The path in words, one part per level. `file` (the JSON as read) lets each entry show its name;
 * a judges' field inside "judges" (the list of judges) reads "Judge 2", not "Judges".
 */
export function describePath(path: string, file?: unknown): string[] {
  const segments = splitPath(path);
  if (segments.length === 0) return [t('editor.where.file')];
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const next = segments[i + 1];
    if ('key' in s && next && 'index' in next && ITEM[s.key]) {
      const label = nameAt(file, segments.slice(0, i + 2));
      const item = t(ITEM[s.key]!, { n: next.index + 1 });
      parts.push(label ? t('editor.where.named', { item, name: label }) : item);
      i++;
      continue;
    }
    if ('key' in s) parts.push(FIELD_LABEL[s.key] ? t(FIELD_LABEL[s.key]!) : s.key);
    else parts.push(t('editor.where.item', { n: s.index + 1 }));
  }
  return parts;
}
