// Which locale to use: pure functions, so they can be tested without a browser.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Maps a tag such as "en-GB", "zh", "zh-Hans-CN" or "EN" to a supported locale. */
export function parseLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

/** ?lang= first, then the saved choice, then the first supported browser language, then zh-CN. */
export function resolveLocale(
  query: string | null | undefined,
  saved: string | null | undefined,
  browser: readonly string[] = [],
): Locale {
  const fromQuery = parseLocale(query);
  if (fromQuery) return fromQuery;
  const fromSaved = parseLocale(saved);
  if (fromSaved) return fromSaved;
  for (const tag of browser) {
    const locale = parseLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
