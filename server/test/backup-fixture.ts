// A contest day for the backup and archive tests: the wire-rope example imported and opened, every
// judge's marks (and a correction), flags accepted, the first contest certified, the second frozen.
import { api, exampleEvent, importAndOpen, refusalOf, uuid, type Reply, type TestServer } from './harness.ts';
import type { BatchResponse } from '../../shared/api.ts';
import type { Appeal } from '../../shared/appeals-api.ts';
import { planFor, seededRng, simulated, valueFor } from '../demo/marks.ts';

export type ContestDay = Awaited<ReturnType<typeof importAndOpen>>;

export async function contestDay(s: TestServer, opts: { certify?: boolean } = {}): Promise<ContestDay> {
  const file = exampleEvent('wire-rope-contest');
  const ev = await importAndOpen(s, file);
  const rng = seededRng(7);
  for (const contest of file.contests) {
    const id = ev.contestId(contest.code);
    for (const judge of contest.judges.filter(simulated)) {
      const token = await ev.judgeToken(judge.code);
      const marks = planFor(contest, judge).map((task) => ({
        contestant: task.contestant,
        criterion: task.criterion.code,
        value: valueFor(task, { judge: judge.code, rng }),
        clientId: uuid(),
      }));
      const batch = await api(s.url, token).post<BatchResponse>(`/contests/${id}/marks/batch`, { marks });
      const refused = batch.body.results.filter((r) => r.status >= 400);
      if (batch.status !== 200 || refused.length)
        throw new Error(`marks refused: ${JSON.stringify(batch.body).slice(0, 500)}`);
      // A correction, so the archive carries a second revision.
      const again = { ...marks[0]!, clientId: uuid() };
      const res = await api(s.url, token).post(`/contests/${id}/marks`, again);
      if (res.status !== 201) throw new Error(`correction refused: ${JSON.stringify(res.body)}`);
    }
  }
  const [first, second] = file.contests.map((c) => ev.contestId(c.code));
  if (opts.certify !== false) await certifyContest(ev, first!);
  else await must(ev.admin.post(`/contests/${first}/state`, { to: 'review' }));
  await must(ev.admin.post(`/contests/${second}/freeze`, { frozen: true }));
  return ev;
}

/** Closes marking, accepts what is flagged, and certifies (as the organiser). */
export async function certifyContest(ev: ContestDay, id: string): Promise<void> {
  await must(ev.admin.post(`/contests/${id}/state`, { to: 'review' }));
  const blocked = await ev.admin.post(`/contests/${id}/state`, { to: 'certified' });
  if (blocked.status === 200) return;
  if (blocked.status !== 409) throw new Error(`certify: ${JSON.stringify(blocked.body)}`);
  for (const reason of refusalOf(blocked).reasons ?? []) {
    const m = /^([^:]+): criterion "([^"]+)" is flagged/.exec(reason);
    if (!m) throw new Error(`cannot certify: ${reason}`);
    await must(ev.admin.post(`/contests/${id}/flags`, { contestant: m[1], criterion: m[2], reason: '裁判组合议确认' }));
  }
  await must(ev.admin.post(`/contests/${id}/state`, { to: 'certified' }));
}

/**
 * After contestDay: an appeal against the certified first contest, upheld with a correction (an
 * organiser's mark the appeal names), and the contest certified again; so the archive carries an
 * amendment and two certifications.
 */
export async function amendAfterAppeal(ev: ContestDay): Promise<void> {
  const first = ev.contests[0]!.id;
  const body = { contestant: 'W001', criterion: 'safety', text: '安全扣分有误' };
  const appeal = await must(ev.admin.post<Appeal>(`/contests/${first}/appeals`, body));
  const id = appeal.body.id;
  await must(ev.admin.post(`/contests/${first}/state`, { to: 'review', reason: `申诉 ${id}` }));
  const correction = { criterion: 'safety', judge: 'w-qa', value: 0, note: '录像复核' };
  const decision = { decision: 'upheld', reason: '复核录像', corrections: [correction] };
  await must(ev.admin.post(`/appeals/${id}/decision`, decision));
  await must(ev.admin.post(`/contests/${first}/state`, { to: 'certified' }));
}

async function must<T>(p: Promise<Reply<T>>) {
  const r = await p;
  if (r.status >= 300) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** Every contest's organiser leaderboard, by contest id. */
export async function boardsOf(s: TestServer, contestIds: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const id of contestIds) {
    const res = await fetch(`${s.url}/api/v1/contests/${id}/leaderboard`, {
      headers: { authorization: `Bearer ${s.adminToken}` },
    });
    if (res.status !== 200) throw new Error(`leaderboard ${id}: HTTP ${res.status}`);
    out[id] = await res.json();
  }
  return out;
}
