// The wait a sign-in refusal asked for (429: `Retry-After`, or the refusal's `seconds`), counted down
// on screen second by second; the form stays disabled until it reaches 0.
export class WaitCountdown {
  #until = $state(0);
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Whole seconds left; 0 when there is nothing to wait for. */
  readonly seconds = $derived(Math.max(0, Math.ceil((this.#until - this.#now) / 1000)));

  start(seconds: number): void {
    this.#now = Date.now();
    this.#until = this.#now + Math.max(1, seconds) * 1000;
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.#now = Date.now();
      if (this.#now >= this.#until) this.stop();
    }, 250);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#until = 0;
  }
}

/** The seconds a 429 asks to wait: its Retry-After, else its `seconds` param, else a minute. */
export function secondsToWait(refusal: { retryAfter?: number; params?: Record<string, unknown> }): number {
  const fromParams = Number(refusal.params?.seconds);
  return refusal.retryAfter || (Number.isFinite(fromParams) && fromParams > 0 ? fromParams : 60);
}
