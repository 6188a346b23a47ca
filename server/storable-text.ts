// Text the database can store: PostgreSQL text cannot hold NUL, and an unpaired surrogate is not
// Unicode (the database would refuse it or store U+FFFD). The edge refuses such bodies before they
// reach the domain (http/body.ts); the domain applies the same rule to what it reads itself (a roster
// file, each mark of a batch), and an archive applies it to every row.
import { invalid, pathOf } from './errors.ts';
import { issue } from '../shared/errors/index.ts';

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isUnstorable = (text: string) => UNSTORABLE.test(text);

export function unstorableError(path: string) {
  const message = 'must not contain NUL characters or unpaired surrogates';
  return invalid(`${path || 'body'}: ${message}`, [issue(path, 'unstorable', message)]);
}

/** Throws a 400 naming the first string or key of `value` that cannot be stored (paths inside `value`). */
export function checkStorable(value: unknown): void {
  const bad = unstorablePath(value);
  if (bad !== null) throw unstorableError(bad);
}

interface Node {
  value: unknown;
  key?: string | number;
  parent?: Node;
}

/** Path of the first string or key that cannot be stored, or null. Iterative: bodies and archives may nest deeper than the stack. */
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
