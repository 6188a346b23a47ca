// A QR code drawn as vector rectangles (uqr, as web/src/lib/display/qr.ts does for screens):
// sharp at any print resolution, and no image library needed.
import { encode } from 'uqr';

/** Draws `text` as a QR code of `size` points with its top-left corner at (x, y), in `color`. */
export function drawQr(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  size: number,
  color = '#000000',
): void {
  const { data, size: n } = encode(text, { ecc: 'M', border: 0 });
  const unit = size / n;
  doc.save();
  for (let row = 0; row < n; row++) {
    const line = data[row] ?? [];
    for (let col = 0; col < n; col++) {
      if (!line[col]) continue;
      // One rectangle per run of dark modules: no hairline gaps between neighbours when printed.
      let run = 1;
      while (col + run < n && line[col + run]) run++;
      doc.rect(x + col * unit, y + row * unit, run * unit, unit);
      col += run - 1;
    }
  }
  doc.fillColor(color).fill();
  doc.restore();
}
