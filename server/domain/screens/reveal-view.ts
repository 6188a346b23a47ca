// What a big screen in reveal mode is sent: only the contestants the organiser has revealed so far,
// from the organiser's (unfrozen) board, shown as the public boards show them (a blind contest's
// stations). The screen itself signs nobody in and never holds a row that is not yet revealed.
import type { AppServices } from '../../services.ts';
import type { RevealView, ScreenState } from '../../../shared/screens.ts';
import { blindHidden, blindRow } from '../../../shared/blind.ts';
import { revealOrder as inRevealOrder } from '../../../shared/reveal-order.ts';
import { contestByCode, type ScreenRow } from './screens.ts';

/** The ranked rows in reveal order (last place first), as the hall may see them. */
async function revealOrder(services: AppServices, eventId: string, contestCode: string) {
  const { id } = await contestByCode(services.db, eventId, contestCode);
  const c = await services.boards.get(id);
  if (!c) return { rows: [], ready: false };
  const hidden = blindHidden(c.meta.def.blind, c.state);
  const rows = inRevealOrder(c.board.rows()).map((r) => (hidden ? blindRow(r, c.meta.shownAs.get(r.bib) ?? r.bib) : r));
  return { rows, ready: c.frozen !== null || c.state === 'published' };
}

export async function revealTotal(services: AppServices, eventId: string, contestCode: string): Promise<number> {
  return (await revealOrder(services, eventId, contestCode)).rows.length;
}

export async function revealView(
  services: AppServices,
  eventId: string,
  contestCode: string,
  step: number,
): Promise<RevealView> {
  const { rows, ready } = await revealOrder(services, eventId, contestCode);
  const shown = Math.min(step, rows.length);
  return { contest: contestCode, step: shown, total: rows.length, revealed: rows.slice(0, shown), ready };
}

/** What a big screen is told of itself: its name, its mode and, in reveal mode, what is revealed. */
export async function screenStateOf(services: AppServices, eventId: string, row: ScreenRow): Promise<ScreenState> {
  const state: ScreenState = { id: row.id, number: row.number, name: row.name, mode: row.mode };
  if (row.mode?.kind !== 'reveal') return state;
  return { ...state, reveal: await revealView(services, eventId, row.mode.contest, row.mode.step) };
}
