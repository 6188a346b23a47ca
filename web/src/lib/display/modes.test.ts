import { describe, expect, it } from 'vitest';
import { buildSlides } from './slides.ts';
import { modeIdentity, optionsOfMode } from './modes.ts';
import type { ContestSummary } from '$shared/api.ts';

const contests = [
  { id: 'c1', code: 'courier', name: '快递员', state: 'scoring' },
  { id: 'c2', code: 'rider', name: '骑手', state: 'setup' },
] as ContestSummary[];

describe('optionsOfMode', () => {
  it('turns the console modes into the slides they show', () => {
    const slides = (mode: Parameters<typeof optionsOfMode>[0]) => buildSlides(contests, optionsOfMode(mode)!);
    expect(slides({ kind: 'contest', contest: 'rider' }).map((s) => s.key)).toEqual(['contest:c2']);
    expect(slides({ kind: 'rotate', seconds: 20 }).map((s) => s.key)).toEqual(['contest:c1', 'teams']);
    expect(slides({ kind: 'teams' }).map((s) => s.key)).toEqual(['teams']);
    expect(optionsOfMode({ kind: 'message', text: 'x' })).toBeNull();
    expect(optionsOfMode({ kind: 'reveal', contest: 'courier', step: 2 })).toBeNull();
  });
  it('re-creates the screen on a new mode, not on a reveal step or a new message text', () => {
    const address = { contest: null, rotate: 15 };
    expect(modeIdentity({ kind: 'reveal', contest: 'a', step: 1 }, address)).toBe(
      modeIdentity({ kind: 'reveal', contest: 'a', step: 2 }, address),
    );
    expect(modeIdentity({ kind: 'message', text: 'a' }, address)).toBe(
      modeIdentity({ kind: 'message', text: 'b' }, address),
    );
    expect(modeIdentity(null, address)).not.toBe(modeIdentity({ kind: 'rotate', seconds: 15 }, address));
  });
});
