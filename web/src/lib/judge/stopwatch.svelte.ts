// A stopwatch for time criteria, on the monotonic clock (a changed system clock cannot skew it).
export class Stopwatch {
  running = $state(false);
  /** Milliseconds counted before the current run, plus manual adjustments. */
  banked = $state(0);
  now = $state(0);
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Set with `now` when a run starts, so `elapsed` can read it reactively. */
  startedAt = $state(0);
  readonly elapsed = $derived(Math.max(0, this.banked + (this.running ? this.now - this.startedAt : 0)));

  start(): void {
    if (this.running) return;
    this.startedAt = performance.now();
    this.now = this.startedAt;
    this.running = true;
    this.#timer = setInterval(() => (this.now = performance.now()), 47);
  }

  stop(): void {
    if (!this.running) return;
    clearInterval(this.#timer);
    this.banked += performance.now() - this.startedAt;
    this.running = false;
  }

  reset(): void {
    this.stop();
    this.banked = 0;
  }

  adjust(ms: number): void {
    this.banked = Math.max(this.running ? -Infinity : 0, this.banked + ms);
  }

  dispose(): void {
    clearInterval(this.#timer);
  }
}

/** 83.456 s → "1:23.45"; 9.5 s → "9.50". */
export function formatClock(ms: number): string {
  const cs = Math.floor(Math.max(0, ms) / 10);
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = String(cs % 100).padStart(2, '0');
  return m > 0 ? `${m}:${String(s).padStart(2, '0')}.${frac}` : `${s}.${frac}`;
}
