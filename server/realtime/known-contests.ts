// Which contest ids exist, so that a `watch` of an unknown id costs no database query: a flood of
// made-up ids (each one new, so a cache of misses would not help) is answered from memory. The list
// is read again when an id is not in it, at most once per `minIntervalMs` whatever the number of
// sockets asking; a watch of a contest created since the last read (here or in another process)
// waits for the next read, which starts after the watch arrived, so it is never refused wrongly.
export class KnownContests {
  private ids = new Set<string>();
  /** When the read that `ids` comes from started (-Infinity: never read). */
  private readAt = Number.NEGATIVE_INFINITY;
  private lastStart = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly readIds: () => Promise<string[]>,
    private readonly minIntervalMs = 1_000,
  ) {}

  /** Whether the contest exists, as of a read that started once this call was made. */
  async has(id: string): Promise<boolean> {
    if (this.ids.has(id)) return true;
    const asked = performance.now();
    while (this.readAt < asked) await (this.reading ??= this.read());
    return this.ids.has(id);
  }

  /** The contest was found gone: the next watch of it reads the list again. */
  forget(id: string): void {
    this.ids.delete(id);
  }

  private async read(): Promise<void> {
    try {
      const wait = this.lastStart + this.minIntervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const started = performance.now();
      this.lastStart = started;
      this.ids = new Set(await this.readIds());
      this.readAt = started;
    } finally {
      this.reading = null;
    }
  }
}
