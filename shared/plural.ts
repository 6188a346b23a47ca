// Plural forms by Intl.PluralRules, one rules object per locale: the web catalogues' {n, plural, …}
// (web/src/lib/i18n/message-format.ts) and the server's English messages and logs choose here.
const rules = new Map<string, Intl.PluralRules>();

/** The plural category of `n` in `locale`: 'one' for 1 in English; Chinese has only 'other'. */
export function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return r.select(n);
}

/** "1 problem", "2 problems": a count in an English message or log line. */
export function counted(n: number, one: string, other: string): string {
  return `${n} ${pluralCategory('en', n) === 'one' ? one : other}`;
}
