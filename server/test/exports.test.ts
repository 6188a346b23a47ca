// Result exports (CSV, XLSX, results PDF) and award certificates, checked against what the API
// itself says: the leaderboard, the team tables, the marks and the certification records.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readWorkbook as workbook } from './workbook.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates, certifications } from '../../db/schema/index.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { GLOSSARY } from '../../shared/glossary.ts';
import { criterionPoints } from '../../shared/scoring/criterion.ts';
import { round2 } from '../../shared/scoring/round.ts';
import type { ScoringMark } from '../../shared/scoring/types.ts';
import { planFor, seededRng, simulated, valueFor } from '../demo/marks.ts';
import { api, exampleEvent, importAndOpen, startTestServer, type TestServer, refusalOf, issuesOf } from './harness.ts';
import type { Leaderboard, MarksResponse, TeamsResponse, BatchResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

type Ev = Awaited<ReturnType<typeof importAndOpen>>;

/** Imports the demo event, opens it, and has every judge of `code` mark every contestant. */
async function scored(code = 'courier', edit: (f: EventFile) => void = () => {}) {
  const file = exampleEvent('new-economy-contest');
  edit(file);
  const ev = await importAndOpen(s, file);
  const def = file.contests.find((c) => c.code === code)!;
  const id = ev.contestId(code);
  for (const judge of def.judges.filter(simulated)) {
    const rng = seededRng(7 + judge.code.length * 31 + judge.code.charCodeAt(judge.code.length - 1));
    const marks = planFor(def, judge).map((t) => ({
      contestant: t.contestant,
      criterion: t.criterion.code,
      clientId: crypto.randomUUID(),
      value: valueFor(t, { judge: judge.code, rng }),
    }));
    const res = await api(s.url, await ev.judgeToken(judge.code)).post<BatchResponse>(`/contests/${id}/marks/batch`, {
      marks,
    });
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== 201)).toEqual([]);
  }
  const orgName = new Map(file.organisations.map((o) => [o.code, o.name]));
  return { ev, file, def, id, orgName };
}

async function download(path: string, token?: string) {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function board(ev: Ev, id: string) {
  const r = await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`);
  expect(r.status).toBe(200);
  return r.body;
}

/** A sheet as header names and rows of plain values. */
function table(ws: ExcelJS.Worksheet) {
  const values = (r: ExcelJS.Row) =>
    (r.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === undefined ? null : v));
  const header = values(ws.getRow(1)) as string[];
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 2; i <= ws.rowCount; i++) rows.push(values(ws.getRow(i)));
  const at = (row: ExcelJS.CellValue[], name: string) => {
    const i = header.indexOf(name);
    expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
    return row[i] ?? null;
  };
  return { header, rows, at };
}

/** RFC 4180: quoted fields, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') {
      (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    } else field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** Resolves any flag, closes and certifies the contest as the organiser. */
async function certify(ev: Ev, id: string, def: EventFile['contests'][number]) {
  expect((await ev.admin.post(`/contests/${id}/state`, { to: 'review' })).status).toBe(200);
  const judged = def.sections.flatMap((x) => x.criteria).filter((k) => k.kind === 'judgement');
  for (const row of (await board(ev, id)).rows.filter((r) => r.flagged)) {
    for (const k of judged)
      await ev.admin.post(`/contests/${id}/flags`, {
        contestant: row.bib,
        criterion: k.code,
        reason: '裁判组合议确认',
      });
  }
  const r = await ev.admin.post(`/contests/${id}/state`, { to: 'certified' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('contest exports', () => {
  it('XLSX results, criterion points and teams equal the leaderboard, the marks and the team table', async () => {
    const { ev, def, id, orgName } = await scored();
    const res = await download(`/contests/${id}/export.xlsx`, s.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toContain('attachment;');
    expect(cd).toContain('filename="courier-results.xlsx"');
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('快递员-成绩.xlsx')}`);
    const wb = await workbook(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['成绩', '评分明细', '团体']);

    const lb = await board(ev, id);
    const results = wb.getWorksheet('成绩')!;
    expect(results.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(results.getRow(1).font?.bold).toBe(true);
    const t = table(results);
    expect(t.rows).toHaveLength(lb.rows.length);
    lb.rows.forEach((b, i) => {
      const row = t.rows[i]!;
      expect(t.at(row, '名次')).toBe(b.rank);
      expect(t.at(row, '参赛号')).toBe(b.bib);
      expect(t.at(row, '姓名')).toBe(b.name);
      expect(t.at(row, '单位')).toBe(orgName.get(b.organisation));
      expect(t.at(row, '总分')).toBe(b.total);
      expect(t.at(row, '奖项')).toBe(b.award);
      for (const sec of def.sections) expect(t.at(row, sec.name)).toBe(b.sections[sec.code]);
    });
    // Scores are numbers shown with two decimals.
    const totalCol = t.header.indexOf('总分') + 1;
    expect(typeof results.getRow(2).getCell(totalCol).value).toBe('number');
    expect(results.getRow(2).getCell(totalCol).numFmt).toBe('0.00');
    expect(lb.rows.filter((r) => r.award).length).toBeGreaterThan(0);

    // Teams: the same as GET /events/:id/teams for this contest, with organisation names.
    const teams = (await ev.admin.get<TeamsResponse>(`/events/${ev.id}/teams`)).body.contests.courier!;
    const tt = table(wb.getWorksheet('团体')!);
    expect(tt.rows).toEqual(teams.map((x) => [x.rank, orgName.get(x.organisation), x.score]));

    // Criterion points: the newest counted revision of each judge, and the engine's points for them.
    const all = (await ev.admin.get<MarksResponse>(`/contests/${id}/marks`)).body.marks;
    const newest = new Map<string, (typeof all)[number]>();
    for (const m of all.filter((x) => !x.shadow)) {
      const key = `${m.contestant}|${m.criterion}|${m.judge}`;
      const old = newest.get(key);
      if (!old || m.revision > old.revision) newest.set(key, m);
    }
    const pt = table(wb.getWorksheet('评分明细')!);
    expect(pt.rows.map((r) => pt.at(r, '参赛号'))).toEqual(lb.rows.map((r) => r.bib));
    for (const row of pt.rows) {
      const bib = pt.at(row, '参赛号');
      const sectionsOf = lb.rows.find((r) => r.bib === bib)!.sections;
      for (const sec of def.sections) {
        let sum = 0;
        let max = 0;
        for (const k of sec.criteria) {
          const marks = [...newest.values()].filter((m) => m.contestant === bib && m.criterion === k.code);
          const scoring: ScoringMark[] = marks.map((m) => ({ ...m, order: m.seq }));
          const expected = round2(criterionPoints(k, scoring).points);
          const points = pt.at(row, `${k.name} 得分`);
          expect(points, `${bib} ${k.code}`).toBe(k.kind === 'deduction' ? -expected || 0 : expected);
          const raw = pt.at(row, `${k.name} 原始值`);
          if (k.kind === 'judgement') {
            const text = marks
              .sort((a, b) => (a.judge < b.judge ? -1 : 1))
              .map((m) => `${m.judge}: ${m.value}`)
              .join('; ');
            expect(raw).toBe(text);
          } else {
            const last = marks.sort((a, b) => b.seq - a.seq)[0];
            const value =
              last === undefined
                ? null
                : typeof last.value === 'boolean'
                  ? last.value
                    ? '合格'
                    : '不合格'
                  : last.value;
            expect(raw, `${bib} ${k.code}`).toBe(value);
          }
          sum += Number(points);
          if (k.kind !== 'deduction') max += k.max;
        }
        // The section score is the clamped sum of its points (SCORING §4), within rounding.
        expect(Math.abs(Math.min(Math.max(sum, 0), max) - sectionsOf[sec.code]!)).toBeLessThanOrEqual(
          0.01 * sec.criteria.length,
        );
      }
    }
  });

  it('CSV: UTF-8 with BOM, RFC 4180, one row per contestant equal to the leaderboard; English headers on request', async () => {
    // A name with quotes and a comma, and an organisation name a spreadsheet would run as a formula.
    const { ev, def, id, orgName } = await scored('rider', (f) => {
      f.contests[1]!.contestants[0]!.name = '王"小",明';
      f.organisations.find((o) => o.code === 'ml')!.name = '=1+2 美联外卖';
    });
    const res = await download(`/contests/${id}/export.csv`, s.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('外卖送餐员-成绩.csv')}`,
    );
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(res.bytes.slice(3)));
    const [header, ...body] = rows;
    expect(header).toEqual([
      '名次',
      '参赛号',
      '姓名',
      '单位',
      '工位',
      '状态',
      ...def.sections.map((x) => x.name),
      '总分',
      '奖项',
    ]);
    const lb = await board(ev, id);
    expect(body).toHaveLength(lb.rows.length);
    expect(lb.rows.map((r) => r.name)).toContain('王"小",明');
    expect(new TextDecoder().decode(res.bytes)).toContain('"王""小"",明"');
    lb.rows.forEach((b, i) => {
      const r = body[i]!;
      const col = (name: string) => r[header!.indexOf(name)]!;
      expect(col('名次')).toBe(b.rank === null ? '' : String(b.rank));
      expect(col('参赛号')).toBe(b.bib);
      expect(col('姓名')).toBe(b.name);
      const org = orgName.get(b.organisation)!;
      expect(col('单位')).toBe(org.startsWith('=') ? `'${org}` : org);
      expect(Number(col('总分'))).toBe(b.total);
      expect(col('奖项')).toBe(b.award ?? '');
      for (const sec of def.sections) expect(Number(col(sec.name))).toBe(b.sections[sec.code]);
    });

    const en = await download(`/contests/${id}/export.csv?lang=en`, s.adminToken);
    expect(en.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('外卖送餐员-results.csv')}`,
    );
    expect(parseCsv(new TextDecoder().decode(en.bytes.slice(3)))[0]!.slice(0, 6)).toEqual([
      'Rank',
      'Bib',
      'Name',
      'Organisation',
      'Station',
      'Status',
    ]);
    const xlsx = await workbook((await download(`/contests/${id}/export.xlsx?lang=en`, s.adminToken)).bytes);
    expect(xlsx.worksheets.map((w) => w.name)).toEqual(['Results', 'Criterion points', 'Teams']);

    const bad = await api(s.url, s.adminToken).get(`/contests/${id}/export.csv?lang=fr`);
    expect(bad.status).toBe(400);
    expect(issuesOf(bad)[0]!.path).toBe('lang');
  });

  it('results PDF: Chinese names, signature lines and a provisional mark before certification', async () => {
    const { ev, id } = await scored();
    const res = await download(`/contests/${id}/results.pdf`, s.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('快递员-成绩.pdf')}`,
    );
    const text = (await pdfPages(res.bytes)).join('\n');
    expect(text).toContain('兴化市首届新业态群体技能竞赛');
    expect(text).toContain('快递员');
    const lb = await board(ev, id);
    for (const r of lb.rows.slice(0, 5)) expect(text).toContain(r.name);
    expect(text).toContain(lb.rows.at(-1)!.name);
    // The screens' words (shared/glossary.ts): 裁判长, 主办方, 评分中 · 未确认（临时）.
    const words = GLOSSARY['zh-CN'];
    expect(text).toContain(words.role.chiefJudge);
    expect(text).toContain(words.role.organiser);
    expect(text).toContain(`${words.state.scoring} · ${words.certification.provisional}`);
    expect(text).not.toContain('SHA-256');
  });

  it('blind contests: the chief judge sees stations before certification, organisers see names', async () => {
    const { ev, id } = await scored('courier', (f) => {
      f.contests[0]!.blind = true;
    });
    const chief = await ev.judgeToken('c-chief');
    const lb = await board(ev, id);
    const chiefBook = await workbook((await download(`/contests/${id}/export.xlsx`, chief)).bytes);
    const asChief = table(chiefBook.getWorksheet('成绩')!);
    const asOrganiser = table(
      (await workbook((await download(`/contests/${id}/export.xlsx`, s.adminToken)).bytes)).getWorksheet('成绩')!,
    );
    lb.rows.forEach((b, i) => {
      expect(asChief.at(asChief.rows[i]!, '参赛号')).toBe(b.station);
      expect(asChief.at(asChief.rows[i]!, '姓名')).toBe(b.station);
      expect(asChief.at(asChief.rows[i]!, '单位')).toBe(b.station);
      expect(asOrganiser.at(asOrganiser.rows[i]!, '姓名')).toBe(b.name);
    });
    // Team scores are sums of the totals beside the stations: they would tie stations to organisations.
    expect(table(chiefBook.getWorksheet('团体')!).rows).toEqual([]);
    expect(table(chiefBook.getWorksheet('评分明细')!).rows.flat()).not.toContain(lb.rows[0]!.bib);
    const pdf = (await pdfPages((await download(`/contests/${id}/results.pdf`, chief)).bytes)).join('\n');
    expect(pdf).not.toContain(lb.rows[0]!.name);
    expect(pdf).toContain(lb.rows[0]!.station);
  });

  it('who may export: organisers, and the chief judge for its own contest only; 401, 403, 404, 409', async () => {
    const { ev, id } = await scored('courier');
    const rider = ev.contestId('rider');
    const chief = await ev.judgeToken('c-chief');
    const judge = await ev.judgeToken('c-j2');
    for (const path of ['export.csv', 'export.xlsx', 'results.pdf', 'certificates.pdf']) {
      const anon = await api(s.url).get(`/contests/${id}/${path}`);
      expect(anon.status, path).toBe(401);
      expect(refusalOf(anon).code).toBe('unauthorized');
      expect((await api(s.url, judge).get(`/contests/${id}/${path}`)).status, path).toBe(403);
      expect((await api(s.url, chief).get(`/contests/${rider}/${path}`)).status, path).toBe(403);
      const unknown = await api(s.url, s.adminToken).get(`/contests/nope/${path}`);
      expect(unknown.status, path).toBe(404);
      expect(refusalOf(unknown).code).toBe('not_found');
    }
    for (const path of ['export.csv', 'export.xlsx', 'results.pdf'])
      expect((await download(`/contests/${id}/${path}`, chief)).status, path).toBe(200);
    const early = await api(s.url, s.adminToken).get(`/contests/${id}/certificates.pdf`);
    expect(early.status).toBe(409);
    expect(refusalOf(early).message).toMatch(/no certified results/);
    for (const path of ['export.csv', 'export.xlsx']) {
      expect((await api(s.url).get(`/events/${ev.id}/${path}`)).status).toBe(401);
      expect((await api(s.url, chief).get(`/events/${ev.id}/${path}`)).status).toBe(403);
      expect((await api(s.url, s.adminToken).get(`/events/nope/${path}`)).status).toBe(404);
    }
  });
});

describe('event exports', () => {
  it('one results sheet per contest and the event team ranking; CSV with every contest', async () => {
    const { ev, file, orgName } = await scored('courier');
    const res = await download(`/events/${ev.id}/export.xlsx`, s.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${file.name}-成绩.xlsx`)}`,
    );
    const wb = await workbook(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...file.contests.map((c) => c.name), '团体总分']);
    for (const c of file.contests) {
      const lb = await board(ev, ev.contestId(c.code));
      const t = table(wb.getWorksheet(c.name)!);
      expect(t.rows.map((r) => [t.at(r, '名次'), t.at(r, '参赛号'), t.at(r, '总分'), t.at(r, '奖项')])).toEqual(
        lb.rows.map((r) => [r.rank, r.bib, r.total, r.award]),
      );
    }
    const teams = (await ev.admin.get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    const tt = table(wb.getWorksheet('团体总分')!);
    expect(tt.rows.map((r) => [tt.at(r, '团体名次'), tt.at(r, '代表队'), tt.at(r, '团体总分')])).toEqual(
      teams.overall.map((o) => [o.rank, orgName.get(o.organisation), o.score]),
    );

    const csv = await download(`/events/${ev.id}/export.csv`, s.adminToken);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(csv.bytes.slice(3)));
    expect(header![0]).toBe('赛项');
    for (const c of file.contests) {
      const lb = await board(ev, ev.contestId(c.code));
      const mine = rows.filter((r) => r[0] === c.name);
      expect(mine.map((r) => [r[header!.indexOf('参赛号')], Number(r[header!.indexOf('总分')])])).toEqual(
        lb.rows.map((r) => [r.bib, r.total]),
      );
    }
    expect(rows).toHaveLength(file.contests.reduce((n, c) => n + c.contestants.length, 0));
  });
});

describe('after certification', () => {
  it('certificates: one page per award winner with name and code; the results PDF shows the digest', async () => {
    const { ev, def, id } = await scored('courier');
    await certify(ev, id, def);
    const lb = await board(ev, id);
    const winners = lb.rows.filter((r) => r.award !== null);
    expect(winners.length).toBeGreaterThan(0);
    const [cert] = await s.db.db.select().from(certifications).where(eq(certifications.contestId, id));
    const codes = await s.db.db.select().from(certificates).where(eq(certificates.certificationId, cert!.id));
    expect(codes).toHaveLength(winners.length);

    const res = await download(`/contests/${id}/certificates.pdf`, s.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('快递员-获奖证书.pdf')}`,
    );
    const pages = await pdfPages(res.bytes);
    expect(pages).toHaveLength(winners.length);
    for (const w of winners) {
      const code = codes.find((c) => c.bib === w.bib)!.code;
      const page = pages.filter((p) => p.includes(code));
      expect(page, w.bib).toHaveLength(1);
      expect(page[0]).toContain(w.name);
      expect(page[0]).toContain(`荣获 ${w.award}`);
      expect(page[0]).toContain(`/verify/${code}`);
    }
    const en = await pdfPages((await download(`/contests/${id}/certificates.pdf?lang=en`, s.adminToken)).bytes);
    expect(en[0]).toContain('Certificate of Award');

    // The chief judge may print them too; another contest's chief judge may not.
    expect((await download(`/contests/${id}/certificates.pdf`, await ev.judgeToken('c-chief'))).status).toBe(200);

    const text = (await pdfPages((await download(`/contests/${id}/results.pdf`, s.adminToken)).bytes)).join('\n');
    expect(text).toContain(cert!.digest);
    expect(text).toContain(GLOSSARY['zh-CN'].state.certified);
    expect(text).not.toContain(GLOSSARY['zh-CN'].certification.provisional);

    // Reopened for an amendment: the old certificates are no longer printed.
    expect((await ev.admin.post(`/contests/${id}/state`, { to: 'review', reason: '复核' })).status).toBe(200);
    const reopened = await api(s.url, s.adminToken).get(`/contests/${id}/certificates.pdf`);
    expect(reopened.status).toBe(409);
    expect(refusalOf(reopened).message).toMatch(/certify it again/);
  });
});
