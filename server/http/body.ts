// Reading a JSON body: malformed JSON is a 400 with a clear message, never a 500.
import type { Context } from 'hono';
import { invalid, pathOf, refuse } from '../errors.ts';
import { issue } from '../../shared/errors/index.ts';

// PostgreSQL text cannot hold NUL, and an unpaired surrogate is not Unicode (the database would
// refuse it or store U+FFFD): such text is refused here, before it can reach the database.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isUnstorable = (text: string) => UNSTORABLE.test(text);

// V8 quotes a piece of the body in its message (`Unexpected token 'h', ..."password":hunter2"... is
// not valid JSON`): a mistyped PIN or password must not come back in an error, so the quote goes.
const parserFinding = (err: unknown) => String((err as Error)?.message).replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');

/**
 * `perEntry`: a top-level list (the marks of a batch) whose entries are judged one by one, so an
 * unstorable string in one of them is that entry's refusal (checkEntry), not the whole body's.
 */
export async function readJson(c: Context, opts: { perEntry?: string } = {}): Promise<unknown> {
  if (!isJsonType(c.req.header('content-type'))) {
    const message = 'send the body as UTF-8 JSON with Content-Type: application/json';
    throw refuse('invalid_json:content_type', message);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw refuse('invalid_json:empty', 'the request body is empty; send JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refuse('invalid_json:syntax', `the request body is not valid JSON (${parserFinding(err)})`);
  }
  const list = opts.perEntry;
  const outer = list !== undefined && isRecord(value) && Array.isArray(value[list]) ? { ...value, [list]: [] } : value;
  const bad = unstorablePath(outer);
  if (bad !== null) throw unstorableError(bad);
  return value;
}

/**
 * `application/json`, with no charset or UTF-8 (RFC 8259 §8.1). Requiring it also keeps cross-site
 * forms out: a browser sends JSON cross-site only after a CORS preflight, which this server never grants.
 */
function isJsonType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"(.*)"$/, '$1');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function unstorableError(path: string) {
  const message = 'must not contain NUL characters or unpaired surrogates';
  return invalid(`${path || 'body'}: ${message}`, [issue(path, 'unstorable', message)]);
}

/** Throws the same refusal as readJson for one entry of a `perEntry` list, with paths inside the entry. */
export function checkEntry(entry: unknown): void {
  const bad = unstorablePath(entry);
  if (bad !== null) throw unstorableError(bad);
}

interface Node {
  value: unknown;
  key?: string | number;
  parent?: Node;
}

/** Path of the first string or key that cannot be stored, or null. Iterative: bodies may nest deeper than the stack. */
function unstorablePath(root: unknown): string | null {
  const stack: Node[] = [{ value: root }];
  const pathTo = (n: Node) => {
    const keys: (string | number)[] = [];
    for (let at: Node | undefined = n; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
    return pathOf(keys);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (isUnstorable(v)) return pathTo(node);
    } else if (Array.isArray(v)) {
      v.forEach((value, key) => stack.push({ value, key, parent: node }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, value] of Object.entries(v)) {
        const child = { value, key, parent: node };
        if (isUnstorable(key)) return pathTo(child);
        stack.push(child);
      }
    }
  }
  return null;
}
