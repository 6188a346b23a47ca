// An event file chosen by the organiser: read as text, parsed as JSON, checked with the shared
// parser. Each failure is one issue with a path, like the server's 400.
import { parseEventFile, type ParseEventFileResult } from '$shared/event-file/parse.ts';
import type { EventFile } from '$shared/event-file/schema.ts';
import { issue, type Issue } from '$shared/errors/index.ts';
import type { ShownPin } from '../print/pins-store.ts';

export interface ReadEventFile {
  fileName: string;
  /** The JSON as read (for naming entries in the issue list), or undefined when it is not JSON. */
  json: unknown;
  result: ParseEventFileResult;
}

/** Where JSON.parse stopped, as "line 3, column 7" when the engine says "position N". */
export function jsonProblem(text: string, cause: unknown): Issue {
  const message = cause instanceof Error ? cause.message : String(cause);
  const at = /position (\d+)/.exec(message);
  if (!at) return issue('', 'not_json', `is not valid JSON: ${message}`);
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return issue('', 'not_json', `is not valid JSON (line ${line}, column ${column}): ${message}`, { line, column });
}

export function checkEventText(fileName: string, text: string): ReadEventFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (cause) {
    return { fileName, json: undefined, result: { ok: false, issues: [jsonProblem(text, cause)] } };
  }
  return { fileName, json, result: parseEventFile(json) };
}

/** The generated PINs with the judge's name and contest, for the one-time list. */
export function namePins(file: EventFile, pins: readonly { code: string; pin: string }[]): ShownPin[] {
  const who = new Map<string, { name: string; contest: string }>();
  for (const c of file.contests) for (const j of c.judges) who.set(j.code, { name: j.name, contest: c.name });
  return pins.map((p) => ({ ...p, ...who.get(p.code) }));
}
