// Waiting on progress events rather than sleeping: resolves once `ready()` holds after some event,
// fails after `timeoutMs` with what was being waited for.
import type { EventEmitter } from 'node:events';

export function until(
  emitter: EventEmitter,
  event: string,
  ready: () => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, check);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    function check() {
      if (!ready()) return;
      clearTimeout(timer);
      emitter.off(event, check);
      resolve();
    }
    emitter.on(event, check);
  });
}
