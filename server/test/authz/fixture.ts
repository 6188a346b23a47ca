// A small event for the authorization tests, brought to a given stage of its life: two contests
// (lathe: open, with a judging panel, a shadow and a chief; weld: blind), one organisation per
// side, and a signed-in caller for every role the matrix names.
import { api, uuid, type Reply, type TestServer } from '../harness.ts';
import type { EventFile } from '../../../shared/event-file/schema.ts';
import type { ImportResult, SessionResponse } from '../../../shared/api.ts';
import type { Appeal } from '../../../shared/appeals-api.ts';
import type { CertificatesResponse } from '../../../shared/certification-api.ts';
import type { Announcement } from '../../../shared/screens.ts';
import { registerScreen } from '../../domain/screens/screens.ts';

export const ROLES = ['anonymous', 'judge', 'otherJudge', 'shadow', 'chief', 'organiser'] as const;
export type Role = (typeof ROLES)[number];

/** The judge each role signs in as; the organiser is the test server's admin. */
export const JUDGE_OF: Record<Exclude<Role, 'anonymous' | 'organiser'>, string> = {
  judge: 'a-judge', // a judge of this contest (lathe)
  otherJudge: 'b-judge', // a judge of another contest (weld) of the same event
  shadow: 'a-shadow', // a trainee of this contest: marks are recorded, never counted
  chief: 'a-chief', // the chief judge of this contest
};

export const PINS: Record<string, string> = {
  'a-judge': '482913',
  'a-chief': '730215',
  'a-shadow': '615204',
  'b-judge': '903817',
  'b-chief': '274650',
};

export type Stage = 'setup' | 'scoring' | 'review' | 'certified';

let made = 0;

export function smallEvent(tag = `${Date.now()}-${++made}`): EventFile {
  const exam = { code: 'exam', name: '理论考试', kind: 'measurement', max: 100 } as const;
  return {
    format: 'jiangxin/event@1',
    name: `权限测试 ${tag}`,
    organisations: [
      { code: 'north', name: '北方机械厂' },
      { code: 'south', name: '南方电气公司' },
    ],
    contests: [
      {
        code: 'lathe',
        name: '车工',
        teamSize: 1,
        blind: false,
        awards: [{ name: '一等奖', ratio: 0.5 }],
        sections: [
          {
            code: 'main',
            name: '实际操作',
            weight: 1,
            criteria: [
              exam,
              { code: 'craft', name: '工艺', kind: 'judgement', max: 10, judges: 2, aggregate: 'mean', maxSpread: 2 },
            ],
          },
        ],
        contestants: [
          { bib: 'A01', name: '张伟', organisation: 'north' },
          { bib: 'A02', name: '李静', organisation: 'south' },
        ],
        judges: [
          { code: 'a-judge', name: '王建国', pin: PINS['a-judge'], criteria: '*' },
          { code: 'a-chief', name: '陈志强', pin: PINS['a-chief'], criteria: '*', chief: true },
          { code: 'a-shadow', name: '刘见习', pin: PINS['a-shadow'], criteria: '*', shadow: true },
        ],
      },
      {
        code: 'weld',
        name: '焊工',
        teamSize: 1,
        blind: true,
        awards: [{ name: '一等奖', ratio: 0.5 }],
        sections: [{ code: 'main', name: '实际操作', weight: 1, criteria: [exam] }],
        contestants: [
          { bib: 'B01', name: '赵强', organisation: 'north', station: 'S-01' },
          { bib: 'B02', name: '钱芳', organisation: 'south', station: 'S-02' },
        ],
        judges: [
          { code: 'b-judge', name: '孙立', pin: PINS['b-judge'], criteria: '*' },
          { code: 'b-chief', name: '周明', pin: PINS['b-chief'], criteria: '*', chief: true },
        ],
      },
    ],
  } as EventFile;
}

export interface Fixture {
  stage: Stage;
  eventId: string;
  lathe: string;
  weld: string;
  tokens: Record<Role, string | undefined>;
  /** a pending appeal (certified stage) */
  appealId?: string;
  /** a certificate's verification code (certified stage) */
  certificateCode?: string;
  /** a big screen of the event, and one showing the reveal of lathe (certified stage) */
  screenId?: string;
  revealScreenId?: string;
  /** an announcement showing (certified stage) */
  announcementId?: string;
  /** a snapshot's file name (backups group, embedded database) */
  snapshot?: string;
  /** an event archive whose event is not in the database (archive import group) */
  archive?: Uint8Array;
  /** the id of the event in `archive` */
  archivedEvent?: string;
  /** A new session for the role (for sign-out, which ends the session it is called with). */
  freshToken(role: Role): Promise<string | undefined>;
}

async function must<T>(what: string, p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function judgeToken(s: TestServer, eventId: string, code: string): Promise<string> {
  const r = await api(s.url).post<SessionResponse>('/auth/judge', { event: eventId, judge: code, pin: PINS[code] });
  if (r.status !== 200) throw new Error(`judge login ${code}: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/**
 * Imports a new small event and brings it to `stage`, with sessions for `roles` (every judge role
 * past setup: the fixture's own marks need them). Sign-ins cost an Argon2 check each, so a fixture
 * made for one caller signs in only that one.
 */
export async function makeFixture(s: TestServer, stage: Stage, roles: readonly Role[] = ROLES): Promise<Fixture> {
  const admin = api(s.url, s.adminToken);
  const ids = await must('import', admin.post<ImportResult>('/events', smallEvent()));
  const eventId = ids.id;
  const contest = (code: string) => ids.contests.find((c) => c.code === code)!.id;
  const lathe = contest('lathe');
  const weld = contest('weld');
  const tokens = { anonymous: undefined, organiser: s.adminToken } as Record<Role, string | undefined>;
  for (const [role, code] of Object.entries(JUDGE_OF)) {
    if (stage !== 'setup' || roles.includes(role as Role)) tokens[role as Role] = await judgeToken(s, eventId, code);
  }
  const freshToken = async (role: Role) => {
    if (role === 'anonymous') return undefined;
    if (role === 'organiser')
      return (
        await must(
          'login',
          api(s.url).post<SessionResponse>('/auth/login', { username: 'admin', password: 'test-admin-password' }),
        )
      ).token;
    return judgeToken(s, eventId, JUDGE_OF[role]);
  };
  const f: Fixture = { stage, eventId, lathe, weld, tokens, freshToken };
  if (stage === 'setup') return f;

  for (const id of [lathe, weld]) await must('open', admin.post(`/contests/${id}/state`, { to: 'scoring' }));
  const mark = (role: Role, contestId: string, contestant: string, criterion: string, value: number) =>
    must(
      `mark ${role}`,
      api(s.url, tokens[role]).post(`/contests/${contestId}/marks`, { contestant, criterion, value, clientId: uuid() }),
    );
  await mark('judge', lathe, 'A01', 'exam', 80);
  await mark('judge', lathe, 'A02', 'exam', 60);
  await mark('judge', lathe, 'A01', 'craft', 9);
  await mark('chief', lathe, 'A01', 'craft', 2); // 7 apart: flagged
  await mark('judge', lathe, 'A02', 'craft', 7);
  await mark('chief', lathe, 'A02', 'craft', 6);
  await mark('shadow', lathe, 'A01', 'craft', 5);
  await mark('otherJudge', weld, 'B01', 'exam', 70);
  if (stage === 'scoring') return f;

  await must(
    'flag',
    admin.post(`/contests/${lathe}/flags`, { contestant: 'A01', criterion: 'craft', reason: '裁判组合议确认' }),
  );
  await must('review', admin.post(`/contests/${lathe}/state`, { to: 'review' }));
  if (stage === 'review') return f;

  await must('certify', admin.post(`/contests/${lathe}/state`, { to: 'certified' }));
  f.appealId = (
    await must(
      'appeal',
      admin.post<Appeal>(`/contests/${lathe}/appeals`, { contestant: 'A02', text: '对工艺评分有异议' }),
    )
  ).id;
  const certs = await must('certificates', admin.get<CertificatesResponse>(`/contests/${lathe}/certificates`));
  f.certificateCode = certs.certificates[0]!.code;
  // Screens register when their page connects; here straight in the database, then set up as the console would.
  f.screenId = 'authz-screen-01';
  f.revealScreenId = 'authz-screen-02';
  for (const id of [f.screenId, f.revealScreenId]) await registerScreen(s.db.db, eventId, id);
  await must(
    'reveal',
    admin.call('PUT', `/events/${eventId}/screens/${f.revealScreenId}/mode`, {
      mode: { kind: 'reveal', contest: 'lathe' },
    }),
  );
  f.announcementId = (
    await must('announce', admin.post<Announcement>(`/events/${eventId}/announcements`, { text: '实操比赛 9:30 开始' }))
  ).id;
  return f;
}
