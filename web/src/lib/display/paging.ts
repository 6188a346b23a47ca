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
