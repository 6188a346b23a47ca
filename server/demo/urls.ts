// What to open during the demo: the addresses of CONTRACT §10, and one a phone on the same network can reach.
import { networkInterfaces } from 'node:os';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { EventSummary } from './client.ts';

/** The first IPv4 address of this machine on a local network, if it has one. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

export function demoUrls(base: string, event: Pick<EventSummary, 'id' | 'contests'>) {
  const contest = event.contests[0]?.code;
  return {
    event: `${base}/results/${event.id}`,
    board: contest ? `${base}/results/${event.id}/${contest}` : null,
    display: `${base}/display/${event.id}?rotate=15`,
    judge: `${base}/judge`,
    admin: `${base}/admin`,
  };
}

export function printUrls(
  base: string,
  event: EventSummary,
  file: EventFile,
  log: (m: string) => void,
  adminPassword?: string,
): void {
  const urls = demoUrls(base, event);
  const chiefs = file.contests.flatMap((c) =>
    c.judges.filter((j) => j.chief && j.pin).map((j) => `${j.code} / PIN ${j.pin} (${c.name})`),
  );
  const lines = [
    '',
    `Demo: ${event.name}. Simulated judges are marking now; open:`,
    `  event page (phones)   ${urls.event}`,
    ...(urls.board ? [`  live board            ${urls.board}`] : []),
    `  big screen            ${urls.display}`,
    `  judge app             ${urls.judge}   event ${event.id}; chief judges: ${chiefs.join(', ') || '—'}`,
    ...(adminPassword ? [`  organiser console     ${urls.admin}   user admin, password ${adminPassword}`] : []),
  ];
  const lan = lanAddress();
  const local = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.exec(base);
  if (lan && local) lines.push(`  on a phone (same Wi-Fi)  http://${lan}${local[2] ?? ''}/results/${event.id}`);
  lines.push('Press Ctrl-C to stop.', '');
  for (const line of lines) log(line);
}
