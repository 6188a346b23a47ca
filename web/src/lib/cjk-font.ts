// The bundled Chinese web font (Noto Sans SC, ~60 KB per glyph subset, often 0.5–1 MB per page) is
// for kiosks and screen PCs without a Chinese font. Phones all have one, and on a weak connection
// the download (and the re-layout when it arrives) costs more than it gives; so the font's CSS is
// fetched only where the device cannot draw Chinese by itself.

let requested = false;

/** Whether this device lacks a font for Chinese (true when it cannot tell). */
export function lacksCjkFont(): boolean {
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return true;
    ctx.font = '48px sans-serif';
    ctx.textBaseline = 'alphabetic';
    const draw = (text: string) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.fillText(text, 4, 52);
      return { pixels: ctx.getImageData(0, 0, 64, 64).data, width: ctx.measureText(text).width };
    };
    const han = draw('匠');
    // A code point no font has (plane 15, private use): what "missing glyph" looks like here.
    const missing = draw('\u{F0000}');
    const inked = han.pixels.some((v, i) => i % 4 === 3 && v > 0);
    if (!inked || han.pixels.every((v, i) => v === missing.pixels[i])) return true;
    // A real Han glyph is one em wide; a "missing glyph" box with hex digits (some browsers) is not.
    return Math.abs(han.width - 48) > 4;
  } catch {
    return true;
  }
}

/** Loads the web font's stylesheet once, when the device needs it (or `force`, e.g. the big screen). */
export function loadCjkFont(force = false): void {
  if (requested || typeof document === 'undefined') return;
  if (!force && !lacksCjkFont()) return;
  requested = true;
  void import('@fontsource-variable/noto-sans-sc');
}
