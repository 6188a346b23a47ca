// The one place that turns a refusal (CONTRACT §2: code, params, issues) into words in the reader's
// language. Nothing here shows the server's English `message`: a code this app does not know, or
// params that do not fit it, get the sentence for the HTTP status, then a generic one.
import {
  ERRORS,
  ISSUES,
  errorKeyOf,
  fitsParams,
  isErrorKey,
  isIssueCode,
  type ParamSpec,
  type ParamsSpec,
  type ValueType,
  type WireIssue,
} from '$shared/errors/index.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { formatMessage, type Shown } from '../message-format.ts';
import { i18n } from '../state.svelte.ts';
import { errorsEn } from './errors.en.ts';
import { errorsZhCN } from './errors.zh-CN.ts';
import { issuesEn } from './issues.en.ts';
import { issuesZhCN } from './issues.zh-CN.ts';
import type { ProblemKey } from './keys.ts';
import { wordsEn } from './words.en.ts';
import { wordsZhCN } from './words.zh-CN.ts';
import { codeForStatus } from '$shared/errors/status-code.ts';
import { en } from '../en.ts';
import { zhCN } from '../zh-CN.ts';

export { CLIENT_ERRORS, type ClientErrorKey, type ProblemKey } from './keys.ts';

export const PROBLEM_CATALOGUES = {
  'zh-CN': { errors: errorsZhCN, issues: issuesZhCN, words: wordsZhCN },
  en: { errors: errorsEn, issues: issuesEn, words: wordsEn },
};

/** Names a screen knows for the codes in a refusal (a criterion's name, a contestant's). */
export interface Names {
  criterion?: (code: string) => string;
  contestant?: (bib: string) => string;
}

/** A refusal as any part of the app holds it: the API's error body, with the HTTP status if known. */
export interface Problem {
  code?: string | null;
  params?: Record<string, unknown>;
  issues?: WireIssue[];
  status?: number;
}

const current = () => PROBLEM_CATALOGUES[i18n.locale];
/** State names are the glossary's (state.setup …), as on every other screen. */
const stateName = (state: string) => ({ 'zh-CN': zhCN, en })[i18n.locale][`state.${state}` as 'state.setup'] ?? state;
const withoutOptional = (spec: ParamSpec) => (typeof spec === 'string' ? spec.replace(/\?$/, '') : 'enum');

function shownFor(spec: ParamsSpec, names: Names | undefined): Shown {
  const { words } = current();
  const value = (v: unknown) =>
    typeof v === 'string' ? words.quote(v) : typeof v === 'number' ? formatNumber(v, 6) : String(v);
  return (name, raw) => {
    switch (withoutOptional(spec[name] ?? 'text')) {
      case 'number':
        return formatNumber(Number(raw), 6);
      case 'count':
        return formatNumber(Number(raw), 0);
      case 'state':
        return stateName(String(raw));
      case 'time':
        return formatDateTime(String(raw));
      case 'type':
        return words.types[raw as ValueType] ?? String(raw);
      case 'types':
        return (raw as ValueType[]).map((t) => words.types[t] ?? t).join(words.orSeparator);
      case 'value':
        return value(raw);
      case 'values':
        return (raw as unknown[]).map(value).join(words.listSeparator);
      case 'list':
        return (raw as string[]).join(words.listSeparator);
      default:
        if (name === 'criterion' && names?.criterion) return names.criterion(String(raw));
        if (name === 'bib' && names?.contestant) return names.contestant(String(raw));
        return String(raw);
    }
  };
}

function worded(key: string, params: Readonly<Record<string, unknown>>, names?: Names): string | null {
  const wording = current().errors[key as ProblemKey];
  if (wording === undefined) return null;
  const spec: ParamsSpec = isErrorKey(key) ? ERRORS[key] : {};
  if (!fitsParams(spec, params)) return null;
  return formatMessage(wording, params, i18n.locale, shownFor(spec, names));
}

/** Only the params a key's spec names (a newer server may send more). */
function pick(spec: ParamsSpec, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(spec)
      .filter((k) => k in params)
      .map((k) => [k, params[k]]),
  );
}

/** One issue's problem, in words to show beside the value it is about. */
export function issueText(found: WireIssue, names?: Names): string {
  const { issues } = current();
  const params = found.params ?? {};
  if (found.code && isIssueCode(found.code) && fitsParams(ISSUES[found.code], params))
    return formatMessage(issues[found.code], params, i18n.locale, shownFor(ISSUES[found.code], names));
  return formatMessage(issues.invalid, {}, i18n.locale, shownFor(ISSUES.invalid, names));
}

/** "Value: must be between 0 and 20" — the field named in the reader's words where it is known. */
function labelled(found: WireIssue, names?: Names): string {
  const { words } = current();
  const last = /(\w+)(?:\[\d+\])*$/.exec(found.path)?.[1];
  const label = (last && words.fields[last]) ?? found.path;
  const text = issueText(found, names);
  return label ? words.labelled(label, text) : text;
}

/** A refusal as one sentence in the current language. */
export function problemText(problem: Problem | null | undefined, names?: Names): string {
  const code = problem?.code || codeForStatus(problem?.status ?? 0);
  const params = problem?.params ?? {};
  const key = errorKeyOf(code, params);
  const issues = problem?.issues ?? [];
  // A refusal with no reason of its own is about its issues: say what is wrong, where.
  if (key === 'validation_failed' && issues.length > 0) {
    const more = issues.length > 1 ? current().words.more(formatNumber(issues.length - 1, 0)) : '';
    return labelled(issues[0]!, names) + more;
  }
  const byCode = isErrorKey(code) ? worded(code, pick(ERRORS[code], params), names) : null;
  return (
    worded(key, params, names) ??
    byCode ??
    (problem?.status ? worded(codeForStatus(problem.status), {}) : null) ??
    current().errors.unknown
  );
}

/**
 * Anything a request can fail with, as a sentence: an ApiRequestError, a stored refusal
 * ({code, params, issues, status}), a code, or something else (worded as unknown).
 */
export function errorMessage(cause: unknown, names?: Names): string {
  return problemText(problemOf(cause), names);
}

export function problemOf(cause: unknown): Problem {
  if (typeof cause === 'string') return { code: cause };
  if (cause === null || typeof cause !== 'object') return { code: 'unknown' };
  const c = cause as { body?: { error?: Problem }; status?: unknown; code?: unknown };
  const status = typeof c.status === 'number' ? c.status : undefined;
  if (c.body?.error && typeof c.body.error.code === 'string') return { ...c.body.error, status };
  if (typeof c.code === 'string') return { ...(cause as Problem), status };
  return { code: 'unknown' };
}
