// "Correct this mark" from a matrix cell: fill the correction form and bring it into view.
import { tick } from 'svelte';
import type { ChiefDesk } from './desk.svelte.ts';

export async function openCorrection(desk: ChiefDesk, bib: string, criterion: string): Promise<void> {
  desk.correctBib = bib;
  desk.correctCriterion = criterion;
  await tick();
  document.getElementById('correct-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  document
    .querySelector<HTMLElement>('[data-testid="correct-value"], [data-testid="correct-pass"]')
    ?.focus({ preventScroll: true });
}
