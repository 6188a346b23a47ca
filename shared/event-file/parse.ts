// Validates an event file (CONTRACT §4): the zod shape and the cross-field rules together, so one
// answer lists every problem (unknown fields, wrong types, weights, duplicate bibs, unknown
// organisations …). Each is an issue { path, code, params, message } (shared/errors), never a throw.
import { englishErrorMap, issue, zodIssues, type Issue } from '../errors/index.ts';
import { looseEventFile, looseOfValid } from './loose.ts';
import { checkEventFile } from './rules.ts';
import { eventFileShape, type EventFile } from './schema.ts';
import { eventFileWarnings } from './warnings.ts';

export { formatPath } from '../errors/zod.ts';

export type ParseEventFileResult = { ok: true; file: EventFile; warnings: Issue[] } | { ok: false; issues: Issue[] };

/** A problem of the whole file reads "the event file must be …" in the log. */
function ofTheFile(found: Issue): Issue {
  if (found.path !== '' || found.message.startsWith('an ')) return found;
  return { ...found, message: `the event file ${found.message}` };
}

export function parseEventFile(input: unknown): ParseEventFileResult {
  let result: ReturnType<typeof eventFileShape.safeParse>;
  let rules: Issue[];
  try {
    result = eventFileShape.safeParse(input, { error: englishErrorMap });
    rules = checkEventFile(result.success ? looseOfValid(result.data) : looseEventFile(input));
  } catch {
    // Only exotic objects (throwing getters, proxies) get here; JSON never does.
    return { ok: false, issues: [issue('', 'unreadable', 'the event file could not be read')] };
  }
  const issues = [...(result.success ? [] : zodIssues(input, result.error.issues).map(ofTheFile)), ...rules];
  if (!result.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, file: result.data, warnings: eventFileWarnings(result.data) };
}

/** A deep copy without judges' pins: what GET /events/:id/file serves (CONTRACT §4). */
export function stripPins(file: EventFile): EventFile {
  const copy = structuredClone(file);
  for (const contest of copy.contests) for (const judge of contest.judges) delete judge.pin;
  return copy;
}
