// Refusals carry a code and params (CONTRACT §2 v1.1) that say what happened, so every screen can
// word them in its reader's language; the English message stays for logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  type Reply,
  issuesOf,
  refusalOf,
} from './harness.ts';
import type { ImportResult, SessionResponse } from '../../shared/api.ts';
import { expectErrorShape } from './fuzz/expect.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

const mark = (contestant: string, criterion: string, value: unknown, extra: object = {}) => ({
  contestant,
  criterion,
  value,
  clientId: uuid(),
  ...extra,
});

describe('refusals carry code and params', () => {
  it('sign-in: a wrong password or PIN says so (not "sign in first")', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'), { open: false });
    const password = await api(s.url).post<SessionResponse>('/auth/login', { username: 'admin', password: 'nope' });
    const wrong = (reason: string) => ({ code: 'unauthorized', message: expect.any(String), params: { reason } });
    expect(refusalOf(password)).toEqual(wrong('wrong_password'));
    const pin = await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j1', pin: '0000' });
    expect(refusalOf(pin)).toEqual(wrong('wrong_pin'));
    const none = await api(s.url).get(`/events/${ev.id}/file`);
    expect(refusalOf(none)).toEqual({ code: 'unauthorized', message: 'sign in first' });
  });

  it('marks: closed contests, rights, names and values, each with what it is about', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'), { open: false });
    const courier = ev.contestId('courier');
    const j1 = api(s.url, await ev.judgeToken('c-j1'));
    const chief = api(s.url, await ev.judgeToken('c-chief'));
    const at = `/contests/${courier}/marks`;
    const refusal = async (answer: Promise<Reply<unknown>>, status: number) => {
      const r = await answer;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expectErrorShape(r.body);
      return refusalOf(r);
    };

    expect(await refusal(j1.post(at, mark('C005', 'packing', 10)), 409)).toMatchObject({
      code: 'contest_closed',
      params: { state: 'setup' },
    });
    await ev.admin.post(`/contests/${courier}/state`, { to: 'scoring' });
    expect(await refusal(j1.post(at, mark('C005', 'exam', 10)), 403)).toMatchObject({
      code: 'forbidden',
      params: { reason: 'criterion_not_assigned', criterion: 'exam' },
    });
    expect(await refusal(j1.post(at, mark('C999', 'packing', 10)), 404)).toMatchObject({
      code: 'not_found',
      params: { reason: 'contestant', bib: 'C999' },
    });
    expect(await refusal(j1.post(at, mark('C005', 'packing', 26)), 400)).toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'value', code: 'value_range', params: { min: 0, max: 25 }, message: 'value must be between 0 and 25' },
      ],
    });
    expect(await refusal(j1.post(at, mark('C005', 'packing', 10.25)), 400)).toMatchObject({
      issues: [{ path: 'value', code: 'value_step', params: { step: 0.5 } }],
    });
    expect(await refusal(j1.post(at, { ...mark('C005', 'packing', 10), colour: 'red' }), 400)).toMatchObject({
      issues: [{ path: 'colour', code: 'unknown_field', params: { field: 'colour' } }],
    });
    const once = mark('C005', 'packing', 10);
    expect((await j1.post(at, once)).status).toBe(201);
    expect(await refusal(j1.post(at, { ...once, value: 11 }), 409)).toEqual({
      code: 'idempotency_conflict',
      message: expect.any(String),
    });

    await ev.admin.post(`/contests/${courier}/state`, { to: 'review' });
    expect(await refusal(j1.post(at, mark('C005', 'packing', 12, { reason: '更正' })), 409)).toMatchObject({
      code: 'contest_closed',
      params: { reason: 'review' },
    });
    expect(await refusal(chief.post(at, mark('C005', 'packing', 12)), 400)).toMatchObject({
      code: 'validation_failed',
      params: { reason: 'reason_required', when: 'review' },
      issues: [{ path: 'reason', code: 'required' }],
    });
  });

  it('certification: blocked with how many problems, each structured', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const rider = ev.contestId('rider');
    await ev.admin.post(`/contests/${rider}/state`, { to: 'review' });
    const r = await ev.admin.post(`/contests/${rider}/state`, { to: 'certified' });
    expect(r.status).toBe(409);
    expectErrorShape(r.body);
    const { params, blockers = [], reasons } = refusalOf(r);
    expect(params).toEqual({ count: blockers.length });
    expect(reasons).toHaveLength(blockers.length);
    expect(blockers[0]).toMatchObject({ kind: 'incomplete', bib: expect.any(String), missing: expect.any(Array) });
    const again = await ev.admin.post(`/contests/${rider}/state`, { to: 'review' });
    expect(refusalOf(again)).toMatchObject({
      code: 'conflict',
      params: { reason: 'already_in_state', state: 'review' },
    });
    const jump = await ev.admin.post(`/contests/${rider}/state`, { to: 'published' });
    expect(refusalOf(jump)).toMatchObject({
      code: 'conflict',
      params: { reason: 'bad_transition', from: 'review', to: 'published' },
    });
  });

  it('an event file: every problem in one 400, each with its code and params', async () => {
    const file = exampleEvent('new-economy-contest');
    const courier = file.contests[0]!;
    Object.assign(courier, { colour: 'red', teamSize: 'three' });
    courier.sections[0]!.weight = 0.5;
    courier.contestants[1]!.bib = courier.contestants[0]!.bib;
    const r = await api(s.url, s.adminToken).post<ImportResult>('/events', file);
    expect(r.status).toBe(400);
    expectErrorShape(r.body);
    expect(refusalOf(r).params).toEqual({ reason: 'event_file' });
    expect(issuesOf(r).map((i) => ({ path: i.path, code: i.code, params: i.params }))).toEqual([
      { path: 'contests[0].teamSize', code: 'wrong_type', params: { expected: ['number'], got: 'text' } },
      { path: 'contests[0].colour', code: 'unknown_field', params: { field: 'colour' } },
      { path: 'contests[0].sections', code: 'weights_sum', params: { contest: 'courier', sum: 1.2 } },
      {
        path: 'contests[0].contestants[1].bib',
        code: 'duplicate',
        params: { what: 'bib', value: 'C001', first: 'contests[0].contestants[0].bib' },
      },
    ]);
  });
});
