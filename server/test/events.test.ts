// Importing and reading events over HTTP (CONTRACT §4): the 201 shape, generated PINs, every
// problem of an invalid file at once with nothing stored, no secrets in public listings, and
// an exported file that imports again as an equal event.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/create-db.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  issuesOf,
  refusalOf,
} from './harness.ts';
import type {
  ContestDetail,
  EventDetail,
  EventSummary,
  ImportResult,
  Leaderboard,
  MarkResponse,
  SessionResponse,
} from '../../shared/api.ts';

let s: TestServer;
let admin: ReturnType<typeof api>;
beforeAll(async () => {
  s = await startTestServer();
  admin = api(s.url, s.adminToken);
});
afterAll(async () => s?.stop());

function smallEvent(name = `装配工 ${uuid().slice(0, 8)}`): EventFile {
  return {
    format: 'jiangxin/event@1',
    name,
    organisations: [{ code: 'a', name: '一厂' }],
    contests: [
      {
        code: 'fit',
        name: '装配',
        sections: [
          {
            code: 'main',
            name: '实操',
            weight: 1,
            criteria: [{ code: 'x', name: '精度', kind: 'measurement', max: 10 }],
          },
        ],
        contestants: [{ bib: 'F1', name: '周一', organisation: 'a' }],
        judges: [
          { code: 'with-pin', name: '有PIN', pin: '4821', criteria: '*' },
          { code: 'no-pin', name: '无PIN', criteria: '*', chief: true },
        ],
      },
      {
        code: 'turn',
        name: '车工',
        sections: [
          {
            code: 'main',
            name: '实操',
            weight: 1,
            criteria: [{ code: 'y', name: '尺寸', kind: 'measurement', max: 10 }],
          },
        ],
        contestants: [{ bib: 'T1', name: '吴二', organisation: 'a' }],
        judges: [{ code: 'turn-j', name: '车工裁判', criteria: ['y'] }],
      },
    ],
  };
}

const withoutPins = (file: EventFile) => ({
  ...file,
  contests: file.contests.map((c) => ({ ...c, judges: c.judges.map(({ pin: _, ...j }) => j) })),
});
// By name: other test files may import events into the same database meanwhile.
const stored = async (name: string) =>
  rowsOf<{ n: number }>(await s.db.db.execute(sql`SELECT count(*)::int AS n FROM events WHERE name = ${name}`))[0]!.n;

describe('POST /events', () => {
  it('answers 201 with the ids and the PINs it generated, and only those', async () => {
    const res = await admin.post<ImportResult>('/events', smallEvent());
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['contests', 'id', 'judges']);
    expect(res.body.id).toEqual(expect.any(String));
    expect(res.body.contests).toEqual([
      { id: expect.any(String), code: 'fit' },
      { id: expect.any(String), code: 'turn' },
    ]);
    expect(res.body.contests[0]!.id).not.toBe(res.body.contests[1]!.id);
    expect(res.body.judges.map((j) => j.code).sort()).toEqual(['no-pin', 'turn-j']);
    for (const j of res.body.judges) expect(j.pin).toMatch(/^[0-9]{4,8}$/);
    // The generated PINs work, as does the given one, and a generated PIN is shown nowhere else.
    const pins: Record<string, string> = {
      'with-pin': '4821',
      ...Object.fromEntries(res.body.judges.map((j) => [j.code, j.pin])),
    };
    for (const [judge, pin] of Object.entries(pins)) {
      const login = await api(s.url).post<SessionResponse>('/auth/judge', { event: res.body.id, judge, pin });
      expect(login.status, judge).toBe(200);
      expect(login.body.judge?.code).toBe(judge);
    }
    const elsewhere = [
      await admin.get<EventSummary[]>('/events'),
      await admin.get<EventDetail>(`/events/${res.body.id}`),
      await admin.get(`/events/${res.body.id}/file`),
    ];
    for (const r of elsewhere)
      for (const pin of Object.values(pins)) expect(JSON.stringify(r.body)).not.toContain(`"${pin}"`);
    const contest = await admin.get<ContestDetail>(`/contests/${res.body.contests[0]!.id}`);
    expect(contest.body).toMatchObject({ id: res.body.contests[0]!.id, code: 'fit', state: 'setup' });
  });

  it('refuses an invalid file with every problem and its path, and stores nothing', async () => {
    const bad = smallEvent();
    Object.assign(bad, { format: 'jiangxin/event@2' });
    bad.organisations![0]!.code = 'Not A Code';
    bad.contests[0]!.sections[0]!.criteria[0]!.max = -1;
    Object.assign(bad.contests[0]!.contestants[0]!, { shoeSize: 42 });
    bad.contests[1]!.judges[0]!.pin = '12';
    delete (bad.contests[1] as Partial<EventFile['contests'][number]>).name;
    const shape = await admin.post<ImportResult>('/events', bad);
    expect(shape.status).toBe(400);
    expect(refusalOf(shape).code).toBe('validation_failed');
    expect(
      issuesOf(shape)
        .map((i) => i.path)
        .sort(),
    ).toEqual([
      'contests[0].contestants[0].shoeSize',
      'contests[0].sections[0].criteria[0].max',
      'contests[1].judges[0].pin',
      'contests[1].name',
      'format',
      'organisations[0].code',
    ]);
    for (const i of issuesOf(shape)) expect(i.message).toEqual(expect.any(String));

    // Well-shaped, but breaking the rules between fields.
    const rules = smallEvent();
    rules.contests[0]!.sections[0]!.weight = 0.5; // weights must sum to 1
    rules.contests[0]!.contestants.push({ bib: 'F1', name: '重号', organisation: 'a' }); // duplicate bib
    rules.contests[1]!.contestants[0]!.organisation = 'zz'; // unknown organisation
    rules.contests[1]!.judges[0]!.criteria = ['nope']; // unknown criterion
    rules.contests[1]!.judges[0]!.code = 'with-pin'; // judge codes are unique in the event
    const cross = await admin.post<ImportResult>('/events', rules);
    expect(cross.status).toBe(400);
    const paths = issuesOf(cross).map((i) => i.path);
    for (const p of [
      'contests[0].contestants[1].bib',
      'contests[1].contestants[0].organisation',
      'contests[1].judges[0].criteria[0]',
    ])
      expect(paths).toContain(p);
    expect(paths.some((p: string) => p.startsWith('contests[0].sections'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('contests[1].judges[0].code'))).toBe(true);
    expect(issuesOf(cross).length).toBeGreaterThanOrEqual(5);
    expect(await stored(bad.name)).toBe(0);
    expect(await stored(rules.name)).toBe(0);
    const names = (await admin.get<EventSummary[]>('/events')).body.map((e) => e.name);
    expect(names).not.toContain(bad.name);
    expect(names).not.toContain(rules.name);
  });

  it('is for organisers only', async () => {
    const ev = await importAndOpen(s, smallEvent());
    const judge = api(s.url, await ev.judgeToken('with-pin'));
    const file = smallEvent();
    expect((await judge.post<ImportResult>('/events', file)).status).toBe(403);
    expect((await api(s.url).post<ImportResult>('/events', file)).status).toBe(401);
    expect(await stored(file.name)).toBe(0);
  });
});

describe('GET /events and /events/:id', () => {
  it('list events with their contests and no PINs or judge data', async () => {
    const file = exampleEvent('new-economy-contest');
    const ev = await importAndOpen(s, file, { open: false });
    await ev.admin.post(`/contests/${ev.contestId('rider')}/state`, { to: 'scoring' });
    const expected = {
      id: ev.id,
      name: file.name,
      contests: [
        { id: ev.contestId('courier'), code: 'courier', name: '快递员', state: 'setup' },
        { id: ev.contestId('rider'), code: 'rider', name: file.contests[1]!.name, state: 'scoring' },
      ],
    };
    const secrets = file.contests.flatMap((c) => c.judges.flatMap((j) => [j.pin!, j.code, j.name]));
    for (const client of [api(s.url), admin]) {
      const list = await client.get<EventSummary[]>('/events');
      expect(list.status).toBe(200);
      expect(list.body.find((e) => e.id === ev.id)).toEqual(expected);
      const one = await client.get<EventDetail>(`/events/${ev.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject(expected);
      for (const body of [list.body, one.body]) {
        const text = JSON.stringify(body);
        expect(text).not.toMatch(/"(pin|pinHash|judges?)"/);
        for (const secret of secrets) expect(text).not.toContain(`"${secret}"`);
      }
    }
  });
});

describe('GET /events/:id/file', () => {
  it('gives organisers the file as imported, without PINs', async () => {
    const file = exampleEvent('wire-rope-contest');
    const ev = await importAndOpen(s, file);
    const res = await admin.get(`/events/${ev.id}/file`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(withoutPins(file));
    expect(JSON.stringify(res.body)).not.toContain('"pin"');
    expect((await api(s.url).get(`/events/${ev.id}/file`)).status).toBe(401);
    expect((await api(s.url, await ev.judgeToken('w-chief')).get(`/events/${ev.id}/file`)).status).toBe(403);
  });

  it('imports again as an equal event: same contests, same boards for the same marks', async () => {
    const original = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const exported = (await admin.get<EventFile>(`/events/${original.id}/file`)).body;
    const again = await importAndOpen(s, exported);
    // No PINs in the export: every judge gets a new one.
    expect(again.judges.map((j) => j.code).sort()).toEqual(
      exported.contests.flatMap((c) => c.judges.map((j) => j.code)).sort(),
    );
    const marks: [string, string, string, number | boolean][] = [
      ['courier', 'C001', 'exam', 88],
      ['courier', 'C001', 'sorting', 75],
      ['courier', 'C002', 'waybill', true],
      ['courier', 'C003', 'safety', 2],
      ['courier', 'C002', 'packing', 20.5],
      ['rider', 'R001', 'exam', 91],
    ];
    for (const ev of [original, again]) {
      for (const [contest, contestant, criterion, value] of marks) {
        const r = await ev.admin.post<MarkResponse>(`/contests/${ev.contestId(contest)}/marks`, {
          contestant,
          criterion,
          value,
          clientId: uuid(),
        });
        expect(r.status).toBe(201);
      }
    }
    // Without what differs between the two imports: ids, and how far each contest has counted.
    type Ids = Partial<Record<'id' | 'eventId' | 'seq' | 'contest', unknown>>;
    const strip = <T extends Ids>({ id: _i, eventId: _e, seq: _s, contest: _c, ...rest }: T) => rest;
    const a = (await admin.get<EventDetail>(`/events/${original.id}`)).body;
    const b = (await admin.get<EventDetail>(`/events/${again.id}`)).body;
    expect({ ...b, id: a.id, contests: b.contests.map(strip) }).toEqual({ ...a, contests: a.contests.map(strip) });
    for (const code of ['courier', 'rider']) {
      const [ca, cb] = [
        await admin.get<ContestDetail>(`/contests/${original.contestId(code)}`),
        await admin.get<ContestDetail>(`/contests/${again.contestId(code)}`),
      ];
      expect(strip(cb.body)).toEqual(strip(ca.body));
      const [ba, bb] = [
        await api(s.url).get<Leaderboard>(`/contests/${original.contestId(code)}/leaderboard`),
        await api(s.url).get<Leaderboard>(`/contests/${again.contestId(code)}/leaderboard`),
      ];
      // The boards' times say when each changed; the copy was marked a moment later.
      const untimed = ({ updatedAt: _u, frozenAt: _f, certifiedAt: _c, ...rest }: Leaderboard) => strip(rest);
      expect(untimed(bb.body)).toEqual(untimed(ba.body));
    }
    expect((await admin.get(`/events/${again.id}/file`)).body).toEqual(exported);
  });

  it('is 404 for an unknown event', async () => {
    expect((await admin.get('/events/nope/file')).status).toBe(404);
    expect((await admin.get('/events/nope')).status).toBe(404);
  });
});
