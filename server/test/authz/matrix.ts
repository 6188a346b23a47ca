// The authorization matrix: every HTTP endpoint of the app × every kind of caller → what the caller
// gets. One table, read by authz.test.ts, which fails when a registered route has no row here or a
// row names a route that no longer exists. Each case says which stage of the small event it needs
// (fixture.ts), how to call it as each role with a body valid for the roles allowed, and whether
// the call changes the event for good (then every allowed role gets a fixture of its own).
import { snapshotName } from '../../backup/names.ts';
import { uuid } from '../harness.ts';
import { smallEvent, type Fixture, type Role, type Stage } from './fixture.ts';

/** 'ok': 2xx. 'itemsRefused': a batch answered 200 with every entry refused with 403. */
export type Outcome = 'ok' | 401 | 403 | 404 | 409 | 'itemsRefused';
export type Cells = Record<Role, Outcome>;

export interface Call {
  path: string; // from the server root: /api/v1/…, /healthz, /metrics
  body?: unknown;
  raw?: { bytes: Uint8Array; type: string };
}

export interface Case {
  name: string;
  /** the event's stage; 'backups' and 'archive' are the certified stage with snapshots / a removed event */
  stage: Stage | 'backups' | 'archive';
  /** fresh: the call changes the event for good, so each allowed role gets its own fixture */
  fixture: 'shared' | 'fresh';
  /** the call ends the session it is made with: each role signs in anew for it */
  freshSession?: boolean;
  cells: Cells | ((db: 'embedded' | 'postgres') => Cells);
  call(f: Fixture, role: Role): Call;
}

export interface Row {
  route: string; // "METHOD /pattern", exactly as the app registers it
  cases: Case[];
}

const ALL_JUDGES = { judge: 403, otherJudge: 403, shadow: 403 } as const;
export const everyone: Cells = {
  anonymous: 'ok',
  judge: 'ok',
  otherJudge: 'ok',
  shadow: 'ok',
  chief: 'ok',
  organiser: 'ok',
};
export const signedIn: Cells = { ...everyone, anonymous: 401 };
export const organiserOnly: Cells = { anonymous: 401, ...ALL_JUDGES, chief: 403, organiser: 'ok' };
export const chiefOrOrganiser: Cells = { ...organiserOnly, chief: 'ok' };
const judgesOnly: Cells = { ...signedIn, organiser: 403 };
const markers: Cells = { anonymous: 401, judge: 'ok', otherJudge: 403, shadow: 'ok', chief: 'ok', organiser: 'ok' };
/** Before the contest starts only organisers see its board. */
const organiserBoard: Cells = { anonymous: 403, judge: 403, otherJudge: 403, shadow: 403, chief: 403, organiser: 'ok' };

const read = (path: (f: Fixture) => string, cells: Cells, stage: Case['stage'] = 'certified', name = 'read'): Case => ({
  name,
  stage,
  fixture: 'shared',
  cells,
  call: (f) => ({ path: path(f) }),
});
const write = (
  c: Omit<Case, 'call'> & { path: (f: Fixture) => string; body: (f: Fixture, role: Role) => unknown },
): Case => ({
  ...c,
  call: (f, role) => ({ path: c.path(f), body: c.body(f, role) }),
});

const V = '/api/v1';
const ev =
  (rest = '') =>
  (f: Fixture) =>
    `${V}/events/${f.eventId}${rest}`;
const lathe =
  (rest = '') =>
  (f: Fixture) =>
    `${V}/contests/${f.lathe}${rest}`;
const csv = (lines: string[]) => lines.join('\n');
/** An installation public key (shape only) that the matrix trusts and untrusts. */
const MATRIX_KEY = 'authz-matrix-key_0123456789abcdefghijklmnop';

export const MATRIX: Row[] = [
  // Operations and the site (outside /api/v1/auth's reach: nothing to sign in for).
  { route: 'GET /healthz', cases: [read(() => '/healthz', everyone)] },
  // Route names, counts and timings: organisers, or a scraper with METRICS_TOKEN (metrics-access.test.ts).
  { route: 'GET /metrics', cases: [read(() => '/metrics', organiserOnly)] },
  { route: 'GET /api/v1/site', cases: [read(() => `${V}/site`, everyone)] },
  // The installation's public address: the organiser's choice, then back to automatic (the row below).
  {
    route: 'PUT /api/v1/site/public-url',
    cases: [
      write({
        name: 'choose the public address',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: () => `${V}/site/public-url`,
        body: () => ({ url: 'http://192.0.2.81:3000' }),
      }),
    ],
  },
  {
    route: 'DELETE /api/v1/site/public-url',
    cases: [
      write({
        name: 'back to the detected address',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: () => `${V}/site/public-url`,
        body: () => undefined,
      }),
    ],
  },
  // The installation's signing key and the installations it trusts: trust a key, then untrust it (the row below).
  { route: 'GET /api/v1/installation', cases: [read(() => `${V}/installation`, organiserOnly)] },
  {
    route: 'POST /api/v1/installation/trusted-keys',
    cases: [
      write({
        name: 'trust a key',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: () => `${V}/installation/trusted-keys`,
        body: () => ({ publicKey: MATRIX_KEY, name: 'matrix' }),
      }),
    ],
  },
  {
    route: 'DELETE /api/v1/installation/trusted-keys/:key',
    cases: [
      write({
        name: 'untrust it',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: () => `${V}/installation/trusted-keys/${MATRIX_KEY}`,
        body: () => undefined,
      }),
    ],
  },

  // Signing in and out.
  {
    route: 'POST /api/v1/auth/login',
    cases: [
      write({
        name: 'sign in',
        stage: 'certified',
        fixture: 'shared',
        cells: everyone,
        path: () => `${V}/auth/login`,
        body: () => ({ username: 'admin', password: 'test-admin-password' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/auth/judge',
    cases: [
      write({
        name: 'judge sign-in',
        stage: 'certified',
        fixture: 'shared',
        cells: everyone,
        path: () => `${V}/auth/judge`,
        body: (f) => ({ event: f.eventId, judge: 'a-judge', pin: '482913' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/auth/logout',
    cases: [
      write({
        name: 'sign out',
        stage: 'certified',
        fixture: 'shared',
        freshSession: true,
        cells: signedIn,
        path: () => `${V}/auth/logout`,
        body: () => ({}),
      }),
    ],
  },
  { route: 'GET /api/v1/auth/me', cases: [read(() => `${V}/auth/me`, signedIn)] },

  // Events.
  { route: 'GET /api/v1/events', cases: [read(() => `${V}/events`, everyone)] },
  {
    route: 'POST /api/v1/events',
    cases: [
      write({
        name: 'import an event',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        // Named after the fixture and caller, so a refused import would be found (other test files share the database).
        path: () => `${V}/events`,
        body: (f, role) => smallEvent(`${f.eventId}-${role}`),
      }),
    ],
  },
  { route: 'GET /api/v1/events/:id', cases: [read(ev(), everyone)] },
  {
    route: 'PUT /api/v1/events/:id',
    cases: [
      write({
        name: 'edit the event',
        stage: 'setup',
        fixture: 'fresh',
        cells: organiserOnly,
        path: ev(),
        body: () => ({ ...smallEvent(), name: '改名后的赛事' }),
      }),
    ],
  },
  { route: 'GET /api/v1/events/:id/file', cases: [read(ev('/file'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/teams', cases: [read(ev('/teams'), everyone)] },
  { route: 'GET /api/v1/events/:id/audit', cases: [read(ev('/audit'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/audit/verify', cases: [read(ev('/audit/verify'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/overview', cases: [read(ev('/overview'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/settings', cases: [read(ev('/settings'), organiserOnly)] },
  {
    route: 'PUT /api/v1/events/:id/settings',
    cases: [
      write({
        name: 'appeal window',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: ev('/settings'),
        body: () => ({ appealWindowMinutes: 77 }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/events/:id/roster/preview',
    cases: [
      write({
        name: 'preview a roster',
        stage: 'setup',
        fixture: 'shared',
        cells: organiserOnly,
        path: ev('/roster/preview'),
        body: () => ({
          contest: 'lathe',
          kind: 'contestants',
          format: 'csv',
          mode: 'merge',
          content: csv(['bib,name,organisation', 'A03,吴刚,north']),
        }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/events/:id/roster/import',
    cases: [
      write({
        name: 'import a roster',
        stage: 'setup',
        fixture: 'fresh',
        cells: organiserOnly,
        path: ev('/roster/import'),
        body: () => ({
          contest: 'lathe',
          kind: 'contestants',
          format: 'csv',
          mode: 'merge',
          content: csv(['bib,name,organisation', 'A03,吴刚,north']),
        }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/events/:id/judges/pins',
    cases: [
      write({
        name: 'new PINs',
        stage: 'scoring',
        fixture: 'fresh',
        cells: organiserOnly,
        path: ev('/judges/pins'),
        body: () => ({ judges: ['a-judge'] }),
      }),
    ],
  },
  { route: 'GET /api/v1/events/:id/appeals', cases: [read(ev('/appeals'), chiefOrOrganiser)] },
  { route: 'GET /api/v1/events/:id/export.csv', cases: [read(ev('/export.csv'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/export.xlsx', cases: [read(ev('/export.xlsx'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/archive', cases: [read(ev('/archive'), organiserOnly)] },
  { route: 'GET /api/v1/events/:id/origin', cases: [read(ev('/origin'), organiserOnly)] },
  {
    route: 'POST /api/v1/events/archive',
    cases: [
      {
        name: 'import an archive',
        stage: 'archive',
        fixture: 'fresh',
        cells: organiserOnly,
        call: (f) => ({ path: `${V}/events/archive`, raw: { bytes: f.archive!, type: 'application/gzip' } }),
      },
    ],
  },

  // Contests.
  { route: 'GET /api/v1/contests/:id', cases: [read(lathe(), everyone), read(lathe(), everyone, 'setup', 'in setup')] },
  {
    route: 'GET /api/v1/contests/:id/leaderboard',
    cases: [read(lathe('/leaderboard'), everyone), read(lathe('/leaderboard'), organiserBoard, 'setup', 'in setup')],
  },
  {
    route: 'POST /api/v1/contests/:id/state',
    cases: [
      write({
        name: 'open marking',
        stage: 'setup',
        fixture: 'fresh',
        cells: organiserOnly,
        path: lathe('/state'),
        body: () => ({ to: 'scoring' }),
      }),
      write({
        name: 'close marking',
        stage: 'scoring',
        fixture: 'fresh',
        cells: chiefOrOrganiser,
        path: lathe('/state'),
        body: () => ({ to: 'review' }),
      }),
      write({
        name: 'certify',
        stage: 'review',
        fixture: 'fresh',
        cells: chiefOrOrganiser,
        path: lathe('/state'),
        body: () => ({ to: 'certified' }),
      }),
      write({
        name: 'publish',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: lathe('/state'),
        body: () => ({ to: 'published' }),
      }),
      write({
        name: 'reopen certified results',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: lathe('/state'),
        body: () => ({ to: 'review', reason: '申诉复核' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/contests/:id/flags',
    cases: [
      write({
        name: 'accept a flag',
        stage: 'scoring',
        fixture: 'fresh',
        cells: chiefOrOrganiser,
        path: lathe('/flags'),
        body: () => ({ contestant: 'A01', criterion: 'craft', reason: '裁判组合议确认' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/contests/:id/freeze',
    cases: [
      write({
        name: 'freeze',
        stage: 'scoring',
        fixture: 'fresh',
        cells: organiserOnly,
        path: lathe('/freeze'),
        body: () => ({ frozen: true }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/contests/:id/marks',
    cases: [
      write({
        name: 'mark in scoring',
        stage: 'scoring',
        fixture: 'shared',
        cells: markers,
        path: lathe('/marks'),
        body: () => ({ contestant: 'A02', criterion: 'exam', value: 61, clientId: uuid() }),
      }),
      // In review only the chief judge and organisers correct (CONTRACT §5); other judges of the contest get 409.
      write({
        name: 'correct in review',
        stage: 'review',
        fixture: 'shared',
        cells: { ...markers, judge: 409, shadow: 409 },
        path: lathe('/marks'),
        body: () => ({ contestant: 'A02', criterion: 'exam', value: 62, clientId: uuid(), reason: '复核更正' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/contests/:id/marks/batch',
    cases: [
      write({
        name: 'batch in scoring',
        stage: 'scoring',
        fixture: 'shared',
        // Each entry is judged alone (CONTRACT §6): a judge of another contest gets every entry refused.
        cells: { ...markers, otherJudge: 'itemsRefused' },
        path: lathe('/marks/batch'),
        body: () => ({ marks: [{ contestant: 'A02', criterion: 'exam', value: 63, clientId: uuid() }] }),
      }),
    ],
  },
  { route: 'GET /api/v1/contests/:id/marks', cases: [read(lathe('/marks'), chiefOrOrganiser)] },
  { route: 'GET /api/v1/contests/:id/progress', cases: [read(lathe('/progress'), chiefOrOrganiser)] },
  {
    route: 'POST /api/v1/contests/:id/remarks',
    cases: [
      write({
        name: 'ask to mark again',
        stage: 'scoring',
        fixture: 'shared',
        cells: chiefOrOrganiser,
        path: lathe('/remarks'),
        body: () => ({ contestant: 'A01', criterion: 'craft', reason: '请重新评分' }),
      }),
    ],
  },
  { route: 'GET /api/v1/judge/sheet', cases: [read(() => `${V}/judge/sheet`, judgesOnly, 'scoring')] },

  // Certification, certificates, verification.
  // Before publication the certified results are for the insiders only (anyone gets them once published).
  {
    route: 'GET /api/v1/contests/:id/certification',
    cases: [read(lathe('/certification'), { ...chiefOrOrganiser, anonymous: 403 })],
  },
  { route: 'GET /api/v1/contests/:id/certificates', cases: [read(lathe('/certificates'), organiserOnly)] },
  // One contestant's certificate: like the certification, insiders only until the contest is published
  // (contestant-certificate.test.ts: anyone once published).
  {
    route: 'GET /api/v1/contests/:id/certificates/:bib',
    cases: [read(lathe('/certificates/A01'), { ...chiefOrOrganiser, anonymous: 403 })],
  },
  { route: 'GET /api/v1/verify/:code', cases: [read((f) => `${V}/verify/${f.certificateCode}`, everyone)] },

  // Appeals.
  {
    route: 'POST /api/v1/contests/:id/appeals',
    cases: [
      write({
        name: 'record an appeal',
        stage: 'certified',
        fixture: 'shared',
        cells: chiefOrOrganiser,
        path: lathe('/appeals'),
        body: () => ({ contestant: 'A01', criterion: 'craft', text: '对工艺评分有异议' }),
      }),
    ],
  },
  { route: 'GET /api/v1/contests/:id/appeals', cases: [read(lathe('/appeals'), chiefOrOrganiser)] },
  {
    route: 'POST /api/v1/appeals/:id/decision',
    cases: [
      write({
        name: 'decide an appeal',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: (f) => `${V}/appeals/${f.appealId}/decision`,
        body: () => ({ decision: 'rejected', reason: '评分符合标准' }),
      }),
    ],
  },

  // Downloads.
  { route: 'GET /api/v1/contests/:id/export.csv', cases: [read(lathe('/export.csv'), chiefOrOrganiser)] },
  { route: 'GET /api/v1/contests/:id/export.xlsx', cases: [read(lathe('/export.xlsx'), chiefOrOrganiser)] },
  { route: 'GET /api/v1/contests/:id/results.pdf', cases: [read(lathe('/results.pdf'), chiefOrOrganiser)] },
  { route: 'GET /api/v1/contests/:id/certificates.pdf', cases: [read(lathe('/certificates.pdf'), chiefOrOrganiser)] },

  // The big screens and announcements (issue 14): the organiser's console; anyone reads the announcements.
  { route: 'GET /api/v1/events/:id/screens', cases: [read(ev('/screens'), organiserOnly)] },
  {
    route: 'PUT /api/v1/events/:id/screens/:screen/mode',
    cases: [
      write({
        name: 'set a mode',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: (f) => ev(`/screens/${f.screenId}/mode`)(f),
        body: () => ({ mode: { kind: 'blank' } }),
      }),
    ],
  },
  {
    route: 'PUT /api/v1/events/:id/screens/:screen/name',
    cases: [
      write({
        name: 'name a screen',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: (f) => ev(`/screens/${f.screenId}/name`)(f),
        body: () => ({ name: '主屏' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/events/:id/screens/:screen/reveal',
    cases: [
      write({
        name: 'step a reveal',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: (f) => ev(`/screens/${f.revealScreenId}/reveal`)(f),
        body: () => ({ action: 'next' }),
      }),
    ],
  },
  {
    route: 'POST /api/v1/events/:id/screens/:screen/identify',
    cases: [
      write({
        name: 'identify a screen',
        stage: 'certified',
        fixture: 'shared',
        cells: organiserOnly,
        path: (f) => ev(`/screens/${f.screenId}/identify`)(f),
        body: () => ({}),
      }),
    ],
  },
  {
    route: 'DELETE /api/v1/events/:id/screens/:screen',
    cases: [
      write({
        name: 'forget a screen',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: (f) => ev(`/screens/${f.screenId}`)(f),
        body: () => undefined,
      }),
    ],
  },
  { route: 'GET /api/v1/events/:id/announcements', cases: [read(ev('/announcements'), everyone)] },
  {
    route: 'POST /api/v1/events/:id/announcements',
    cases: [
      write({
        name: 'announce',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: ev('/announcements'),
        body: () => ({ text: '颁奖典礼 16:00 开始' }),
      }),
    ],
  },
  {
    route: 'DELETE /api/v1/events/:id/announcements/:announcement',
    cases: [
      write({
        name: 'withdraw an announcement',
        stage: 'certified',
        fixture: 'fresh',
        cells: organiserOnly,
        path: (f) => ev(`/announcements/${f.announcementId}`)(f),
        body: () => undefined,
      }),
    ],
  },

  // Snapshots of the embedded database: with PostgreSQL they are off (409 to take one, no file to fetch).
  { route: 'GET /api/v1/backups', cases: [read(() => `${V}/backups`, organiserOnly, 'backups')] },
  {
    route: 'POST /api/v1/backups',
    cases: [
      write({
        name: 'take a snapshot',
        stage: 'backups',
        fixture: 'shared',
        cells: (db) => ({ ...organiserOnly, organiser: db === 'postgres' ? 409 : 'ok' }),
        path: () => `${V}/backups`,
        body: () => ({}),
      }),
    ],
  },
  {
    route: 'GET /api/v1/backups/:file',
    cases: [
      {
        name: 'read',
        stage: 'backups',
        fixture: 'shared',
        cells: (db) => ({ ...organiserOnly, organiser: db === 'postgres' ? 404 : 'ok' }),
        call: (f) => ({ path: `${V}/backups/${f.snapshot ?? snapshotName(new Date(0), 'manual')}` }),
      },
    ],
  },
];
