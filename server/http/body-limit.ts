// The size limit of request bodies. A body over the limit is answered 413 only after the rest of it
// has been read and dropped (within DrainBounds): closing the connection under a client that is
// still sending makes browsers and Node's fetch see a network error instead of the answer. Past the
// bounds the answer says "Connection: close" and the connection closes.
// Without Hono's bodyLimit on the common path: it reads `c.req.raw.body`, which makes the Node
// adapter build a whole web Request (with a stream) for each POST, about a fifth of a millisecond a
// mark. A body with a Content-Length is judged by that header; a chunked one is counted as it comes.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DRAIN, discardRest, readWithin, type DrainBounds } from './incoming-body.ts';

type OnError = (c: Context) => Response | Promise<Response>;

export function limitBody(maxSize: number, onError: OnError, drain: DrainBounds = DRAIN): MiddlewareHandler {
  // Not on Node (no stream to read from): Hono's own, which counts a chunked body as it streams.
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      const declared = Number.parseInt(length, 10);
      if (declared <= maxSize) return next();
      if (!incoming) return onError(c);
      return refuse(c, onError, declared <= drain.bytes && (await discardRest(incoming, drain)));
    }
    if (!incoming) return streamed(c, next);
    const body = await readWithin(incoming, maxSize);
    if (body === null) return refuse(c, onError, await discardRest(incoming, drain));
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}

function refuse(c: Context, onError: OnError, drained: boolean) {
  if (!drained) c.header('Connection', 'close');
  return onError(c);
}
