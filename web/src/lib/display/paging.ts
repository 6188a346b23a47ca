// Splitting a long list into screens that fit.

/** Rows of `pitch` px that fit in `height` px; at least `min`. */
export function rowsThatFit(height: number, pitch: number, min = 3): number {
  if (!(height > 0) || !(pitch > 0)) return min;
  return Math.max(min, Math.floor((height + 0.5) / pitch));
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

export function pageOf<T>(items: readonly T[], page: number, perPage: number): readonly T[] {
  const start = clampPage(page, items.length, perPage) * perPage;
  return items.slice(start, start + perPage);
}

export function clampPage(page: number, total: number, perPage: number): number {
  return Math.min(Math.max(0, page), pageCount(total, perPage) - 1);
}

/**
 * The pages a rotation turns to: those holding at least one item worth showing (a board leaves
 * out pages where nobody has a mark yet). Page 0 alone when no item is, so the screen still shows
 * who is waiting.
 */
export function pagesWorthShowing<T>(items: readonly T[], perPage: number, worth?: (item: T) => boolean): number[] {
  const count = pageCount(items.length, perPage);
  const size = Math.max(1, perPage);
  const pages: number[] = [];
  for (let p = 0; p < count; p++) {
    if (!worth || items.slice(p * size, (p + 1) * size).some(worth)) pages.push(p);
  }
  return pages.length > 0 ? pages : [0];
}

/** The page after `current` among `pages` (ascending); null after the last one. */
export function nextPage(pages: readonly number[], current: number): number | null {
  return pages.find((p) => p > current) ?? null;
}
