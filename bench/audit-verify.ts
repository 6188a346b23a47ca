// Audit verification at a realistic size: a contest of 400 contestants × 20 criteria marked in full
// by three judges (14,400 marks), its flags accepted, closed and certified, then timed: the whole
// chain's check (GET /events/:id/audit/verify), a certificate's public check (GET /verify/:code)
// and the latency of single marks in another contest of the same event while the chain is long; and
// alone, the digests of all the event's facts (what the audit check of facts reads).
//
//   npx tsx bench/audit-verify.ts [--contestants=400] [--rounds=10] [--marks=200]
//
// On the embedded database unless DATABASE_URL is set (then that PostgreSQL database).
import { pathToFileURL } from 'node:url';
import { api, importAndOpen, startTestServer, uuid } from '../server/test/harness.ts';
import { contestIdsOf, factDigests } from '../server/domain/audit/audit-facts.ts';
import { CRITERIA, syntheticEvent, valueFor } from './lib/synthetic.ts';
import { percentile } from './lib/stats.ts';

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};

/**
 * Wall-clock median and maximum, and the median CPU time of this process (which runs the server, and
 * with the embedded database the database too): on a busy machine CPU time moves much less than wall time.
 */
interface Timing {
  p50: number;
  max: number;
  cpuP50: number;
}

async function timed(rounds: number, run: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await run();
    const used = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return { p50: r(median(ms)), max: r(Math.max(...ms)), cpuP50: r(median(cpu)) };
}

export async function runAuditVerify(opts: { contestants: number; rounds: number; marks: number }) {
  const s = await startTestServer();
  try {
    const file = syntheticEvent({ contestants: opts.contestants, judges: 3 });
    file.contests[1]!.judges = [{ code: 'raw-j', name: '基线裁判', pin: '123456', criteria: '*' }];
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('main');
    const judges = await Promise.all(['j1', 'j2', 'j3'].map(async (j) => api(s.url, await ev.judgeToken(j))));
    const all: { contestant: string; criterion: string; value: number | boolean; clientId: string }[][] = [[], [], []];
    for (let n = 1; n <= opts.contestants; n++) {
      const bib = `P${String(n).padStart(5, '0')}`;
      for (const c of CRITERIA) {
        const value = valueFor(c, ((n * 7919 + c.code.length * 104729) % 1000) / 1000);
        const by = c.kind === 'judgement' ? [0, 1, 2] : [n % 3];
        for (const j of by) all[j]!.push({ contestant: bib, criterion: c.code, value, clientId: uuid() });
      }
    }
    for (const [j, list] of all.entries()) {
      for (let i = 0; i < list.length; i += 500) {
        const res = await judges[j]!.post(`/contests/${id}/marks/batch`, { marks: list.slice(i, i + 500) });
        if (res.status !== 200) throw new Error(`batch: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
    const must = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      return r;
    };
    await must(ev.admin.post(`/contests/${id}/state`, { to: 'review' }));
    await must(ev.admin.post(`/contests/${id}/state`, { to: 'certified' }));
    const certs = await must(ev.admin.get(`/contests/${id}/certificates`));
    const code = (certs.body as { certificates: { code: string }[] }).certificates[0]!.code;
    const entries = ((await ev.admin.get(`/events/${ev.id}/audit/verify`)).body as { entries: number }).entries;

    const verify = await timed(opts.rounds, async () => {
      const v = await ev.admin.get(`/events/${ev.id}/audit/verify`);
      if (!(v.body as { ok: boolean }).ok) throw new Error(`audit/verify: ${JSON.stringify(v.body)}`);
    });
    const certificate = await timed(opts.rounds, async () => {
      const v = await api(s.url).get(`/verify/${code}`);
      if ((v.body as { status: string }).status !== 'valid') throw new Error(`verify: ${JSON.stringify(v.body)}`);
    });
    // What the facts add to each check: the digests of every fact of the event, read from the rows.
    const facts = await timed(opts.rounds, async () => factDigests(s.db.db, ev.id, await contestIdsOf(s.db.db, ev.id)));
    const raw = api(s.url, await ev.judgeToken('raw-j'));
    const rawId = ev.contestId('raw');
    const mark = await timed(opts.marks, async () => {
      const body = { contestant: 'P00001', criterion: 'exam', value: 50, clientId: uuid() };
      await must(raw.post(`/contests/${rawId}/marks`, body));
    });
    return {
      db: s.db.kind,
      contestants: opts.contestants,
      entries,
      verifyMs: verify,
      certificateMs: certificate,
      markMs: mark,
      factsMs: facts,
    };
  } finally {
    await s.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = { contestants: arg('contestants', 400), rounds: arg('rounds', 10), marks: arg('marks', 200) };
  const result = await runAuditVerify(options);
  console.log(JSON.stringify(result));
  process.exit(0);
}
