// Concurrent actions on one contest give consistent, explained results. Two server instances share
// one database (as with several processes behind a load balancer), so races happen in the database
// as well as inside one process. Every test ends by recomputing both audiences' boards from the
// stored revisions (GET /contests/:id/marks) with the shared scoring engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { hashSecret } from '../domain/auth/auth.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { round2 } from '../../shared/scoring/index.ts';
import { api, importAndOpen, startTestServer, uuid, type TestServer, type Reply, refusalOf } from './harness.ts';
import type { AuditEntryView, AuditPage, AuditVerification } from '../../shared/admin-api.ts';
import type {
  ApiError,
  BatchResponse,
  ContestDetail,
  FreezeResponse,
  Leaderboard,
  MarkResponse,
  SessionResponse,
  StateResponse,
} from '../../shared/api.ts';
import type { CertificationResponse } from '../../shared/certification-api.ts';
import { expectBoardsMatchMarks, listMarks, recompute, type ListedMark } from './board-check.ts';

let a: TestServer;
let b: TestServer;
let secondOrganiser: string; // a token of another organiser account, on server b
beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer({ db: a.db });
  const username = `org-${uuid().slice(0, 8)}`;
  await a.db.db.insert(users).values({ username, passwordHash: await hashSecret('second-organiser') });
  secondOrganiser = (await api(b.url).post<SessionResponse>('/auth/login', { username, password: 'second-organiser' }))
    .body.token;
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const SEED = 20240611;
/** A small seeded PRNG (mulberry32): the same values on every run. */
function prng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6', 'j7', 'j8'];
const BIBS = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08'];

// theory 0.4: exam (measurement, max 100). practical 0.6: skill (judgement, 5 judges, trimmed,
// maxSpread 8, step 0.5, max 20) and safety (deduction, 2 per unit, max 10). Practical M = 20.
function panelEvent(): EventFile {
  return {
    format: 'jiangxin/event@1',
    name: '并发一致性测试',
    organisations: [
      { code: 'a', name: '甲厂' },
      { code: 'b', name: '乙厂' },
    ],
    contests: [
      {
        code: 'panel',
        name: '评分组',
        awards: [
          { name: '一等奖', ratio: 0.25 },
          { name: '二等奖', ratio: 0.25 },
        ],
        sections: [
          {
            code: 'theory',
            name: '理论',
            weight: 0.4,
            criteria: [{ code: 'exam', name: '考试', kind: 'measurement', max: 100 }],
          },
          {
            code: 'practical',
            name: '实操',
            weight: 0.6,
            criteria: [
              {
                code: 'skill',
                name: '技能',
                kind: 'judgement',
                max: 20,
                judges: 5,
                aggregate: 'trimmed',
                maxSpread: 8,
                step: 0.5,
              },
              { code: 'safety', name: '安全', kind: 'deduction', max: 10, perUnit: 2 },
            ],
          },
        ],
        contestants: BIBS.map((bib, i) => ({ bib, name: `选手${i + 1}`, organisation: i % 2 ? 'b' : 'a' })),
        judges: [
          { code: 'chief', name: '裁判长', pin: '1111', chief: true, criteria: '*' },
          { code: 'timer', name: '计时', pin: '2222', criteria: ['exam', 'safety'] },
          ...JUDGES.map((code, i) => ({
            code,
            name: `裁判${i + 1}`,
            pin: `30${String(i).padStart(2, '0')}`,
            criteria: ['skill'],
          })),
        ],
      },
    ],
  };
}

type Client = ReturnType<typeof api>;
interface Sent {
  who: string;
  body: Record<string, unknown>;
  status: number;
  /** The mark stored, or the refusal (a batch entry's, or the whole batch's). */
  res: Partial<MarkResponse> & Partial<ApiError>;
}

async function setup() {
  const file = panelEvent();
  const ev = await importAndOpen(a, file);
  const id = ev.contestId('panel');
  const contest = file.contests[0]!;
  // Signing in costs a PIN hash check: each judge signs in once, when first needed.
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (code: string) => tokens.get(code) ?? tokens.set(code, ev.judgeToken(code)).get(code)!;
  /** The judge's client on server a or b. */
  const judge = (code: string, on: TestServer = a): Client => {
    const client = (t: string) => api(on.url, t);
    return {
      get: async (path) => client(await tokenOf(code)).get(path),
      post: async (path, body, headers) => client(await tokenOf(code)).post(path, body, headers),
      call: async (...args) => client(await tokenOf(code)).call(...args),
    };
  };
  const post = async (who: string, client: Client, body: Record<string, unknown>): Promise<Sent> => {
    const res = await client.post<MarkResponse>(`/contests/${id}/marks`, body);
    return { who, body, status: res.status, res: res.body };
  };
  const to = (state: string, client: Client = ev.admin, reason?: string) =>
    client.post<StateResponse>(`/contests/${id}/state`, { to: state, ...(reason ? { reason } : {}) });
  const check = () => expectBoardsMatchMarks(a.url, a.adminToken, id, contest);
  /** Every mark a complete contest needs: exam, and five skill marks close together. */
  const complete = async () => {
    const timer = judge('timer');
    for (const [i, bib] of BIBS.entries()) {
      expect(
        (await post('timer', timer, { contestant: bib, criterion: 'exam', value: 50 + i * 5, clientId: uuid() }))
          .status,
      ).toBe(201);
    }
    await Promise.all(
      JUDGES.slice(0, 5).map(async (code, k) => {
        const res = await judge(code, k % 2 ? b : a).post<BatchResponse>(`/contests/${id}/marks/batch`, {
          marks: BIBS.map((bib, i) => ({
            contestant: bib,
            criterion: 'skill',
            value: 10 + i + k * 0.5,
            clientId: uuid(),
          })),
        });
        expect(res.status).toBe(200);
        expect(res.body.results.map((r) => r.status)).toEqual(BIBS.map(() => 201));
      }),
    );
  };
  return { file, contest, ev, id, judge, post, to, check, complete };
}

/** `count` skill and exam marks from many judges, `inFlight` at a time per judge, alternating servers. */
async function storm(
  c: Awaited<ReturnType<typeof setup>>,
  count: number,
  seed: number,
  inFlight = 3,
  onEach?: (n: number) => void,
) {
  const rnd = prng(seed);
  const who = ['timer', ...JUDGES];
  const sent: Sent[] = [];
  let left = count;
  await Promise.all(
    who.map(async (code, wi) => {
      await Promise.all(
        Array.from({ length: inFlight }, async (_, k) => {
          const client = c.judge(code, (wi + k) % 2 ? b : a);
          while (left > 0) {
            left--;
            const bib = BIBS[Math.floor(rnd() * BIBS.length)]!;
            const body =
              code === 'timer'
                ? { contestant: bib, criterion: 'exam', value: Math.round(40 + rnd() * 60), clientId: uuid() }
                : {
                    contestant: bib,
                    criterion: 'skill',
                    value: Math.round((6 + rnd() * 14) * 2) / 2,
                    clientId: uuid(),
                  };
            sent.push(await c.post(code, client, body));
            onEach?.(sent.length);
          }
        }),
      );
    }),
  );
  return sent;
}

/** An audit entry of a mark, a state change or a freeze: each records the contest's seq. */
type SeqEntry = AuditEntryView & { data: { seq: number; from?: string; to?: string } };

async function auditOf(eventId: string, contestId: string) {
  const out: SeqEntry[] = [];
  for (let after = 0; ;) {
    const query = `contest=${contestId}&after=${after}&limit=5000`;
    const res = await api(a.url, a.adminToken).get<AuditPage>(`/events/${eventId}/audit?${query}`);
    expect(res.status).toBe(200);
    const page = res.body.entries as SeqEntry[];
    out.push(...page);
    if (page.length < 5000) break;
    after = page.at(-1)!.n;
  }
  const verify = await api(a.url, a.adminToken).get<AuditVerification>(`/events/${eventId}/audit/verify`);
  expect(verify.body.ok).toBe(true);
  return out;
}

const noServerErrors = (sent: Sent[]) => expect(sent.filter((x) => x.status >= 500)).toEqual([]);

describe('many judges at once', () => {
  it("a panel of eight judges correcting one contestant at once: every revision kept, each judge's newest counts", async () => {
    const c = await setup();
    const rnd = prng(SEED);
    // Each judge sends three revisions one after another; the eight judges run at once on both servers.
    const plans = JUDGES.map(() => [0, 1, 2].map(() => Math.round((12 + rnd() * 7) * 2) / 2));
    const sent = (
      await Promise.all(
        JUDGES.map(async (code, i) => {
          const client = c.judge(code, i % 2 ? b : a);
          const out: Sent[] = [];
          for (const value of plans[i]!)
            out.push(await c.post(code, client, { contestant: 'P01', criterion: 'skill', value, clientId: uuid() }));
          return out;
        }),
      )
    ).flat();
    sent.push(
      await c.post('timer', c.judge('timer'), { contestant: 'P01', criterion: 'exam', value: 80, clientId: uuid() }),
    );
    expect(sent.map((x) => x.status)).toEqual(sent.map(() => 201));

    const { organiser, marks } = await c.check();
    const skill = marks.filter((m) => m.criterion === 'skill');
    expect(skill).toHaveLength(24);
    for (const [i, code] of JUDGES.entries()) {
      const mine = skill.filter((m) => m.judge === code).sort((x, y) => x.revision - y.revision);
      expect(mine.map((m) => m.revision)).toEqual([1, 2, 3]);
      expect(mine.map((m) => m.value)).toEqual(plans[i]);
    }
    // SCORING §3 trimmed: drop one highest and one lowest of the newest values, mean of the rest.
    const newest = plans
      .map((p) => p[2]!)
      .sort((x, y) => x - y)
      .slice(1, -1);
    const points = newest.reduce((sum, v) => sum + v, 0) / newest.length;
    const row = organiser.rows.find((r) => r.bib === 'P01')!;
    expect(row.sections).toEqual({ theory: 80, practical: round2(points) });
    expect(row.total).toBe(round2(0.4 * 80 + 0.6 * 100 * (points / 20)));
    expect(row.complete).toBe(true);
    expect(row.flagged).toBe(Math.max(...plans.map((p) => p[2]!)) - Math.min(...plans.map((p) => p[2]!)) > 8);
  });

  it('one judge sending 40 corrections of one mark at once, over both servers and in batches: revisions 1..40, none lost, no 500', async () => {
    const c = await setup();
    const values = Array.from({ length: 40 }, (_, i) => 0.5 * (i + 1)); // distinct, so each revision is identifiable
    const single = values
      .slice(0, 30)
      .map((value, i) =>
        c.post('j1', c.judge('j1', i % 2 ? b : a), { contestant: 'P02', criterion: 'skill', value, clientId: uuid() }),
      );
    const batches = [values.slice(30, 35), values.slice(35)].map(async (vs, i) => {
      const marks = vs.map((value) => ({ contestant: 'P02', criterion: 'skill', value, clientId: uuid() }));
      const res = await c.judge('j1', i ? b : a).post<BatchResponse>(`/contests/${c.id}/marks/batch`, { marks });
      return marks.map((body, k): Sent => ({
        who: 'j1',
        body,
        status: res.body.results?.[k]?.status ?? res.status,
        res: res.body.results?.[k] ?? (res.body as unknown as ApiError),
      }));
    });
    const sent = [...(await Promise.all(single)), ...(await Promise.all(batches)).flat()];
    noServerErrors(sent);
    expect(sent.map((x) => x.status)).toEqual(sent.map(() => 201));
    const answered = sent.map((x) => x.res.mark!.revision).sort((x, y) => x - y);
    expect(answered).toEqual(values.map((_, i) => i + 1));

    const { marks, organiser } = await c.check();
    const mine = marks.filter((m) => m.contestant === 'P02');
    expect(mine.map((m) => m.revision).sort((x, y) => x - y)).toEqual(answered);
    expect(new Set(mine.map((m) => m.seq)).size).toBe(40);
    // Revisions follow acceptance order: a higher revision always has a higher seq.
    const bySeq = [...mine].sort((x, y) => x.seq - y.seq);
    expect(bySeq.map((m) => m.revision)).toEqual(answered);
    // One judge of five: the mean of one mark, the newest revision's value.
    const newest = bySeq.at(-1)!;
    const row = organiser.rows.find((r) => r.bib === 'P02')!;
    expect(row.sections.practical).toBe(newest.value);
    expect(row.complete).toBe(false);
  });
});

describe('retries of one clientId from two connections', () => {
  it('the same body on both servers at once: stored once, one 201 and the same mark replayed with 200', async () => {
    const c = await setup();
    for (let round = 0; round < 5; round++) {
      const body = { contestant: 'P03', criterion: 'skill', value: 10 + round, clientId: uuid() };
      const sent = await Promise.all([a, b, a, b, a, b].map((on) => c.post('j2', c.judge('j2', on), body)));
      expect(sent.map((x) => x.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const first = sent.find((x) => x.status === 201)!.res;
      for (const x of sent) expect(x.res).toEqual(first);
      const stored = (await listMarks(a.url, a.adminToken, c.id)).filter((m) => m.clientId === body.clientId);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.revision).toBe(round + 1);
    }
    await c.check();
  });

  it('two bodies with one clientId at once: one is stored with 201, the other gets 409 idempotency_conflict', async () => {
    const c = await setup();
    for (let round = 0; round < 5; round++) {
      const clientId = uuid();
      const bodies = [
        { contestant: 'P04', criterion: 'skill', value: 11, clientId },
        { contestant: 'P04', criterion: 'skill', value: 12, clientId },
      ];
      const sent = await Promise.all(bodies.map((body, i) => c.post('j3', c.judge('j3', i ? b : a), body)));
      expect(sent.map((x) => x.status).sort()).toEqual([201, 409]);
      const won = sent.find((x) => x.status === 201)!;
      const lost = sent.find((x) => x.status === 409)!;
      expect(lost.res.error!.code).toBe('idempotency_conflict');
      const stored = (await listMarks(a.url, a.adminToken, c.id)).filter((m) => m.clientId === clientId);
      expect(stored.map((m) => m.value)).toEqual([won.body.value]);
    }
    await c.check();
  });

  it('one clientId sent to two contests at once: one stored, the other 409, never a 500', async () => {
    const c = await setup();
    const other = await setup();
    for (let round = 0; round < 6; round++) {
      const clientId = uuid();
      // The organiser may mark any contest in scoring; the same clientId is then a different mark.
      const sent = await Promise.all([
        c.post('@admin', api(a.url, a.adminToken), { contestant: 'P05', criterion: 'exam', value: 70, clientId }),
        other.post('@admin', api(b.url, b.adminToken), { contestant: 'P05', criterion: 'exam', value: 70, clientId }),
      ]);
      noServerErrors(sent);
      expect(sent.map((x) => x.status).sort()).toEqual([201, 409]);
      expect(sent.find((x) => x.status === 409)!.res.error!.code).toBe('idempotency_conflict');
    }
    await c.check();
    await other.check();
  });
});

describe('marks racing state changes', () => {
  it('closing marking in the middle of a storm: each mark stored before the change or refused with contest_closed', async () => {
    const c = await setup();
    let closing: Promise<Reply<StateResponse>> | null = null;
    const sent = await storm(c, 180, SEED + 1, 3, (n) => {
      if (n === 60) closing = c.to('review', n % 2 ? api(b.url, secondOrganiser) : c.ev.admin);
    });
    const closed = await closing!;
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    noServerErrors(sent);
    for (const x of sent) {
      if (x.status === 409) expect(x.res.error!.code).toBe('contest_closed');
      else expect(x.status).toBe(201);
    }
    const accepted = sent.filter((x) => x.status === 201);
    const refused = sent.filter((x) => x.status === 409);
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    expect(refused.length).toBeGreaterThan(0);

    const audit = await auditOf(c.ev.id, c.id);
    const change = audit.find((e) => e.kind === 'state' && e.data.to === 'review')!;
    const markEntries = audit.filter((e) => e.kind === 'mark');
    // Every accepted mark was stored (and audited) before the change, in seq and in audit order.
    for (const x of accepted) expect(x.res.seq).toBeLessThan(change.data.seq);
    expect(markEntries).toHaveLength(accepted.length);
    for (const e of markEntries) {
      expect(e.n).toBeLessThan(change.n);
      expect(e.data.seq).toBeLessThan(change.data.seq);
    }
    const { marks } = await c.check();
    const stored = new Set(marks.map((m) => m.clientId));
    for (const x of refused) expect(stored.has(x.body.clientId as string)).toBe(false);
    expect(marks).toHaveLength(accepted.length);
  }, 60_000);

  it('two organisers changing the state at once on two servers: one wins, the other is told why, the history is a chain', async () => {
    const c = await setup();
    await c.complete();
    const org2 = api(b.url, secondOrganiser);
    const rounds: [string, string][] = [
      ['review', 'review'],
      ['scoring', 'certified'],
      ['review', 'review'],
      ['certified', 'scoring'],
    ];
    for (const [first, second] of rounds) {
      // With reasons, so that every move is allowed from where the round before ended.
      const results = await Promise.all([c.to(first, c.ev.admin, 'round'), c.to(second, org2, 'round')]);
      const won = results.filter((r) => r.status === 200);
      const lost = results.filter((r) => r.status !== 200);
      expect(won, JSON.stringify(results.map((r) => r.body))).toHaveLength(1);
      expect(lost[0]!.status).toBe(409);
      expect(refusalOf(lost[0]!).code).toBe('conflict');
      expect(refusalOf(lost[0]!).message).toMatch(/already in "|cannot go from "/);
    }
    const audit = await auditOf(c.ev.id, c.id);
    const changes = audit.filter((e) => e.kind === 'state');
    // setup → scoring, then one change per round, each starting where the one before ended.
    expect(changes).toHaveLength(1 + rounds.length);
    for (let i = 1; i < changes.length; i++) {
      expect(changes[i]!.data.from).toBe(changes[i - 1]!.data.to);
      expect(changes[i]!.data.seq).toBeGreaterThan(changes[i - 1]!.data.seq);
    }
    expect((await c.ev.admin.get<ContestDetail>(`/contests/${c.id}`)).body.state).toBe(changes.at(-1)!.data.to);
    await c.check();
  });

  it('freezing in the middle of a storm, twice at once: one freeze, and the public board is exactly the marks before it', async () => {
    const c = await setup();
    let freezing: Promise<Reply<FreezeResponse>[]> | null = null;
    let revealing: Promise<Reply<FreezeResponse>> | null = null;
    const org2 = api(b.url, secondOrganiser);
    const sent = await storm(c, 180, SEED + 2, 3, (n) => {
      if (n === 50)
        freezing = Promise.all([
          c.ev.admin.post<FreezeResponse>(`/contests/${c.id}/freeze`, { frozen: true }),
          org2.post<FreezeResponse>(`/contests/${c.id}/freeze`, { frozen: true }),
        ]);
      if (n === 120)
        revealing = (async () => {
          await freezing;
          // Mid-storm: the public board shows the marks up to the freeze, and nothing stored after it.
          const pub = (await api(a.url).get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body;
          expect(pub.frozen).toBe(true);
          expect(pub.rows).toEqual(recompute(c.contest, await listMarks(a.url, a.adminToken, c.id), pub.seq));
          return org2.post<FreezeResponse>(`/contests/${c.id}/freeze`, { frozen: false });
        })();
    });
    const froze = await freezing!;
    expect(froze.map((r) => r.status)).toEqual([200, 200]);
    expect((await revealing!).status).toBe(200);
    noServerErrors(sent);
    expect(sent.map((x) => x.status)).toEqual(sent.map(() => 201));

    const audit = await auditOf(c.ev.id, c.id);
    expect(audit.filter((e) => e.kind === 'freeze')).toHaveLength(1);
    expect(audit.filter((e) => e.kind === 'unfreeze')).toHaveLength(1);
    const freeze = audit.find((e) => e.kind === 'freeze')!;
    // One answer is the freeze; the other says the board is frozen, as of the freeze or later.
    expect(froze.map((r) => r.body.seq).sort((x, y) => x - y)[0]).toBe(freeze.data.seq);
    for (const r of froze) expect(r.body.frozen).toBe(true);
    for (const r of froze) expect(r.body.seq).toBeGreaterThanOrEqual(freeze.data.seq);
    const { pub, organiser } = await c.check();
    expect(pub.frozen).toBe(false);
    expect(organiser.seq).toBeGreaterThan(freeze.data.seq);
  }, 60_000);

  it('certifying while the chief sends a late correction: the certified digest is of exactly the board certified', async () => {
    const c = await setup();
    await c.complete();
    expect((await c.to('review')).status).toBe(200);
    const chief = c.judge('chief', b);
    expect((await chief.get<ContestDetail>(`/contests/${c.id}`)).status).toBe(200); // signed in before the races
    for (let round = 0; round < 6; round++) {
      if (round > 0) expect((await c.to('review', c.ev.admin, 'amend after a late correction')).status).toBe(200);
      const bib = BIBS[round % BIBS.length]!;
      const body = {
        contestant: bib,
        criterion: 'exam',
        value: 60 + round,
        clientId: uuid(),
        reason: 'typo on the sheet',
      };
      // Sent in both orders (through both servers), so either may reach the database first.
      const certify = () => c.to('certified', round % 2 ? api(b.url, secondOrganiser) : c.ev.admin);
      const correct = () => c.post('chief', chief, body);
      const [cert, corr] =
        round % 2
          ? await Promise.all([certify(), correct()])
          : await Promise.all([correct(), certify()]).then(([x, y]) => [y, x] as const);
      expect(cert.status, JSON.stringify(cert.body)).toBe(200);
      const got = await c.ev.admin.get<CertificationResponse>(`/contests/${c.id}/certification`);
      expect(got.status).toBe(200);
      const certification = got.body;
      expect(sha256(canonicalJson(certification.results))).toBe(certification.digest);
      const entry = (await auditOf(c.ev.id, c.id)).find(
        (e) => e.kind === 'state' && e.data.to === 'certified' && e.data.seq === certification.seq,
      );
      expect(entry?.data.resultsDigest).toBe(certification.digest);
      const marks: ListedMark[] = await listMarks(a.url, a.adminToken, c.id);
      // The certified results are the board of every mark stored before the certification.
      expect(certification.results).toEqual(recompute(c.contest, marks, certification.seq));
      if (corr.status === 201) {
        expect(corr.res.seq).toBeLessThan(certification.seq);
      } else {
        expect(corr.status).toBe(409);
        expect(corr.res.error!.code).toBe('contest_closed');
        expect(marks.some((m) => m.clientId === body.clientId)).toBe(false);
      }
      const { organiser } = await c.check();
      expect(organiser.rows).toEqual(certification.results);
    }
  }, 60_000);
});
