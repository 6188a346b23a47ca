// A TCP proxy in front of the server whose way back to the client carries at most `bytesPerSecond`:
// a phone on bad Wi-Fi that keeps reading, only slowly.
import { connect, createServer, type Socket } from 'node:net';
import { pairUp } from './faults/tcp-proxy.ts';

export interface SlowLink {
  url: string;
  close(): Promise<void>;
}

export async function slowLink(targetPort: number, bytesPerSecond: number): Promise<SlowLink> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    pairUp(open, client, upstream);
    client.pipe(upstream);
    // Each piece read from the server is passed on, then nothing more is read for as long as the
    // link needs to carry it: what the server sends meanwhile waits on its side.
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      upstream.pause();
      setTimeout(() => upstream.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const s of open) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
