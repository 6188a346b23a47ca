// The venue's big screens run from the console, and announcements (issue 14): a screen registers
// over /screens, the organiser's mode reaches it and survives a reconnection and a restart; a reveal
// is stepped over HTTP and the screen holds only what is revealed; announcements reach phones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { EventFile } from '../../shared/event-file/schema.ts';
import {
  SCREENS_NAMESPACE,
  type Announcement,
  type ScreenInfo,
  type ScreenState,
  type ScreensServerToClient,
} from '../../shared/screens.ts';
import type { AuditEntryView } from '../../shared/admin-api.ts';
import { api, importAndOpen, openTestDb, refusalOf, startTestServer, uuid, type TestServer } from './harness.ts';
import type { DbHandle } from '../../db/create-db.ts';

let db: DbHandle;
let s: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  db = await openTestDb();
  s = await startTestServer({ db });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await s?.stop();
  await db?.close();
});

const VALUES: Record<string, number> = { A1: 90, A2: 70, A3: 80, A4: 60 };

function screensEvent(): EventFile {
  const criteria = [{ code: 'score', name: '成绩', kind: 'measurement' as const, max: 100 }];
  return {
    format: 'jiangxin/event@1',
    name: '大屏测试',
    organisations: [{ code: 'a', name: 'A 公司' }],
    contests: [
      {
        code: 'alpha',
        name: '甲项',
        sections: [{ code: 'main', name: '实操', weight: 1, criteria }],
        contestants: Object.keys(VALUES).map((bib) => ({ bib, name: `选手${bib}`, organisation: 'a' })),
        judges: [{ code: 'ja', name: '甲', pin: '1234', criteria: '*' }],
      },
    ],
  };
}

async function scoredEvent() {
  const ev = await importAndOpen(s, screensEvent());
  for (const [contestant, value] of Object.entries(VALUES)) {
    const body = { contestant, criterion: 'score', value, clientId: uuid() };
    expect((await ev.admin.post(`/contests/${ev.contestId('alpha')}/marks`, body)).status).toBe(201);
  }
  return ev;
}

/** A socket on /screens that keeps everything it was sent. */
function connect(url: string, auth: Record<string, unknown>) {
  const got = {
    states: [] as ScreenState[],
    announcements: [] as Announcement[][],
    identified: 0,
    refusal: null as unknown,
  };
  const socket: Socket<ScreensServerToClient> = io(url + SCREENS_NAMESPACE, { transports: ['websocket'], auth });
  sockets.push(socket);
  socket.on('screen', (state) => got.states.push(state));
  socket.on('announcements', (list) => got.announcements.push(list));
  socket.on('identify', () => got.identified++);
  socket.on('connect_error', (err) => (got.refusal = (err as Error & { data?: unknown }).data ?? err.message));
  return { socket, got, last: () => got.states.at(-1) };
}

const call = (token?: string) => api(s.url, token).call;

describe('big screens', () => {
  it('registers, is set from the console, keeps its mode through a reconnection', async () => {
    const ev = await scoredEvent();
    const screenId = `scr-${uuid()}`;
    const screen = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => screen.last()).toMatchObject({ id: screenId, number: 1, name: null, mode: null });
    const list = await ev.admin.get<{ screens: ScreenInfo[] }>(`/events/${ev.id}/screens`);
    expect(list.body.screens).toEqual([expect.objectContaining({ id: screenId, number: 1, online: true })]);

    const put = await call(s.adminToken)('PUT', `/events/${ev.id}/screens/${screenId}/mode`, {
      mode: { kind: 'contest', contest: 'alpha' },
    });
    expect(put.status).toBe(200);
    await expect.poll(() => screen.last()?.mode).toEqual({ kind: 'contest', contest: 'alpha' });
    await call(s.adminToken)('PUT', `/events/${ev.id}/screens/${screenId}/name`, { name: '主屏' });
    await expect.poll(() => screen.last()?.name).toBe('主屏');
    await ev.admin.post(`/events/${ev.id}/screens/${screenId}/identify`);
    await expect.poll(() => screen.got.identified).toBe(1);

    screen.socket.disconnect();
    const again = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => again.last()).toMatchObject({ number: 1, name: '主屏', mode: { kind: 'contest' } });
    // A second screen gets the next number.
    const other = connect(s.url, { event: ev.id, screen: `scr-${uuid()}` });
    await expect.poll(() => other.last()?.number).toBe(2);

    const audit = await ev.admin.get<{ entries: AuditEntryView[] }>(`/events/${ev.id}/audit?kind=screen.mode`);
    expect(audit.body.entries.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ mode: { kind: 'contest', contest: 'alpha' } }),
    );
    expect((await ev.admin.get(`/events/${ev.id}/audit/verify`)).body).toMatchObject({ ok: true });
  });

  it('a mode survives a restart of the server', async () => {
    const ev = await scoredEvent();
    const screenId = `scr-${uuid()}`;
    const screen = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => screen.last()?.id).toBe(screenId);
    const mode = { kind: 'message', text: '实操比赛 9:30 开始' };
    expect((await call(s.adminToken)('PUT', `/events/${ev.id}/screens/${screenId}/mode`, { mode })).status).toBe(200);
    screen.socket.disconnect();
    await s.stop();
    s = await startTestServer({ db });
    const back = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => back.last()?.mode).toEqual(mode);
  });

  it('a reveal is stepped from the console; the screen holds only the revealed rows', async () => {
    const ev = await scoredEvent();
    const alpha = ev.contestId('alpha');
    expect((await ev.admin.post(`/contests/${alpha}/freeze`, { frozen: true })).status).toBe(200);
    const screenId = `scr-${uuid()}`;
    const screen = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => screen.last()?.id).toBe(screenId);
    const step = (action: string) =>
      ev.admin.post<ScreenInfo>(`/events/${ev.id}/screens/${screenId}/reveal`, { action });

    expect(refusalOf(await step('next'))).toMatchObject({ code: 'conflict', params: { reason: 'not_revealing' } });
    const mode = { kind: 'reveal', contest: 'alpha' };
    expect((await call(s.adminToken)('PUT', `/events/${ev.id}/screens/${screenId}/mode`, { mode })).status).toBe(200);
    await expect.poll(() => screen.last()?.reveal).toMatchObject({ step: 0, total: 4, revealed: [], ready: true });

    // Last place first: A4 (60), then A2 (70).
    expect((await step('next')).body.reveal).toMatchObject({ step: 1, total: 4 });
    await expect.poll(() => screen.last()?.reveal?.revealed.map((r) => r.bib)).toEqual(['A4']);
    await step('next');
    await expect.poll(() => screen.last()?.reveal?.revealed.map((r) => r.bib)).toEqual(['A4', 'A2']);
    await step('back');
    await expect.poll(() => screen.last()?.reveal?.revealed.map((r) => r.bib)).toEqual(['A4']);
    await step('end');
    await expect.poll(() => screen.last()?.reveal?.revealed.map((r) => r.bib)).toEqual(['A4', 'A2', 'A3', 'A1']);
    expect((await step('next')).body.reveal).toMatchObject({ step: 4, total: 4 });
    await step('reset');
    await expect.poll(() => screen.last()?.reveal).toMatchObject({ step: 0, revealed: [] });
    // Every state the screen was sent held exactly `step` rows.
    for (const state of screen.got.states) {
      if (state.reveal) expect(state.reveal.revealed).toHaveLength(state.reveal.step);
    }
  });

  it('refuses strangers, bad bodies, unknown screens and events', async () => {
    const ev = await scoredEvent();
    const screenId = `scr-${uuid()}`;
    const screen = connect(s.url, { event: ev.id, screen: screenId });
    await expect.poll(() => screen.last()?.id).toBe(screenId);
    const path = `/events/${ev.id}/screens/${screenId}/mode`;
    expect((await call()('PUT', path, { mode: null })).status).toBe(401);
    for (const mode of [
      { kind: 'rotate', seconds: 1 },
      { kind: 'message', text: '' },
      { kind: 'message', text: 'x'.repeat(201) },
      { kind: 'dance' },
      'blank',
    ]) {
      const r = await call(s.adminToken)('PUT', path, { mode });
      expect([r.status, refusalOf(r).code]).toEqual([400, 'validation_failed']);
    }
    const missing = await call(s.adminToken)('PUT', path, { mode: { kind: 'contest', contest: 'nope' } });
    expect([missing.status, refusalOf(missing).params]).toEqual([404, { reason: 'contest', contest: 'nope' }]);
    for (const bad of ['unknown-screen-id', '%00', 'x'.repeat(300)]) {
      const r = await call(s.adminToken)('PUT', `/events/${ev.id}/screens/${bad}/mode`, { mode: null });
      expect([r.status, refusalOf(r).code]).toEqual([404, 'not_found']);
    }
    const unknown = await call(s.adminToken)('PUT', `/events/${ev.id}/screens/unknown-screen-id/mode`, { mode: null });
    expect(refusalOf(unknown).params).toEqual({ reason: 'screen' });
    const noEvent = await ev.admin.get(`/events/no-such-event/screens`);
    expect([noEvent.status, refusalOf(noEvent).params?.reason]).toEqual([404, 'event']);
    const stranger = connect(s.url, { event: 'no-such-event', screen: `scr-${uuid()}` });
    await expect.poll(() => stranger.got.refusal).toMatchObject({ code: 'not_found', params: { reason: 'event' } });
    const garbled = connect(s.url, { event: ev.id, screen: 'x' });
    await expect.poll(() => garbled.got.refusal).toMatchObject({ code: 'validation_failed' });
  });
});

describe('announcements', () => {
  it('reach the phones at once and later, and can be withdrawn', async () => {
    const ev = await scoredEvent();
    const phone = connect(s.url, { event: ev.id });
    await expect.poll(() => phone.got.announcements.at(-1)).toEqual([]);
    const made = await ev.admin.post<Announcement>(`/events/${ev.id}/announcements`, { text: '实操比赛 9:30 开始' });
    expect(made.status).toBe(201);
    await expect.poll(() => phone.got.announcements.at(-1)?.map((a) => a.text)).toEqual(['实操比赛 9:30 开始']);
    const later = await api(s.url).get<{ announcements: Announcement[] }>(`/events/${ev.id}/announcements`);
    expect(later.body.announcements.map((a) => a.id)).toEqual([made.body.id]);
    const latePhone = connect(s.url, { event: ev.id });
    await expect.poll(() => latePhone.got.announcements.at(-1)?.map((a) => a.id)).toEqual([made.body.id]);

    expect((await call()('POST', `/events/${ev.id}/announcements`, { text: 'x' })).status).toBe(401);
    const withdraw = () => call(s.adminToken)('DELETE', `/events/${ev.id}/announcements/${made.body.id}`);
    expect((await withdraw()).status).toBe(200);
    await expect.poll(() => phone.got.announcements.at(-1)).toEqual([]);
    expect(refusalOf(await withdraw())).toMatchObject({ code: 'not_found', params: { reason: 'announcement' } });

    for (let i = 0; i < 5; i++) await ev.admin.post(`/events/${ev.id}/announcements`, { text: `第 ${i} 条` });
    const sixth = await ev.admin.post(`/events/${ev.id}/announcements`, { text: '太多' });
    expect([sixth.status, refusalOf(sixth).params]).toEqual([409, { reason: 'too_many_announcements', limit: 5 }]);
    const kinds = await ev.admin.get<{ entries: AuditEntryView[] }>(`/events/${ev.id}/audit`);
    expect(kinds.body.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['announcement', 'announcement.withdrawn']),
    );
  });
});
