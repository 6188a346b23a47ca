// Shared set-up of the public-page specs: the demo event opened for scoring, and realistic marks
// from the demo simulator's own generator (server/demo/marks.ts), sent through the public API.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { EventFile } from '../shared/event-file/schema.ts';
import { planFor, seededRng, simulated, valueFor, outlierCell } from '../server/demo/marks.ts';
import { exampleEvent, importEvent, judgeToken, setState, signIn } from './helpers.ts';

export interface OpenEvent {
  admin: string;
  file: EventFile;
  id: string;
  contests: Record<string, string>; // code → id
}

/** Imports the demo event and opens every contest for scoring. */
export async function openDemoEvent(request: APIRequestContext): Promise<OpenEvent> {
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest') as EventFile;
  const ev = await importEvent(request, admin, file);
  const contests: Record<string, string> = {};
  for (const c of ev.contests) {
    contests[c.code] = c.id;
    await setState(request, admin, c.id, 'scoring');
  }
  return { admin, file, id: ev.id, contests };
}

/**
 * Marks a share of each contest the way the demo's judges would (one batch per judge), so boards
 * have totals, ranks, awards, an incomplete tail and a flagged panel.
 */
export async function markDemo(request: APIRequestContext, ev: OpenEvent, share = 0.75, seed = 11): Promise<void> {
  for (const def of ev.file.contests) {
    const outlier = outlierCell(def);
    const bibs = new Set(def.contestants.slice(0, Math.ceil(def.contestants.length * share)).map((p) => p.bib));
    for (const judge of def.judges.filter(simulated)) {
      const rng = seededRng(seed + judge.code.length * 31 + judge.code.charCodeAt(judge.code.length - 1));
      const marks = planFor(def, judge)
        .filter((t) => bibs.has(t.contestant))
        .map((t) => ({
          contestant: t.contestant,
          criterion: t.criterion.code,
          clientId: crypto.randomUUID(),
          value: valueFor(t, {
            judge: judge.code,
            rng,
            outlier:
              outlier?.judge === judge.code &&
              outlier.contestant === t.contestant &&
              outlier.criterion === t.criterion.code,
          }),
        }));
      if (marks.length === 0) continue;
      const token = await judgeToken(request, ev.id, judge.code, judge.pin!);
      const res = await request.post(`/api/v1/contests/${ev.contests[def.code]}/marks/batch`, {
        data: { marks },
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok()) throw new Error(`batch failed: ${res.status()} ${await res.text()}`);
      const refused = ((await res.json()).results as { status: number }[]).filter((r) => r.status >= 300);
      if (refused.length) throw new Error(`${refused.length} marks refused: ${JSON.stringify(refused[0])}`);
    }
  }
}

/** Waits until the page's board is live (the realtime connection answered). */
export async function waitLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
}

/** The total cell of one board row. */
export const totalOf = (page: Page, bib: string) =>
  page.locator(`[data-testid="board-row"][data-bib="${bib}"] [data-testid="total"]`);

/** "27", "27.0" or "27.00": a total as the board formats it. */
export const totalText = (n: number) => new RegExp(`^${String(n).replace('.', '[.,]')}([.,]0{1,2})?$`);
