// The printed results sheet (成绩公报), A4 portrait: title, state and certification, the results
// table (header repeated on every page), signature lines for the chief judge and the organiser.
// Results that are not certified carry a diagonal "provisional" watermark on every page.
import { formatScore } from '../../shared/scoring/format.ts';
import type { Certification } from './certified.ts';
import { LABELS, formatTime, stateLabel, type ExportLang } from './labels.ts';
import { BOLD, REGULAR } from './pdf-fonts.ts';
import { finish, fit, newDoc, place } from './pdf-doc.ts';
import { resultsSheet, type Cell, type SheetColumn } from './sheets.ts';
import type { ContestExport } from './table.ts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 64, left: 50, right: 50 };
const INK = '#1a1a1a';
const MUTED = '#666666';
const ACCENT = '#a51d24';
const RULE = '#c9c9c9';
const BODY = 9;
const ROW_H = 18;
const HEAD_H = 32;
const PAD = 4;
// Names and organisations read from the left; codes, ranks and states sit centred, scores right.
const LEFT = new Set([2, 3]);

interface Col extends SheetColumn {
  index: number;
  width: number;
  x: number;
}

const isCertified = (exp: ContestExport) => exp.contest.state === 'certified' || exp.contest.state === 'published';

function show(v: Cell, col: SheetColumn): string {
  if (v === null) return '';
  if (typeof v === 'number') return col.kind === 'score' ? formatScore(v) : String(v);
  return v;
}

// A header may take two lines: Chinese breaks between any two characters, English between words.
const TOKENS = /[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+/g;

function headerWidth(doc: PDFKit.PDFDocument, header: string): number {
  const longest = Math.max(0, ...(header.match(TOKENS) ?? []).map((t) => doc.widthOfString(t)));
  return Math.max(longest, doc.widthOfString(header) / 2);
}

/** Column widths from their content, stretched or squeezed to the printable width. */
function layout(doc: PDFKit.PDFDocument, columns: SheetColumn[], rows: Cell[][], keep: number[]): Col[] {
  const avail = PAGE.width - MARGIN.left - MARGIN.right;
  const measure = (wrapHeaders: boolean) =>
    keep.map((i) => {
      const col = columns[i]!;
      // The total and the award (the last two columns) are drawn in bold: measure them so.
      doc.font(i >= columns.length - 2 ? BOLD : REGULAR).fontSize(BODY);
      const cells = Math.max(0, ...rows.map((r) => doc.widthOfString(show(r[i] ?? null, col))));
      doc.font(BOLD).fontSize(BODY);
      const head = wrapHeaders ? headerWidth(doc, col.header) : doc.widthOfString(col.header);
      return Math.max(cells, head, 18) + 2 * PAD;
    });
  // Headers on one line when everything fits that way, otherwise on two.
  let natural = measure(false);
  if (natural.reduce((a, b) => a + b, 0) > avail) natural = measure(true);
  const total = natural.reduce((a, b) => a + b, 0);
  // Text columns (names, organisations) take the slack or give up room; numbers keep theirs.
  const flexible = keep.map((i) => columns[i]!.kind === 'text');
  const flexTotal = natural.filter((_, j) => flexible[j]).reduce((a, b) => a + b, 0);
  const widths = natural.map((w, j) => (flexible[j] && flexTotal > 0 ? w + ((avail - total) * w) / flexTotal : w));
  let x = MARGIN.left;
  return keep.map((i, j) => {
    const col = { ...columns[i]!, index: i, width: widths[j]!, x };
    x += widths[j]!;
    return col;
  });
}

function watermark(doc: PDFKit.PDFDocument, text: string): void {
  doc.save();
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.font(BOLD).fontSize(64).fillColor(ACCENT).fillOpacity(0.1);
  place(doc, text, 0, PAGE.height / 2 - 40, { align: 'center', width: PAGE.width });
  doc.restore();
  doc.fillOpacity(1).fillColor(INK);
}

function tableHeader(doc: PDFKit.PDFDocument, cols: Col[], y: number): number {
  const right = cols[cols.length - 1]!.x + cols[cols.length - 1]!.width;
  doc.rect(MARGIN.left, y, right - MARGIN.left, HEAD_H).fill('#f1e9e0');
  doc.moveTo(MARGIN.left, y).lineTo(right, y).lineWidth(1).strokeColor(ACCENT).stroke();
  doc
    .moveTo(MARGIN.left, y + HEAD_H)
    .lineTo(right, y + HEAD_H)
    .lineWidth(0.75)
    .strokeColor(ACCENT)
    .stroke();
  doc
    .font(BOLD)
    .fontSize(BODY - 0.5)
    .fillColor(INK);
  for (const c of cols) {
    const lines = doc.heightOfString(c.header, { width: c.width - 2 * PAD }) > BODY * 1.6 ? 2 : 1;
    const top = y + (HEAD_H - lines * BODY * 1.25) / 2;
    doc.text(c.header, c.x + PAD, top, {
      width: c.width - 2 * PAD,
      align: 'center',
      height: HEAD_H,
      ellipsis: true,
      lineGap: -1,
    });
  }
  return y + HEAD_H;
}

// The award (last column) in red, the total just before it in bold.
function tableRow(
  doc: PDFKit.PDFDocument,
  cols: Col[],
  row: Cell[],
  y: number,
  zebra: boolean,
  awardIndex: number,
): void {
  const right = cols[cols.length - 1]!.x + cols[cols.length - 1]!.width;
  if (zebra) doc.rect(MARGIN.left, y, right - MARGIN.left, ROW_H).fill('#faf7f4');
  doc
    .moveTo(MARGIN.left, y + ROW_H)
    .lineTo(right, y + ROW_H)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();
  for (const c of cols) {
    const award = c.index === awardIndex && row[c.index] !== null;
    doc.font(award || c.index === awardIndex - 1 ? BOLD : REGULAR).fillColor(award ? ACCENT : INK);
    const { text, size } = fit(doc, show(row[c.index] ?? null, c), c.width - 2 * PAD, BODY);
    doc.fontSize(size);
    const align = LEFT.has(c.index) ? 'left' : c.kind === 'score' ? 'right' : 'center';
    place(doc, text, c.x + PAD, y + (ROW_H - size * 1.2) / 2, { align, width: c.width - 2 * PAD });
  }
  doc.fillColor(INK);
}

function titleBlock(
  doc: PDFKit.PDFDocument,
  exp: ContestExport,
  lang: ExportLang,
  cert: Certification | null,
  now: Date,
): number {
  const l = LABELS[lang];
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  let y = MARGIN.top;
  doc.font(BOLD).fillColor(INK);
  const ev = fit(doc, exp.event.name, width, 15, 10);
  doc.fontSize(ev.size);
  place(doc, ev.text, MARGIN.left, y, { align: 'center', width });
  y += ev.size * 1.6;
  const title = fit(doc, `${exp.contest.name} ${l.resultsTitle}`, width, 22, 14);
  doc.fontSize(title.size).fillColor(ACCENT);
  place(doc, title.text, MARGIN.left, y, { align: 'center', width, characterSpacing: lang === 'zh-CN' ? 2 : 0 });
  y += title.size * 1.5;
  doc
    .moveTo(MARGIN.left + width * 0.3, y)
    .lineTo(MARGIN.left + width * 0.7, y)
    .lineWidth(1.2)
    .strokeColor(ACCENT)
    .stroke();
  y += 14;
  doc.fillColor(INK).font(REGULAR).fontSize(9.5);
  const certified = isCertified(exp);
  const line = (label: string, value: string, color = INK, size = 9.5) => {
    doc.font(BOLD).fontSize(size).fillColor(MUTED);
    place(doc, `${label}${l.colon}`, MARGIN.left, y);
    const lw = doc.widthOfString(`${label}${l.colon}`);
    doc.font(REGULAR).fillColor(color);
    place(doc, value, MARGIN.left + lw, y);
    y += size * 1.7;
  };
  line(
    l.state,
    certified ? stateLabel(l, exp.contest.state) : `${stateLabel(l, exp.contest.state)} · ${l.provisional}`,
    certified ? INK : ACCENT,
  );
  if (certified && cert) {
    line(l.certifiedAt, formatTime(lang, cert.certifiedAt));
    line(l.digest, cert.digest, INK, 8.5);
  }
  line(l.generatedAt, formatTime(lang, now));
  if (!certified) {
    doc.font(REGULAR).fontSize(9).fillColor(ACCENT);
    place(doc, l.provisionalNote, MARGIN.left, y);
    y += 9 * 1.7;
  }
  doc.fillColor(INK);
  return y + 6;
}

function signatures(doc: PDFKit.PDFDocument, lang: ExportLang, y: number): void {
  const l = LABELS[lang];
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  const half = width / 2;
  const blocks = [
    { role: l.chiefJudge, how: l.signature },
    { role: l.organiser, how: l.seal },
  ];
  blocks.forEach((b, i) => {
    const x = MARGIN.left + i * half;
    doc.font(BOLD).fontSize(10.5).fillColor(INK);
    const label = lang === 'zh-CN' ? `${b.role}（${b.how}）：` : `${b.role} (${b.how}):`;
    place(doc, label, x, y);
    const lw = doc.widthOfString(label);
    doc
      .moveTo(x + lw + 4, y + 14)
      .lineTo(x + half - 24, y + 14)
      .lineWidth(0.6)
      .strokeColor(INK)
      .stroke();
    doc.font(REGULAR).fontSize(10.5);
    const date = lang === 'zh-CN' ? `${l.date}：` : `${l.date}:`;
    place(doc, date, x, y + 34);
    const dw = doc.widthOfString(date);
    if (lang === 'zh-CN') {
      // 年 月 日 with room to write the numbers in.
      place(doc, '        年      月      日', x + dw, y + 34);
    } else {
      doc
        .moveTo(x + dw + 4, y + 48)
        .lineTo(x + half - 24, y + 48)
        .lineWidth(0.6)
        .stroke();
    }
  });
}

function footers(doc: PDFKit.PDFDocument, exp: ContestExport, lang: ExportLang, cert: Certification | null): void {
  const l = LABELS[lang];
  const range = doc.bufferedPageRange();
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - MARGIN.bottom + 22;
    doc
      .moveTo(MARGIN.left, y - 8)
      .lineTo(PAGE.width - MARGIN.right, y - 8)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
    place(doc, `${exp.event.name} · ${exp.contest.name}`, MARGIN.left, y);
    place(doc, l.page(i - range.start + 1, range.count), MARGIN.left, y, { align: 'center', width });
    const tail = isCertified(exp) && cert ? `SHA-256 ${cert.digest.slice(0, 16)}…` : l.provisional;
    place(doc, tail, MARGIN.left, y, { align: 'right', width });
  }
  doc.fillColor(INK);
}

export async function resultsPdf(
  exp: ContestExport,
  lang: ExportLang,
  cert: Certification | null,
  now = new Date(),
): Promise<Uint8Array> {
  const l = LABELS[lang];
  const doc = newDoc({
    margins: MARGIN,
    info: { Title: `${exp.event.name} ${exp.contest.name} ${l.resultsTitle}`, Creator: 'Jiangxin' },
  });
  const provisional = !isCertified(exp);
  if (provisional) {
    watermark(doc, l.provisional);
    doc.on('pageAdded', () => watermark(doc, l.provisional));
  }
  const sheet = resultsSheet(exp, lang);
  // The station column only where the contest has stations.
  const stationIndex = 4;
  const keep = sheet.columns
    .map((_, i) => i)
    .filter((i) => i !== stationIndex || exp.rows.some((r) => r.station !== null));
  const cols = layout(doc, sheet.columns, sheet.rows, keep);
  const awardIndex = sheet.columns.length - 1;
  let y = titleBlock(doc, exp, lang, cert, now);
  y = tableHeader(doc, cols, y);
  const bottom = PAGE.height - MARGIN.bottom;
  sheet.rows.forEach((row, n) => {
    if (y + ROW_H > bottom) {
      doc.addPage();
      doc.font(REGULAR).fontSize(8).fillColor(MUTED);
      place(doc, `${exp.event.name} · ${exp.contest.name} ${l.resultsTitle}`, MARGIN.left, MARGIN.top - 4);
      y = tableHeader(doc, cols, MARGIN.top + 12);
    }
    tableRow(doc, cols, row, y, n % 2 === 1, awardIndex);
    y += ROW_H;
  });
  const SIGN_H = 52;
  if (y + 24 + SIGN_H > bottom) {
    doc.addPage();
    y = MARGIN.top;
  } else y += 24;
  signatures(doc, lang, y);
  footers(doc, exp, lang, cert);
  return finish(doc);
}
