// What the judge-card sheet needs: the event's judges with their PINs, eight cards to an A4 page.
import type { EventFile } from '$shared/event-file/schema.ts';

export const CARDS_PER_SHEET = 8;

export interface CardJudge {
  code: string;
  name: string;
  contest: string;
  contestCode: string;
  chief: boolean;
  shadow: boolean;
  pin: string;
}

export interface ListedJudge extends Omit<CardJudge, 'pin'> {
  pin: string | null;
}

/** Every judge of the event, contest by contest, with the PIN this tab knows (or null). */
export function judgesOf(file: EventFile, pins: ReadonlyMap<string, string>): ListedJudge[] {
  return file.contests.flatMap((c) =>
    c.judges.map((j) => ({
      code: j.code,
      name: j.name,
      contest: c.name,
      contestCode: c.code,
      chief: j.chief ?? false,
      shadow: j.shadow ?? false,
      pin: pins.get(j.code) ?? null,
    })),
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A printed address in the pieces a line may break between: "http://", "host:port", then one piece per
 * "/segment". A line never breaks inside host:port, where "192.168.1.2:30|00" would be typed wrong.
 */
export function addressParts(url: string): string[] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/]*)(.*)$/i.exec(url)!;
  return [m[1] ?? '', m[2] ?? '', ...(m[3]?.match(/\/[^/]*/g) ?? [])].filter((p) => p !== '');
}
