// Realistic marks for the example events, so the big screen can be looked at with a believable
// board: every contestant gets a skill level and each judge marks around it (within maxSpread).
// Pure: returns each judge's marks; the caller sends them (Playwright request or fetch).
import { seededRng } from '../server/demo/marks.ts';

interface Criterion {
  code: string;
  kind: 'measurement' | 'judgement' | 'deduction';
  max: number;
  judges?: number;
  step?: number;
  scale?: { type: 'linear'; best: number; worst: number } | { type: 'pass' } | { type: 'direct' };
}
interface Judge {
  code: string;
  pin?: string;
  criteria: string[] | '*';
  chief?: boolean;
  shadow?: boolean;
  organisation?: string;
}
export interface ContestFile {
  code: string;
  sections: { criteria: Criterion[] }[];
  contestants: { bib: string; organisation: string }[];
  judges: Judge[];
}
export interface MarkInput {
  contestant: string;
  criterion: string;
  value: number | boolean;
  clientId: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function measure(c: Criterion, skill: number, rnd: () => number): number | boolean {
  const scale = c.scale ?? { type: 'direct' as const };
  if (scale.type === 'pass') return rnd() < 0.35 + skill * 0.6;
  if (scale.type === 'linear') {
    const span = scale.worst - scale.best;
    return Math.round(scale.best + span * clamp(1 - skill + (rnd() - 0.5) * 0.2, 0, 1));
  }
  return Math.round(clamp(c.max * (skill + (rnd() - 0.5) * 0.12), 0, c.max));
}

function judge(c: Criterion, skill: number, rnd: () => number): number {
  const step = c.step ?? 1;
  const value = c.max * skill + (rnd() - 0.5) * 3;
  return clamp(Math.round(value / step) * step, 0, c.max);
}

/**
 * Marks for the given contestants of a contest (all when `bibs` is absent), grouped by judge code.
 * Measurements and deductions come from the first plain judge assigned; judgements from as many
 * judges as the criterion needs, never one of the contestant's own organisation.
 */
export function realisticMarks(
  contest: ContestFile,
  opts: { bibs?: string[]; seed?: number } = {},
): Map<string, MarkInput[]> {
  const rnd = seededRng(opts.seed ?? 7);
  const plain = contest.judges.filter((j) => !j.chief && !j.shadow);
  const assigned = (c: Criterion) => plain.filter((j) => j.criteria === '*' || j.criteria.includes(c.code));
  const out = new Map<string, MarkInput[]>();
  const add = (j: Judge, m: Omit<MarkInput, 'clientId'>) => {
    const list = out.get(j.code) ?? [];
    list.push({ ...m, clientId: crypto.randomUUID() });
    out.set(j.code, list);
  };
  const wanted = opts.bibs ? new Set(opts.bibs) : null;
  for (const person of contest.contestants) {
    if (wanted && !wanted.has(person.bib)) continue;
    const skill = 0.5 + rnd() * 0.46;
    for (const c of contest.sections.flatMap((s) => s.criteria)) {
      const judges = assigned(c).filter((j) => j.organisation !== person.organisation);
      if (c.kind === 'judgement') {
        for (const j of judges.slice(0, c.judges ?? 1))
          add(j, { contestant: person.bib, criterion: c.code, value: judge(c, skill, rnd) });
      } else if (judges[0]) {
        const value = c.kind === 'deduction' ? (rnd() < 0.2 ? 1 : 0) : measure(c, skill, rnd);
        add(judges[0], { contestant: person.bib, criterion: c.code, value });
      }
    }
  }
  return out;
}

export function judgePin(contest: ContestFile, code: string): string {
  const pin = contest.judges.find((j) => j.code === code)?.pin;
  if (!pin) throw new Error(`judge ${code} has no PIN in the file`);
  return pin;
}

/** Anything with Playwright's APIRequestContext `post` (kept structural so this file stays pure). */
interface Poster {
  post(
    url: string,
    options: { data: unknown; headers?: Record<string, string> },
  ): Promise<{ ok(): boolean; status(): number; json(): Promise<any>; text(): Promise<string> }>;
}

/** Signs each judge in and sends its marks in one batch; throws on any refusal. */
export async function submitMarks(
  request: Poster,
  eventId: string,
  contestId: string,
  contest: ContestFile,
  marks: Map<string, MarkInput[]>,
) {
  for (const [code, list] of marks) {
    const login = await request.post('/api/v1/auth/judge', {
      data: { event: eventId, judge: code, pin: judgePin(contest, code) },
    });
    if (!login.ok()) throw new Error(`judge ${code} login failed: ${login.status()} ${await login.text()}`);
    const token = (await login.json()).token as string;
    const res = await request.post(`/api/v1/contests/${contestId}/marks/batch`, {
      data: { marks: list },
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok()) throw new Error(`batch of ${code} failed: ${res.status()} ${await res.text()}`);
    const refused = ((await res.json()).results as { status: number; error?: unknown }[]).filter(
      (r) => r.status >= 300,
    );
    if (refused.length) throw new Error(`${refused.length} marks of ${code} refused: ${JSON.stringify(refused[0])}`);
  }
}

/** The best marks a contestant can get on every criterion (one new revision each). */
export function topMarks(contest: ContestFile, bib: string): Map<string, MarkInput[]> {
  const person = contest.contestants.find((c) => c.bib === bib);
  if (!person) throw new Error(`no contestant ${bib}`);
  const plain = contest.judges.filter((j) => !j.chief && !j.shadow);
  const out = new Map<string, MarkInput[]>();
  for (const c of contest.sections.flatMap((s) => s.criteria)) {
    const judges = plain.filter(
      (j) => (j.criteria === '*' || j.criteria.includes(c.code)) && j.organisation !== person.organisation,
    );
    const scale = c.scale ?? { type: 'direct' as const };
    const value =
      c.kind === 'deduction'
        ? 0
        : c.kind === 'judgement'
          ? c.max
          : scale.type === 'pass'
            ? true
            : scale.type === 'linear'
              ? scale.best
              : c.max;
    for (const j of judges.slice(0, c.kind === 'judgement' ? (c.judges ?? 1) : 1)) {
      const list = out.get(j.code) ?? [];
      list.push({ contestant: bib, criterion: c.code, value, clientId: crypto.randomUUID() });
      out.set(j.code, list);
    }
  }
  return out;
}
