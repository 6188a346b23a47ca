// File sizes for people: KB below a megabyte, MB with one decimal above.
import { formatNumber } from '$lib/i18n/index.ts';

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}
