// A small subset of ICU MessageFormat for the catalogues: {name}, and
//   {count, plural, one {# entry} other {# entries}}   (Intl.PluralRules; =0 exact matches; # is the number)
//   {kind, select, judges {…} other {…}}               (a missing value picks `none`, else `other`)
// so wordings agree with numbers in every language instead of writing "(s)". Branches may nest.
import { pluralCategory } from '$shared/plural.ts';

export type Shown = (name: string, raw: unknown) => string;

interface Branches {
  name: string;
  type: 'plural' | 'select';
  options: Map<string, string>;
}

/** The index just past the brace that closes the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** `name, plural, one {…} other {…}` (the inside of a placeholder), or null for a plain `{name}`. */
function parseBranches(inside: string): Branches | null {
  const m = /^\s*(\w+)\s*,\s*(plural|select)\s*,/.exec(inside);
  if (!m) return null;
  const options = new Map<string, string>();
  let rest = inside.slice(m[0].length);
  for (;;) {
    const key = /^\s*(=?[\w-]+)\s*\{/.exec(rest);
    if (!key) break;
    const open = key[0].length - 1;
    const end = closing(rest, open);
    if (end < 0) break;
    options.set(key[1]!, rest.slice(open + 1, end - 1));
    rest = rest.slice(end);
  }
  return { name: m[1]!, type: m[2] as Branches['type'], options };
}

function choose(b: Branches, raw: unknown, locale: string): string {
  if (b.type === 'select') {
    const key = raw === undefined || raw === null ? 'none' : String(raw);
    return b.options.get(key) ?? b.options.get('other') ?? '';
  }
  const n = Number(raw);
  return b.options.get(`=${n}`) ?? b.options.get(pluralCategory(locale, n)) ?? b.options.get('other') ?? '';
}

/** The names of the params a message refers to (plain placeholders, plural and select), sorted, once each. */
export function placeholderNames(template: string): string[] {
  const names = new Set<string>();
  const walk = (text: string) => {
    for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i)) {
      const end = closing(text, i);
      if (end < 0) return;
      const inside = text.slice(i + 1, end - 1);
      const branches = parseBranches(inside);
      if (branches) {
        names.add(branches.name);
        branches.options.forEach(walk);
      } else names.add(inside.trim());
      i = end;
    }
  };
  walk(template);
  return [...names].sort();
}

/**
 * The message with its placeholders filled. `shown` turns a param into text (numbers by locale …);
 * a placeholder whose param is missing stays as written, so a wrong catalogue entry shows itself.
 */
export function formatMessage(
  template: string,
  params: Readonly<Record<string, unknown>>,
  locale: string,
  shown: Shown,
  pluralValue?: string,
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '#' && pluralValue !== undefined) {
      out += pluralValue;
      i++;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    const end = closing(template, i);
    if (end < 0) {
      out += template.slice(i);
      break;
    }
    const inside = template.slice(i + 1, end - 1);
    const branches = parseBranches(inside);
    if (branches) {
      const raw = params[branches.name];
      const branch = choose(branches, raw, locale);
      const hash = branches.type === 'plural' ? shown(branches.name, raw) : pluralValue;
      out += formatMessage(branch, params, locale, shown, hash);
    } else {
      const name = inside.trim();
      const given = Object.hasOwn(params, name) && params[name] !== undefined;
      out += given ? shown(name, params[name]) : template.slice(i, end);
    }
    i = end;
  }
  return out;
}
