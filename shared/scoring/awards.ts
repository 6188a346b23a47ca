// Award tiers (SCORING §6).
import type { AwardTier } from '../event-file/schema.ts';
import { roundHalfUp } from './round.ts';

/** Size of each tier for a field of `n` complete, ranked contestants. */
export function tierSizes(tiers: readonly AwardTier[], n: number): number[] {
  return tiers.map((t) => (t.count !== undefined ? t.count : roundHalfUp(n * (t.ratio ?? 0))));
}

/** Cumulative cut-offs: cut-off of tier i = n₁ + … + nᵢ. */
export function tierCutoffs(tiers: readonly AwardTier[], n: number): number[] {
  let sum = 0;
  return tierSizes(tiers, n).map((size) => (sum += size));
}

/**
 * The award of a complete, ranked contestant: the first tier whose cut-off ≥ rank and whose
 * minTotal (if any) ≤ total; null otherwise.
 */
export function awardFor(
  tiers: readonly AwardTier[],
  cutoffs: readonly number[],
  rank: number,
  total: number,
): string | null {
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    const cutoff = cutoffs[i] ?? 0;
    if (cutoff >= rank && (tier.minTotal === undefined || tier.minTotal <= total + 1e-9)) return tier.name;
  }
  return null;
}
