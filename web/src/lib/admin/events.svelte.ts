// The events the console knows, for the navigation's event switcher and the home page. Read again
// after an import, so a new event appears everywhere at once.
import type { EventSummary } from '$shared/api.ts';
import { getJson, failureOf, type Failure } from '$lib/api.ts';

class ConsoleEvents {
  list = $state.raw<EventSummary[] | null>(null);
  error = $state.raw<Failure | null>(null);

  async load(): Promise<void> {
    try {
      this.list = await getJson<EventSummary[]>('/events');
      this.error = null;
    } catch (cause) {
      this.error = failureOf(cause);
    }
  }

  nameOf(eventId: string): string | null {
    return this.list?.find((e) => e.id === eventId)?.name ?? null;
  }
}

export const consoleEvents = new ConsoleEvents();
