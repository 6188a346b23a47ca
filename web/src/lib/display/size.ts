// How large the big screen's board is: the `?size=` of a display address, and the row pitch it scales.
//
// Why these sizes (issue 14: "readable at 20 m on an ordinary TV"). A 65″ 16:9 TV is 80.9 cm tall,
// so at 1080p one pixel is 0.75 mm (at 2160p the frame scales: the same sizes in mm). The rule of
// thumb "character height ≥ distance / 200" asks 100 mm at 20 m: 134 px of glyph, 8 lines of bare
// text on the whole screen, no header. Ten rows (what the issue asks for a page, so a contest of 20
// to 30 people is seen in two or three pages) cannot have that. The board therefore spends every pixel
// it can on rows and, in a row, on the three things read from afar: place, name, total.
// - The chrome shrinks to about 15 % of the height (one title line, QR 4.2 u, 1.8 u column headers,
//   a thin pager and footer); the rest is ten rows of 4 u (77 px at 1080p, a bit more once the rows
//   share the leftover height evenly).
// - In a row, the name is 3.4 u (65 px; the ink of Chinese characters measured 63 px = 47 mm: d/200
//   at 9.4 m, d/300 at 14 m, 8′ of arc at 20 m, 1.6 times the 5′ letter of 20/20 vision) and the
//   total 3.7 u (71 px, digits 54 px = 40 mm, the size a row allows). Organisation and sections stay
//   smaller (2.3 u): they are read from nearer, or on a phone.
// - Column headers go from 1.05 u to 1.8 u (35 px), on one line; a section name too long for its
//   column gets a letter, explained in a legend under the board.
// Halls that need more (20 m and beyond by the strict d/200 rule) say so in the address:
// `?size=l` (8 rows, 82 px names), `?size=xl` (6 rows, 98 px), or a factor such as `?size=1.8`;
// a small room shows more rows with `?size=s`. The chrome stays as it is; the board's type scales.
import { getContext, setContext } from 'svelte';

export const SIZES = { s: 0.8, m: 1, l: 1.25, xl: 1.5 } as const;
export const MIN_SIZE = 0.6;
export const MAX_SIZE = 2;

/** Height of a board row plus the gap to the next, in --u at size 1 (ten fit at 1080p). */
export const ROW_PITCH = 4;

/** The `?size=` of a display address as a factor of the default type: s, m, l, xl or a number. */
export function parseDisplaySize(params: URLSearchParams): number {
  const raw = params.get('size')?.trim().toLowerCase() ?? '';
  if (raw in SIZES) return SIZES[raw as keyof typeof SIZES];
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || n <= 0) return SIZES.m;
  return Math.min(MAX_SIZE, Math.max(MIN_SIZE, n));
}

/** Section columns that fit beside the names at this size (the names keep at least a third of the row). */
export function sectionColumnsAt(size: number): number {
  return size <= 1 ? 3 : size <= 1.3 ? 2 : 0;
}

const KEY = Symbol('display-size');

/** Called by the screen: its children read the size with displaySize(). */
export function provideDisplaySize(get: () => number): void {
  setContext(KEY, get);
}

/** Reads the screen's size factor (1 outside a screen); call while the component is created. */
export function displaySize(): () => number {
  return getContext<(() => number) | undefined>(KEY) ?? (() => 1);
}
