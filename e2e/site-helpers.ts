// Reading printed addresses the way a phone does: decoding the QR code drawn on a page (a screenshot
// of the element) or on a PDF page (rendered by pdftoppm), and setting the organiser's public address.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { APIRequestContext, Locator } from '@playwright/test';

/** The text of the QR code in a PNG image (null when there is none to read). */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** The text of the QR code an element shows, read from its screenshot. */
export async function qrOf(element: Locator): Promise<string | null> {
  return decodeQr(await element.screenshot());
}

/** The text of the QR code on the first page of a PDF, rendered at `dpi` (pdftoppm, poppler-utils). */
export function qrOfPdf(pdf: Buffer, dpi = 150): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'jx-pdf-'));
  try {
    const [pdfFile, pngStem] = [join(dir, 'doc.pdf'), join(dir, 'page')];
    writeFileSync(pdfFile, pdf);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdfFile, pngStem]);
    return decodeQr(readFileSync(join(dir, 'page.png')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sets the organiser's choice of public address (null: back to automatic). */
export async function choosePublicUrl(request: APIRequestContext, token: string, url: string | null): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const res =
    url === null
      ? await request.delete('/api/v1/site/public-url', { headers })
      : await request.put('/api/v1/site/public-url', { headers, data: { url } });
  if (!res.ok()) throw new Error(`public address ${url}: ${res.status()} ${await res.text()}`);
}
