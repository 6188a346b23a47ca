// Shared pieces of the PDF documents: creation with the Chinese fonts, collecting the output,
// and fitting a string into a width (smaller type, then an ellipsis) so cells never wrap.
import PDFDocument from 'pdfkit';
import { useChineseFonts } from './pdf-fonts.ts';

export function newDoc(opts: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', bufferPages: true, ...opts });
  useChineseFonts(doc);
  return doc;
}

/** Ends the document and returns its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/** The largest size ≤ `size` (down to `min`) at which `text` fits `width`, and the text to print. */
export function fit(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  size: number,
  min = size * 0.75,
): { text: string; size: number } {
  doc.fontSize(size);
  const natural = doc.widthOfString(text);
  if (natural <= width) return { text, size };
  // A hair under the exact ratio: at exactly width / natural, rounding can leave it a fraction too wide.
  const scaled = Math.max(min, (size * width * 0.995) / natural);
  doc.fontSize(scaled);
  if (doc.widthOfString(text) <= width) return { text, size: scaled };
  const chars = [...text];
  while (chars.length > 1 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return { text: `${chars.join('')}…`, size: scaled };
}

/**
 * Writes one line without pdfkit's automatic page breaks (footers, fixed layouts). With `align`,
 * `x` is the left edge of a box of `width` and the line is placed inside it by measuring it.
 */
export function place(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  opts: { align?: 'left' | 'center' | 'right'; width?: number; characterSpacing?: number } = {},
): void {
  const spacing = opts.characterSpacing ?? 0;
  const w = doc.widthOfString(text, { characterSpacing: spacing });
  const box = opts.width ?? w;
  const left = opts.align === 'center' ? x + (box - w) / 2 : opts.align === 'right' ? x + box - w : x;
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, left, y, { lineBreak: false, characterSpacing: spacing });
  doc.page.margins.bottom = bottom;
}
