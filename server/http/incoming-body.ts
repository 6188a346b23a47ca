// Reading a request body straight from Node's stream (no web stream in between, so nothing is
// queued that nobody reads): within a limit, or to drop the rest of a refused one.
import type { IncomingMessage } from 'node:http';
import { refuse } from '../errors.ts';

/** How much of a refused body the server still reads (and drops) so that the client reads the refusal. */
export interface DrainBounds {
  bytes: number;
  ms: number;
}

// A refused 30 MB upload still finishes on a slow venue network; a client that lies about its
// length or trickles is let go after a minute, and one that would send more than this is not read.
export const DRAIN: DrainBounds = { bytes: 64 * 1024 * 1024, ms: 60_000 };

/** The whole body if it ends within `max` bytes; null as soon as it goes over (the rest left unread). */
export function readWithin(incoming: IncomingMessage, max: number): Promise<Buffer<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (done: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onCut).off('close', onCut);
      done();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      incoming.pause();
      settle(() => resolve(null));
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    // Only a client that went away cuts a body short; nobody reads this answer, but it is no 500.
    const onCut = () => settle(() => reject(refuse('validation_failed', 'the request body was cut off')));
    incoming.on('data', onData).on('end', onEnd).on('error', onCut).on('close', onCut);
    incoming.resume();
  });
}

/** Reads and drops the rest of a body; true when it ended within the bounds (the connection can go on). */
export function discardRest(incoming: IncomingMessage, bounds: DrainBounds): Promise<boolean> {
  if (incoming.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let dropped = 0;
    const settle = (ended: boolean) => {
      clearTimeout(timer);
      incoming.off('data', onData).off('end', onEnd).off('error', onCut).off('close', onCut);
      if (!ended) incoming.pause();
      resolve(ended);
    };
    const timer = setTimeout(() => settle(false), bounds.ms);
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > bounds.bytes) settle(false);
    };
    const onEnd = () => settle(true);
    const onCut = () => settle(false);
    incoming.on('data', onData).on('end', onEnd).on('error', onCut).on('close', onCut);
    incoming.resume();
  });
}
