// Crafted event archives (POST /events/archive): every row is checked by the rules the API applies,
// so a refused archive stores nothing, and no archive can break marking on the other events of
// the database: ids from sequences are this database's, never the archive's (mark ids near 2^53
// once moved the shared sequence, after which one new mark in six failed with a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { DbHandle } from '../../db/create-db.ts';
import { rechain } from './archive-forgery.ts';
import { archiveDoc, type ArchiveDoc } from './archive-doc.ts';
import {
  api,
  exampleEvent,
  freshTestDb,
  importAndOpen,
  refusalOf,
  startTestServer,
  uuid,
  type Reply,
  type TestServer,
} from './harness.ts';
import type { ArchiveImportResponse } from '../../shared/backups-api.ts';
import type { AuditVerification } from '../../shared/admin-api.ts';
import type { MarkResponse, MarksResponse } from '../../shared/api.ts';
import { contestDay } from './backup-fixture.ts';
import { expectRefusal } from './fuzz/expect.ts';

let source: TestServer;
let target: TestServer;
let targetDb: DbHandle;
let dropTarget: () => Promise<void> = async () => {};
let template: ArchiveDoc;
/** A judge marking another event on the target database all along. */
let live: { mark(): Promise<Reply<MarkResponse>> };

beforeAll(async () => {
  source = await startTestServer();
  ({ db: targetDb, drop: dropTarget } = await freshTestDb('archive_hostile'));
  target = await startTestServer({ db: targetDb });
  const day = await contestDay(source);
  const headers = { authorization: `Bearer ${source.adminToken}` };
  const res = await fetch(`${source.url}/api/v1/events/${day.id}/archive`, { headers });
  template = archiveDoc(new Uint8Array(await res.arrayBuffer()));

  const file = exampleEvent('new-economy-contest');
  const ev = await importAndOpen(target, file);
  const courier = ev.contestId('courier');
  const judge = api(target.url, await ev.judgeToken('c-timer'));
  let n = 0;
  live = {
    mark: () => {
      const contestant = file.contests[0]!.contestants[n++ % 20]!.bib;
      return judge.post<MarkResponse>(`/contests/${courier}/marks`, {
        contestant,
        criterion: 'exam',
        value: 80,
        clientId: uuid(),
      });
    },
  };
  expect((await live.mark()).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await source?.stop();
  await target?.stop();
  await targetDb?.close();
  await dropTarget();
});

const post = (doc: unknown) =>
  fetch(`${target.url}/api/v1/events/archive`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', authorization: `Bearer ${target.adminToken}` },
    body: gzipSync(JSON.stringify(doc)),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as ArchiveImportResponse }));

/** Ten marks on the other event, each stored, with ids of this database's own sequence. */
async function markingStillWorks() {
  for (let i = 0; i < 12; i++) {
    const r = await live.mark();
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Number(r.body.mark.id)).toBeLessThan(1_000_000);
  }
}

type Mutation = [string, (doc: ArchiveDoc) => void, { path: string; code: string }];
const firstMark = (doc: ArchiveDoc, criterion: string) => doc.tables.marks.findIndex((m) => m.criterion === criterion);
const costly = `$argon2id$v=19$m=4194304,t=100,p=1$c2FsdHNhbHRzYWx0$${'A'.repeat(43)}`;
const stranger = (d: ArchiveDoc) => ({
  contest_id: d.tables.contests[0]!.id,
  bib: 'X-999',
  name: '<img src=x>',
  organisation: 'nowhere',
  station: null,
  status: 'active',
  position: 99,
});

const MUTATIONS: Mutation[] = [
  [
    'an unknown contest state',
    (d) => (d.tables.contests[1]!.state = 'paused'),
    { path: 'tables.contests[1].state', code: 'one_of' },
  ],
  [
    'an unknown state in a state change',
    (d) => (d.tables.contest_states[0]!.to_state = 'frozen'),
    { path: 'tables.contest_states[0].to_state', code: 'one_of' },
  ],
  [
    'state changes against the lifecycle',
    (d) => Object.assign(d.tables.contest_states[0]!, { from_state: 'setup', to_state: 'published' }),
    { path: 'tables.contest_states[0]', code: 'archive_bad_transition' },
  ],
  [
    'a state its changes never reached',
    (d) => (d.tables.contests[1]!.state = 'review'),
    { path: 'tables.contests[1].state', code: 'archive_state_history' },
  ],
  [
    'a contestant row the event file does not have',
    (d) => d.tables.contestants.push(stranger(d)),
    { path: 'tables.contestants[34]', code: 'archive_not_in_file' },
  ],
  [
    'a contestant row that differs from the event file',
    (d) => (d.tables.contestants[0]!.organisation = 'nowhere'),
    { path: 'tables.contestants[0].organisation', code: 'archive_not_in_file' },
  ],
  [
    'an event file that breaks its own rules',
    (d) => {
      const people = d.tables.events[0]!.file.contests[0]!.contestants;
      people[1]!.bib = people[0]!.bib;
    },
    { path: 'tables.events[0].file.contests[0].contestants[1].bib', code: 'duplicate' },
  ],
  [
    'a mark value its criterion refuses',
    (d) => (d.tables.marks[firstMark(d, 'exam')]!.value = 1000),
    { path: 'tables.marks[{exam}].value', code: 'value_range' },
  ],
  [
    'a mark for nobody',
    (d) => (d.tables.marks[0]!.contestant = 'NOPE'),
    { path: 'tables.marks[0].contestant', code: 'unknown_contestant' },
  ],
  [
    'a mark by nobody',
    (d) => (d.tables.marks[0]!.judge = 'ghost'),
    { path: 'tables.marks[0].judge', code: 'unknown_judge' },
  ],
  [
    'a mark ahead of its contest',
    (d) => (d.tables.marks[0]!.seq = 1_000_000),
    { path: 'tables.marks[0].seq', code: 'archive_seq_ahead' },
  ],
  [
    'a time that never was',
    (d) => (d.tables.marks[0]!.received_at = '2024-02-31T10:00:00Z'),
    { path: 'tables.marks[0].received_at', code: 'invalid' },
  ],
  [
    'an audit head ahead of the log',
    (d) => (d.tables.events[0]!.audit_seq += 5),
    { path: 'tables.events[0].audit_seq', code: 'archive_audit_chain' },
  ],
  [
    'a PIN hash that costs 4 GB to check',
    (d) => (d.tables.judges[0]!.pin_hash = costly),
    { path: 'tables.judges[0].pin_hash', code: 'archive_pin_hash' },
  ],
  [
    'an id this server never makes',
    (d) => (d.tables.judges[0]!.id = '../../j'),
    { path: 'tables.judges[0].id', code: 'archive_bad_id' },
  ],
  [
    'a certificate signature of another shape',
    (d) => (d.tables.certificates[0]!.signature = 'x'.repeat(5000)),
    { path: 'tables.certificates[0].signature', code: 'bad_format' },
  ],
  [
    'a certification whose digest lies',
    (d) => (d.tables.certifications[0]!.digest = '0'.repeat(64)),
    { path: 'tables.certifications[0].digest', code: 'archive_digest' },
  ],
];

describe('archives that break a rule of the API', () => {
  it.each(MUTATIONS)('%s: 400 with the issue at its row, nothing stored', async (_, mutate, want) => {
    const doc = structuredClone(template);
    mutate(doc);
    const r = await post(doc);
    expectRefusal(r, 400);
    const refusal = refusalOf(r);
    expect(refusal).toMatchObject({ code: 'validation_failed', params: { reason: 'archive' } });
    const path = want.path.replace('{exam}', String(firstMark(doc, 'exam')));
    expect(refusal.issues).toContainEqual(expect.objectContaining({ path, code: want.code }));
    expect((await api(target.url, target.adminToken).get(`/events/${doc.event}`)).status).toBe(404);
  });

  it('marking on the other event goes on after every refusal', markingStillWorks);
});

// Last: it imports the template's event, which the refusals above must not find stored.
describe('mark ids from another database', () => {
  it('ids up to 2^53 are kept as the marks’ origin, never taken: the chain verifies and marking goes on', async () => {
    const doc = structuredClone(template);
    const huge = new Map<string, number>();
    const marks = doc.tables.marks.sort((x, y) => x.id - y.id);
    marks.forEach((m, i) => {
      const id = Number.MAX_SAFE_INTEGER - (marks.length - 1 - i);
      huge.set(String(m.id), id);
      m.id = id;
    });
    rechain(doc, (row, data) => {
      if (row.kind === 'mark') data.id = String(huge.get(data.id as string));
    });
    const imported = await post(doc);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
    expect(imported.body.audit).toMatchObject({ ok: true });

    const admin = api(target.url, target.adminToken);
    const stored = (await admin.get<MarksResponse>(`/contests/${doc.tables.contests[0]!.id}/marks`)).body.marks;
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.every((m) => Number(m.id) < 1_000_000)).toBe(true);
    await markingStillWorks();
    expect((await admin.get<AuditVerification>(`/events/${doc.event}/audit/verify`)).body.ok).toBe(true);
  });
});
