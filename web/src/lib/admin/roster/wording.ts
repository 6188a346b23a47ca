// Roster problems in the reader's language, worded from their stable code and params (CONTRACT §2,
// v1.1): the server's English `message` is for logs and never reaches the screen.
import { isMessageKey, t, type MessageKey, type MessageParams } from '$lib/i18n/index.ts';
import type { Organisation } from '$shared/event-file/schema.ts';
import type { RosterBody, RosterProblem, RosterProblemParams } from '$shared/roster-api.ts';
import type { NewOrganisationProblem } from '$shared/roster/organisations.ts';

type Kind = RosterBody['kind'];

/** The first of `keys` the catalogue has (a more precise wording before a general one). */
function firstKey(...keys: string[]): MessageKey {
  return (keys.find(isMessageKey) ?? 'editor.roster.problem.invalid') as MessageKey;
}

export const columnLabel = (column: string): string => {
  const key = `editor.roster.col.${column}`;
  return isMessageKey(key) ? t(key) : column;
};

export const listOf = (items: readonly string[]): string => items.join(t('editor.roster.listSep'));

export const organisationLabel = (o: Organisation): string => t('editor.roster.org', { name: o.name, code: o.code });

/** The event's organisations as a problem lists them, "… and 3 more" when it lists only some. */
export function organisationList(params: RosterProblemParams): string {
  const listed = (params.organisations ?? []).map(organisationLabel);
  return listOf(params.more ? [...listed, t('editor.roster.moreOrganisations', { n: params.more })] : listed);
}

/** Rows as a person reads them: "第 5、9 行", at most `max` of them and how many more. */
export function rowList(rows: readonly number[], max = 8): string {
  const shown = listOf(rows.slice(0, max).map(String));
  if (rows.length <= max) return t('editor.roster.rows', { rows: shown });
  return t('editor.roster.rowsMore', { rows: shown, n: rows.length - max });
}

// The pattern a column's values follow, for the wording of `invalid` with reason "format".
const FORMAT_OF: Record<string, string> = {
  bib: 'bib',
  station: 'bib',
  code: 'code',
  pin: 'pin',
  criteria: 'criteria',
};

const quoted = (names: readonly string[]) => listOf(names.map((n) => `“${n}”`));

export interface WordingOptions {
  /** unknown_organisation: list the event's organisations in the sentence (the table lists them once, apart) */
  listOrganisations?: boolean;
}

/** One roster problem as a sentence in the current language (the table puts the column's name before it). */
export function problemText(
  p: Pick<RosterProblem, 'code' | 'column' | 'value' | 'params'>,
  kind: Kind,
  opts: WordingOptions = {},
): string {
  const params = p.params ?? {};
  const base = `editor.roster.problem.${p.code}`;
  const values: MessageParams = { value: p.value };
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  switch (p.code) {
    case 'empty_file':
      return t('editor.roster.problem.empty_file', { names: listOf((params.names ?? []).map(columnLabel)) });
    case 'missing_column':
    case 'duplicate_column':
      return t(firstKey(base), {
        ...values,
        field: columnLabel(params.field ?? p.column),
        names: quoted(params.names ?? []),
      });
    case 'too_many_rows':
      return t(firstKey(`${base}.${kind}`), values);
    case 'invalid': {
      const reason = params.reason ?? '';
      const format = reason === 'format' ? [`${base}.format.${FORMAT_OF[p.column] ?? ''}`] : [];
      return t(firstKey(...format, `${base}.${reason}`, base), values);
    }
    case 'duplicate':
      return t(firstKey(`${base}.${params.reason ?? ''}`, base), values);
    case 'unknown_organisation':
      return t(firstKey(opts.listOrganisations ? `${base}.list` : base), { ...values, list: organisationList(params) });
    case 'ambiguous_organisation':
      return t(firstKey(base), { ...values, list: organisationList(params) });
    case 'unknown_criterion':
      return t(firstKey(base), { ...values, criteria: listOf(params.criteria ?? []) });
    default:
      return t(firstKey(base), values);
  }
}

/** What is wrong with an organisation the organiser is about to add. */
export function newOrganisationText(p: NewOrganisationProblem): string {
  const value = String(p.params.value ?? '');
  switch (p.code) {
    case 'bad_format':
      return t('editor.roster.orgs.badCode');
    case 'duplicate':
      return p.field === 'code'
        ? t('editor.roster.orgs.codeTaken', { value, holder: p.holder?.name ?? '' })
        : t('editor.roster.orgs.nameTaken', { value, holder: p.holder ? organisationLabel(p.holder) : '' });
    case 'too_long':
      return t('editor.roster.orgs.nameTooLong', { max: p.params.max ?? '' });
    default:
      return t('editor.roster.orgs.nameEmpty');
  }
}
