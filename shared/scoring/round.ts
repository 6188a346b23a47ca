// Rounding used everywhere in scoring (SCORING §4, §6). Half-up with a small epsilon so that
// values such as 1.005 (stored as 1.00499999…) still round the way a person expects.

/** round2(x) = Math.floor(x × 100 + 0.5 + 1e-9) / 100 — the reported value of x. */
export function round2(x: number): number {
  return Math.floor(x * 100 + 0.5 + 1e-9) / 100;
}

/** Round half up to a whole number: Math.floor(x + 0.5 + 1e-9) (award tier sizes). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}
