// Contests at venue scale, made through the API of a running server from the synthetic event
// (bench/lib/synthetic.ts): one certified, with every contestant marked on every criterion by three
// judges, so that what the anonymous public asks for afterwards (verification codes, the board,
// the team table) is as expensive as on a real contest day; and one being marked by a judge.
// Used by the public flood test and bench.
import { randomUUID } from 'node:crypto';
import { CRITERIA, syntheticEvent } from './synthetic.ts';
import { MAX_BATCH } from '../../shared/api.ts';

type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;

async function must(what: string, res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body;
}

export interface CertifiedContest {
  eventId: string;
  contestId: string;
  bibs: string[];
  /** The certificates' verification codes. */
  codes: string[];
  /** Signs a judge in again (a fresh session each call). */
  judgeToken(code: string): Promise<string>;
}

export const CONTEST_JUDGES = ['j1', 'j2', 'j3'];

/** Every criterion of every contestant, marked by the judges it needs (the same value from each). */
function marksOf(judge: string, bibs: string[]) {
  const out: { contestant: string; criterion: string; value: number | boolean; clientId: string }[] = [];
  for (const [i, bib] of bibs.entries()) {
    for (const c of CRITERIA) {
      if (c.kind !== 'judgement' && judge !== 'j1') continue;
      // Spread over the scale so totals differ; judgements agree, so nothing is flagged.
      const r = ((i * 37 + c.code.length * 11) % 100) / 100;
      const value =
        c.kind === 'deduction'
          ? Math.floor(r * 3)
          : c.kind === 'judgement'
            ? Math.round(c.max * (0.5 + r / 2))
            : c.scale?.type === 'pass'
              ? r < 0.85
              : c.scale?.type === 'linear'
                ? Math.round(Math.min(c.scale.best, c.scale.worst) + r * Math.abs(c.scale.worst - c.scale.best))
                : Math.round(c.max * (0.3 + r * 0.7));
      out.push({ contestant: bib, criterion: c.code, value, clientId: randomUUID() });
    }
  }
  return out;
}

/** Imports, marks, closes and certifies a contest of `contestants`; `call` is a JSON client of the server. */
export async function certifiedContest(call: Call, adminToken: string, contestants: number): Promise<CertifiedContest> {
  const file = syntheticEvent({ contestants, judges: CONTEST_JUDGES.length });
  const imported = await must('import', call('POST', '/api/v1/events', file, adminToken), 201);
  const eventId = imported.id as string;
  const contestId = (imported.contests as { id: string; code: string }[]).find((c) => c.code === 'main')!.id;
  await must('open', call('POST', `/api/v1/contests/${contestId}/state`, { to: 'scoring' }, adminToken));
  const judgeToken = async (code: string) =>
    (await must(`sign in ${code}`, call('POST', '/api/v1/auth/judge', { event: eventId, judge: code, pin: '123456' })))
      .token as string;
  const bibs = file.contests[0]!.contestants.map((c) => c.bib);
  for (const judge of CONTEST_JUDGES) {
    const token = await judgeToken(judge);
    const all = marksOf(judge, bibs);
    for (let at = 0; at < all.length; at += MAX_BATCH) {
      const batch = { marks: all.slice(at, at + MAX_BATCH) };
      const out = await must('marks', call('POST', `/api/v1/contests/${contestId}/marks/batch`, batch, token));
      const refused = (out.results as { status: number }[]).filter((r) => r.status !== 201);
      if (refused.length > 0) throw new Error(`marks refused: ${JSON.stringify(refused.slice(0, 3))}`);
    }
  }
  await must('close', call('POST', `/api/v1/contests/${contestId}/state`, { to: 'review' }, adminToken));
  await must('certify', call('POST', `/api/v1/contests/${contestId}/state`, { to: 'certified' }, adminToken));
  const listed = await must(
    'certificates',
    call('GET', `/api/v1/contests/${contestId}/certificates`, undefined, adminToken),
  );
  const codes = (listed.certificates as { code: string }[]).map((c) => c.code);
  return { eventId, contestId, bibs, codes, judgeToken };
}

export interface MarkingContest {
  eventId: string;
  contestId: string;
  bibs: string[];
  /** The session of judge j1, who marks every criterion. */
  judgeToken: string;
}

/** Imports and opens a contest of `contestants` whose rows already carry scores on three criteria. */
export async function markingContest(call: Call, adminToken: string, contestants: number): Promise<MarkingContest> {
  const file = syntheticEvent({ contestants, judges: 1 });
  const imported = await must('import', call('POST', '/api/v1/events', file, adminToken), 201);
  const contestId = (imported.contests as { id: string; code: string }[]).find((c) => c.code === 'main')!.id;
  await must('open', call('POST', `/api/v1/contests/${contestId}/state`, { to: 'scoring' }, adminToken));
  const signIn = { event: imported.id, judge: 'j1', pin: '123456' };
  const signedIn = await must('sign in', call('POST', '/api/v1/auth/judge', signIn));
  const bibs = file.contests[0]!.contestants.map((c) => c.bib);
  for (const criterion of ['exam', 'quiz', 'measure']) {
    const marks = bibs.map((bib, i) => ({ contestant: bib, criterion, value: 5 + (i % 15), clientId: randomUUID() }));
    await must('marks', call('POST', `/api/v1/contests/${contestId}/marks/batch`, { marks }, signedIn.token));
  }
  return { eventId: imported.id as string, contestId, bibs, judgeToken: signedIn.token as string };
}

export interface PublicScene {
  /** Verification codes of the certified (and published) contest's certificates. */
  codes: string[];
  /** What else the public reads (under /api/v1): boards, team table, certified results, the event, a contest. */
  reads: string[];
  marking: MarkingContest;
}

/** A certified and published contest and a contest being marked, both of `contestants`. */
export async function publicScene(call: Call, adminToken: string, contestants: number): Promise<PublicScene> {
  const done = await certifiedContest(call, adminToken, contestants);
  await must('publish', call('POST', `/api/v1/contests/${done.contestId}/state`, { to: 'published' }, adminToken));
  const marking = await markingContest(call, adminToken, contestants);
  const reads = [
    `/contests/${done.contestId}/leaderboard`,
    `/contests/${marking.contestId}/leaderboard`,
    `/events/${done.eventId}/teams`,
    `/contests/${done.contestId}/certification`,
    `/events/${done.eventId}`,
    `/contests/${marking.contestId}`,
  ];
  return { codes: done.codes, reads, marking };
}
