// Noto Sans SC (regular and bold) for PDFs: Chinese renders without any system font. The TTF files
// (about 10 MB each) are read once per process; pdfkit embeds only the glyphs a document uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/noto-sans-sc';

let fonts: { regular: Buffer; bold: Buffer } | null = null;

function load(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve(`${PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`)),
  };
  return fonts;
}

export const REGULAR = 'NotoSansSC';
export const BOLD = 'NotoSansSC-Bold';

/** Registers both weights on a document and selects the regular one. */
export function useChineseFonts(doc: PDFKit.PDFDocument): void {
  const f = load();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
  doc.font(REGULAR);
}
