// From an issue's JSON path (shared/event-file/parse.ts: `contests[0].sections[1].weight`) to the
// editor field that shows it. Most fields are named by their own path; the rewrites below send
// the issues that point at a list, an object or a value the form shows differently to the one
// input or summary that stands for it.
import type { WireIssue } from '$shared/errors/index.ts';
import { issueText } from '$lib/i18n/index.ts';

export type FieldKey = string;

const C = String.raw`contests\[\d+\]`;
const K = String.raw`${C}\.sections\[\d+\]\.criteria\[\d+\]`;

const REWRITES: [RegExp, string][] = [
  // An award tier needs exactly one of ratio or count: one "size" input stands for both.
  [new RegExp(`^(${C}\\.awards\\[\\d+\\])(?:\\.ratio|\\.count)?$`), '$1.size'],
  // A linear scale's fields, and "best equals worst" (path .scale), sit in one group.
  [new RegExp(`^(${K}\\.scale)(?:\\.\\w+)?$`), '$1'],
  // Unknown criterion codes in a judge's list: the multi-select as a whole.
  [new RegExp(`^(${C}\\.judges\\[\\d+\\]\\.criteria)\\[\\d+\\]$`), '$1'],
  // The roster is edited on its own screen: every contestant problem goes to the contest's roster line.
  [new RegExp(`^(${C}\\.contestants)(?:\\[\\d+\\].*)?$`), '$1'],
];

/** The field that shows an issue at `path`. */
export function fieldFor(path: string): FieldKey {
  for (const [re, to] of REWRITES) if (re.test(path)) return path.replace(re, to);
  return path;
}

/** Fields the editor draws; an issue whose field is not among them is listed at the top instead. */
const SHOWN: RegExp[] = [
  /^name$/,
  /^organisations$/,
  /^organisations\[\d+\]\.(code|name)$/,
  /^contests$/,
  new RegExp(`^${C}\\.(code|name|teamSize|blind|tieBreak|awards|sections|judges|contestants)$`),
  new RegExp(`^${C}\\.tieBreak\\[\\d+\\]$`),
  new RegExp(`^${C}\\.awards\\[\\d+\\]\\.(name|size|minTotal)$`),
  new RegExp(`^${C}\\.sections\\[\\d+\\]\\.(code|name|weight|criteria)$`),
  new RegExp(`^${K}$`),
  new RegExp(`^${K}\\.(code|name|kind|max|scale|step|judges|aggregate|maxSpread|perUnit)$`),
  new RegExp(`^${C}\\.judges\\[\\d+\\]\\.(code|name|organisation|criteria|chief|shadow)$`),
];

export function isShownField(key: FieldKey): boolean {
  return SHOWN.some((re) => re.test(key));
}

/** A DOM id for a field, so a summary line can move the focus to it. */
export function fieldId(key: FieldKey): string {
  return `f-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Issues grouped by the field that shows them, in words; `loose` are those no field shows. */
export class FieldIssues {
  readonly byField = new Map<FieldKey, string[]>();
  readonly loose: WireIssue[] = [];

  constructor(issues: readonly WireIssue[]) {
    for (const issue of issues) {
      const key = fieldFor(issue.path);
      if (!isShownField(key)) {
        this.loose.push(issue);
        continue;
      }
      const text = issueText(issue);
      const list = this.byField.get(key);
      if (list) {
        if (!list.includes(text)) list.push(text);
      } else this.byField.set(key, [text]);
    }
  }

  at(key: FieldKey): string[] {
    return this.byField.get(key) ?? [];
  }

  get count(): number {
    let n = this.loose.length;
    for (const list of this.byField.values()) n += list.length;
    return n;
  }
}
