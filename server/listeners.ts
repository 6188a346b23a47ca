// One typed event: whoever cares subscribes with `on`, whoever it happened to calls `emit`.
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Calls `listener` on every later `emit`; returns what unsubscribes it. */
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}
