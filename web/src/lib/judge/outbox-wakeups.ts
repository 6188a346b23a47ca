// What wakes the outbox besides a new mark: the network coming back, the tablet waking up,
// another tab's change, and a safety-net timer for anything due that no event announced.
import type { Outbox } from '$shared/judge-outbox/outbox.ts';
import { LOCK_NAME } from '$shared/judge-outbox/policy.ts';

/** Starts the wake-ups and tries at once (app start); returns the function that stops them. */
export function startWakeUps(outbox: Outbox, pollMs = 15_000): () => void {
  const stops: (() => void)[] = [];
  const poll = setInterval(() => outbox.isDue() && void outbox.flush(), pollMs);
  stops.push(() => clearInterval(poll));
  const kick = () => void outbox.kick();
  const visible = () => document.visibilityState === 'visible' && kick();
  addEventListener('online', kick);
  document.addEventListener('visibilitychange', visible);
  stops.push(
    () => removeEventListener('online', kick),
    () => document.removeEventListener('visibilitychange', visible),
  );
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(LOCK_NAME);
    channel.onmessage = () => void outbox.reload();
    const unsubscribe = outbox.subscribe((_, local) => local && channel.postMessage('changed'));
    stops.push(unsubscribe, () => channel.close());
  }
  kick();
  return () => {
    for (const stop of stops.splice(0)) stop();
    outbox.dispose();
  };
}
