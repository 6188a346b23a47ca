// Organisation code → display name, falling back to the code when the server sends no names.
import type { EventDetail } from './api.ts';

export function organisationNamer(event: Pick<EventDetail, 'organisations'>): (code: string) => string {
  const names = new Map((event.organisations ?? []).map((o) => [o.code, o.name] as const));
  return (code) => names.get(code) ?? code;
}
