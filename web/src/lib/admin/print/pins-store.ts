// PINs are shown once, right after they are made (event created, roster imported, new PINs
// issued). The print page may need them a moment later, so they are kept in this tab's
// sessionStorage for that event (gone when the tab closes), never in the address.
export interface StoredPin {
  code: string;
  pin: string;
}

/** A PIN as shown on screen, with who it belongs to. */
export interface ShownPin extends StoredPin {
  name?: string;
  contest?: string;
}

const key = (eventId: string) => `jiangxin.admin.pins.${eventId}`;

export function readPins(eventId: string): Map<string, string> {
  try {
    const raw = sessionStorage.getItem(key(eventId));
    const list = raw ? (JSON.parse(raw) as StoredPin[]) : [];
    return new Map(
      list.filter((p) => typeof p?.code === 'string' && typeof p?.pin === 'string').map((p) => [p.code, p.pin]),
    );
  } catch {
    return new Map();
  }
}

/** Adds (or replaces) PINs for these judges; earlier PINs of other judges stay. */
export function rememberPins(eventId: string, pins: readonly StoredPin[]): void {
  if (pins.length === 0) return;
  const all = readPins(eventId);
  for (const p of pins) all.set(p.code, p.pin);
  try {
    sessionStorage.setItem(key(eventId), JSON.stringify([...all].map(([code, pin]) => ({ code, pin }))));
  } catch {
    // Storage full or disabled: the PINs are still on screen to be written down.
  }
}
