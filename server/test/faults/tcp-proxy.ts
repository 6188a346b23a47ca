// A TCP proxy between the server and PostgreSQL that a test can cut (every open connection is
// reset and new ones are refused, as when the database host goes away) and restore; or cut right
// after a COMMIT has reached the database, so the transaction is stored but its answer is lost.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** The database URL with the proxy's address in place of the database's. */
  url: string;
  cut(): void;
  /** Cuts as soon as a COMMIT has been passed on; resolves once the database has answered it (unseen). */
  cutAfterCommit(): Promise<void>;
  restore(): void;
  close(): Promise<void>;
}

/** Keeps a proxied pair of connections in `open` until either closes or fails, which ends both. */
export function pairUp(open: Set<Socket>, client: Socket, upstream: Socket): void {
  open.add(client).add(upstream);
  const drop = () => {
    open.delete(client);
    open.delete(upstream);
    client.destroy();
    upstream.destroy();
  };
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const open = new Set<Socket>();
  let down = false;
  let onCommit: ((upstream: Socket) => void) | null = null;
  const kept = new WeakSet<Socket>();
  const reset = (s: Socket) => (typeof s.resetAndDestroy === 'function' ? s.resetAndDestroy() : s.destroy());
  const server: Server = createServer((client) => {
    if (down) return reset(client);
    const upstream = createConnection({ host: target.hostname, port: targetPort });
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      if (!kept.has(upstream)) upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      // postgres.js ends a transaction with the statement "commit" (its text is sent the first time on a connection).
      if (onCommit && chunk.toString('latin1').toLowerCase().includes('commit')) onCommit(upstream);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    port,
    url: url.toString(),
    cut() {
      down = true;
      for (const s of open) reset(s);
      open.clear();
    },
    cutAfterCommit() {
      return new Promise<void>((resolve) => {
        onCommit = (upstream) => {
          onCommit = null;
          // Keep this one connection to the database until it has answered the COMMIT; nobody reads it.
          open.delete(upstream);
          kept.add(upstream);
          upstream.unpipe();
          upstream.removeAllListeners('close').removeAllListeners('error');
          upstream.on('error', () => {});
          upstream.once('data', () => {
            upstream.destroy();
            resolve();
          });
          upstream.resume(); // unpipe() left it paused
          down = true;
          for (const s of open) reset(s);
          open.clear();
        };
      });
    },
    restore() {
      down = false;
    },
    close() {
      down = true;
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
