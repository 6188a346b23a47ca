// Downloads of results: CSV, XLSX and the printed PDF per contest, CSV and XLSX per event, and the
// award certificates of a contest's latest certification. Mounted at /api/v1.
import { Hono, type Context } from 'hono';
import { refuse } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import { contestViewer, eventViewer } from '../exports/access.ts';
import { certificatesOf, latestCertification } from '../exports/certified.ts';
import { certificatesPdf } from '../exports/certificates-pdf.ts';
import { toCsv } from '../exports/csv.ts';
import { attachment, CONTENT_TYPES } from '../exports/disposition.ts';
import { exportLang, type ExportLang } from '../exports/labels.ts';
import { resultsPdf } from '../exports/results-pdf.ts';
import { eventResultsSheet, eventTeamsSheet, pointsSheet, resultsSheet, teamsSheet } from '../exports/sheets.ts';
import { contestExport, eventExport } from '../exports/table.ts';
import { toXlsx } from '../exports/xlsx.ts';

type Kind = keyof typeof CONTENT_TYPES;

const SUFFIX = {
  'zh-CN': { results: '成绩', certificates: '获奖证书' },
  en: { results: 'results', certificates: 'certificates' },
};

function download(c: Context<AppEnv>, body: Uint8Array | string, kind: Kind, name: string, ascii: string) {
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'Content-Type': CONTENT_TYPES[kind],
    'Content-Disposition': attachment(`${name}.${kind}`, `${ascii}.${kind}`),
    'Cache-Control': 'no-store',
  });
}

/** The contest's export for the caller, with the language and file names it is sent under. */
async function forContest(c: Context<AppEnv>) {
  const lang = exportLang(c.req.query());
  const viewer = contestViewer(c.get('actor'), c.req.param('id')!);
  const exp = await contestExport(c.get('services'), c.req.param('id')!, viewer);
  const name = (what: 'results' | 'certificates') => `${exp.contest.name}-${SUFFIX[lang][what]}`;
  const ascii = (what: 'results' | 'certificates') => `${exp.contest.code}-${what}`;
  return { lang, exp, name, ascii };
}

async function forEvent(c: Context<AppEnv>) {
  const lang: ExportLang = exportLang(c.req.query());
  eventViewer(c.get('actor'));
  const ev = await eventExport(c.get('services'), c.get('actor'), c.req.param('id')!);
  return { lang, ev, name: `${ev.event.name}-${SUFFIX[lang].results}`, ascii: `event-${ev.event.id}-results` };
}

export const exportRoutes = new Hono<AppEnv>()
  .get('/contests/:id/export.csv', async (c) => {
    const { lang, exp, name, ascii } = await forContest(c);
    return download(c, toCsv(resultsSheet(exp, lang)), 'csv', name('results'), ascii('results'));
  })
  .get('/contests/:id/export.xlsx', async (c) => {
    const { lang, exp, name, ascii } = await forContest(c);
    const title = `${exp.event.name} ${exp.contest.name}`;
    const body = await toXlsx({
      title,
      sheets: [resultsSheet(exp, lang), pointsSheet(exp, lang), teamsSheet(exp, lang)],
    });
    return download(c, body, 'xlsx', name('results'), ascii('results'));
  })
  .get('/contests/:id/results.pdf', async (c) => {
    const { lang, exp, name, ascii } = await forContest(c);
    const cert = await latestCertification(c.get('services').db, exp.contest.id);
    return download(c, await resultsPdf(exp, lang, cert), 'pdf', name('results'), ascii('results'));
  })
  .get('/contests/:id/certificates.pdf', async (c) => {
    const { lang, exp, name, ascii } = await forContest(c);
    const s = c.get('services');
    const cert = await latestCertification(s.db, exp.contest.id);
    if (!cert) {
      const message = 'this contest has no certified results yet: certify it before printing certificates';
      throw refuse('conflict:not_certified', message);
    }
    // Reopened for an amendment: the last certificates may no longer match the results.
    if (exp.contest.state !== 'certified' && exp.contest.state !== 'published') {
      const state = exp.contest.state;
      const message =
        `the contest was reopened ("${state}") after its certification: ` +
        'certify it again before printing certificates';
      throw refuse('conflict:reopened', message, { state });
    }
    const certificates = await certificatesOf(s.db, cert.id);
    if (certificates.length === 0) {
      const message = 'the certified results have no award winners: there is no certificate to print';
      throw refuse('conflict:no_winners', message);
    }
    const publicUrl = await s.site.forPrinting(new URL(c.req.url).origin);
    const body = await certificatesPdf(
      { event: exp.event.name, contest: exp.contest.name, certification: cert, certificates, publicUrl },
      lang,
    );
    return download(c, body, 'pdf', name('certificates'), ascii('certificates'));
  })
  .get('/events/:id/export.csv', async (c) => {
    const { lang, ev, name, ascii } = await forEvent(c);
    return download(c, toCsv(eventResultsSheet(ev, lang)), 'csv', name, ascii);
  })
  .get('/events/:id/export.xlsx', async (c) => {
    const { lang, ev, name, ascii } = await forEvent(c);
    const sheets = [...ev.contests.map((x) => resultsSheet(x, lang, x.contest.name)), eventTeamsSheet(ev, lang)];
    const body = await toXlsx({ title: ev.event.name, sheets });
    return download(c, body, 'xlsx', name, ascii);
  });
