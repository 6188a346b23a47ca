// The current locale as reactive state. One instance for the whole app (client only: ssr = false).
import { DEFAULT_LOCALE, parseLocale, resolveLocale, type Locale } from './locale.ts';

const STORAGE_KEY = 'jiangxin.lang';

function readSaved(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (private mode, kiosk policies)
  }
}

class I18nState {
  locale = $state<Locale>(DEFAULT_LOCALE);

  /** Picks the locale once at start-up from the address, the saved choice and the browser. */
  init(url: URL): void {
    const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
    this.locale = resolveLocale(url.searchParams.get('lang'), readSaved(), browser);
  }

  /** A ?lang= in the address wins on every page, without becoming the saved choice. */
  followUrl(url: URL): void {
    const fromQuery = parseLocale(url.searchParams.get('lang'));
    if (fromQuery) this.locale = fromQuery;
  }

  /** The user's explicit choice: applied at once and remembered on this device. */
  choose(locale: Locale): void {
    this.locale = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // not saved; the choice still holds for this visit
    }
  }
}

export const i18n = new I18nState();
