// Award certificates (荣誉证书), one A4 landscape page per winner of the latest certification:
// red and gold frame, the winner's name and award, the certification date, and the verification
// code with a QR code of its public /verify page (CONTRACT §10).
import { formatScore } from '../../shared/scoring/format.ts';
import type { CertificateRow, Certification } from './certified.ts';
import { LABELS, formatDate, type ExportLang } from './labels.ts';
import { BOLD, REGULAR } from './pdf-fonts.ts';
import { finish, fit, newDoc, place } from './pdf-doc.ts';
import { drawQr } from './pdf-qr.ts';

const PAGE = { width: 841.89, height: 595.28 };
const RED = '#b3121b';
const GOLD = '#c39a3a';
const PAPER = '#fffaf0';
const INK = '#1f1f1f';
const MUTED = '#6b5d4a';

export interface CertificateSheet {
  event: string;
  contest: string;
  certification: Certification;
  certificates: CertificateRow[];
  /** Base of the verification address, without a trailing slash. */
  publicUrl: string;
}

/** "ABCDE-FGHIJ": easier to read aloud and type; /verify accepts it with or without the dash. */
const grouped = (code: string) => code.match(/.{1,5}/g)?.join('-') ?? code;

// Office printers cannot print to the edge: the paper colour stops at the red frame's outer edge,
// 18.5 pt (6.5 mm) in, and leaves the sheet's own white beyond it (at least 5 mm everywhere).
const RED_AT = 22;
const RED_WIDTH = 7;
const PAPER_AT = RED_AT - RED_WIDTH / 2;

function frame(doc: PDFKit.PDFDocument): void {
  doc.rect(PAPER_AT, PAPER_AT, PAGE.width - 2 * PAPER_AT, PAGE.height - 2 * PAPER_AT).fill(PAPER);
  doc
    .rect(RED_AT, RED_AT, PAGE.width - 2 * RED_AT, PAGE.height - 2 * RED_AT)
    .lineWidth(RED_WIDTH)
    .strokeColor(RED)
    .stroke();
  doc
    .rect(34, 34, PAGE.width - 68, PAGE.height - 68)
    .lineWidth(1.6)
    .strokeColor(GOLD)
    .stroke();
  doc
    .rect(39, 39, PAGE.width - 78, PAGE.height - 78)
    .lineWidth(0.5)
    .strokeColor(GOLD)
    .stroke();
  // Gold diamonds at the inner corners.
  for (const [x, y] of [
    [34, 34],
    [PAGE.width - 34, 34],
    [34, PAGE.height - 34],
    [PAGE.width - 34, PAGE.height - 34],
  ] as const) {
    doc.polygon([x, y - 9], [x + 9, y], [x, y + 9], [x - 9, y]).fill(GOLD);
  }
}

function page(doc: PDFKit.PDFDocument, sheet: CertificateSheet, c: CertificateRow, lang: ExportLang): void {
  const l = LABELS[lang];
  const left = 90;
  const width = PAGE.width - 2 * left;
  frame(doc);

  doc
    .font(BOLD)
    .fontSize(lang === 'zh-CN' ? 46 : 38)
    .fillColor(RED);
  place(doc, l.certificateTitle, left, 70, { align: 'center', width, characterSpacing: lang === 'zh-CN' ? 18 : 2 });
  doc
    .moveTo(PAGE.width / 2 - 90, 136)
    .lineTo(PAGE.width / 2 + 90, 136)
    .lineWidth(1.5)
    .strokeColor(GOLD)
    .stroke();
  doc.circle(PAGE.width / 2, 136, 3).fill(GOLD);

  let y = 168;
  if (l.certificatePreamble) {
    doc.font(REGULAR).fontSize(14).fillColor(MUTED);
    place(doc, l.certificatePreamble, left, y - 8, { align: 'center', width });
    y += 20;
  }
  const name = fit(doc.font(BOLD), c.name, width, 34, 22);
  doc.fontSize(name.size).fillColor(INK);
  place(doc, name.text, left, y, { align: 'center', width });
  y += name.size * 1.5;
  const org = fit(doc.font(REGULAR), c.organisation, width, 15, 11);
  doc.fontSize(org.size).fillColor(MUTED);
  place(doc, org.text, left, y, { align: 'center', width });
  y += 40;

  const intro = fit(doc.font(REGULAR), l.certificateIntro(sheet.event, sheet.contest), width, 16, 11);
  doc.fontSize(intro.size).fillColor(INK);
  place(doc, intro.text, left, y, { align: 'center', width });
  y += 34;
  const award = fit(doc.font(BOLD), l.certificateAward(c.award), width, 34, 20);
  doc.fontSize(award.size).fillColor(RED);
  place(doc, award.text, left, y, { align: 'center', width });
  y += award.size * 1.6;
  doc.font(REGULAR).fontSize(12).fillColor(INK);
  place(doc, l.certificateScore(formatScore(c.total), c.rank), left, y, { align: 'center', width });

  // Bottom left: the QR code and the verification code; bottom right: organiser and date.
  const url = `${sheet.publicUrl}/verify/${c.code}`;
  const qr = 78;
  const qx = 76;
  const qy = PAGE.height - 76 - qr;
  doc.rect(qx - 5, qy - 5, qr + 10, qr + 10).fill('#ffffff');
  drawQr(doc, url, qx, qy, qr, '#1a1a1a');
  const tx = qx + qr + 14;
  doc.font(BOLD).fontSize(10).fillColor(MUTED);
  place(doc, l.verifyCode, tx, qy + 4);
  doc.font(BOLD).fontSize(15).fillColor(INK);
  place(doc, grouped(c.code), tx, qy + 20);
  doc.font(REGULAR).fontSize(8).fillColor(MUTED);
  place(doc, l.verifyHint, tx, qy + 46);
  place(doc, url, tx, qy + 58);

  // Issued by the event's organising committee, dated the day the results were certified.
  const rx = PAGE.width - 76 - 300;
  const issuer = fit(doc.font(BOLD), l.issuer(sheet.event), 300, 13, 9);
  doc.fontSize(issuer.size).fillColor(INK);
  place(doc, issuer.text, rx, qy + 30, { align: 'right', width: 300 });
  doc.font(REGULAR).fontSize(11).fillColor(INK);
  place(doc, `${l.certificateDate}${l.colon}${formatDate(lang, sheet.certification.certifiedAt)}`, rx, qy + 56, {
    align: 'right',
    width: 300,
  });
}

export async function certificatesPdf(sheet: CertificateSheet, lang: ExportLang): Promise<Uint8Array> {
  const doc = newDoc({
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${sheet.event} ${sheet.contest} ${LABELS[lang].certificateTitle}`, Creator: 'Jiangxin' },
  });
  for (const c of sheet.certificates) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    page(doc, sheet, c, lang);
  }
  return finish(doc);
}
