// A raw TCP connection to the server, for clients that misbehave in ways fetch cannot: declaring
// more than they send, trickling, flooding. Every feed is bounded and stops when the server closes.
import { connect, type Socket } from 'node:net';

/**
 * Sends `head`, then lets `feed` write the body; resolves with all that was read once the server
 * closes the connection, and fails if it is still open after `timeoutMs`.
 */
export function exchange(
  port: number,
  head: string,
  feed?: (sock: Socket) => void,
  timeoutMs = 20_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`the server still held the connection after ${timeoutMs} ms`));
    }, timeoutMs);
    sock.on('data', (d: Buffer) => (reply += d.toString('utf8')));
    // Writing after the server closed resets the connection; 'close' follows and settles.
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(reply);
    });
    sock.write(head);
    feed?.(sock);
  });
}

/** One piece of a chunked body. */
export const chunked = (data: Buffer) =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

/** A chunked body of `size` bytes every `everyMs`, until the connection closes (at most 2,000 pieces). */
export function trickle(sock: Socket, size: number, everyMs: number): void {
  const piece = chunked(Buffer.alloc(size, 0x78));
  let left = 2_000;
  const timer = setInterval(() => {
    if (sock.destroyed || left-- <= 0) return clearInterval(timer);
    sock.write(piece);
  }, everyMs);
  sock.once('close', () => clearInterval(timer));
}

/** A chunked body written as fast as the connection takes it, up to `max` bytes; `sent` counts them. */
export function flood(sock: Socket, max: number): { sent: number } {
  const piece = chunked(Buffer.alloc(64 * 1024, 0x78));
  const count = { sent: 0 };
  const pump = () => {
    while (!sock.destroyed && count.sent < max) {
      count.sent += 64 * 1024;
      if (!sock.write(piece)) return void sock.once('drain', pump);
    }
  };
  pump();
  return count;
}
