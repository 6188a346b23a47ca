import { Hono } from 'hono';
import { changeState } from '../domain/lifecycle/state.ts';
import { resolveFlag, setFrozen } from '../domain/marks/flags.ts';
import { getContest } from '../domain/boards/queries.ts';
import { submitMark } from '../domain/marks/marks.ts';
import { submitBatch } from '../domain/marks/batch.ts';
import { listMarks } from '../domain/boards/queries.ts';
import { refuse, unknownContest } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { statusOfWrite } from '../http/write-status.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';
import type {
  BatchResponse,
  BatchResult,
  ContestDetail,
  FlagResponse,
  FreezeResponse,
  Leaderboard,
  MarkResponse,
  MarksResponse,
  StateResponse,
} from '../../shared/api.ts';

export const contestRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const contest: ContestDetail = await getContest(c.get('services'), c.get('actor'), c.req.param('id'));
    return c.json(contest);
  })
  .get('/:id/leaderboard', async (c) => {
    const s = c.get('services');
    const organiser = c.get('actor').role === 'organiser';
    const board = await s.boards.leaderboard(c.req.param('id'), organiser ? 'organiser' : 'public');
    if (!board) throw unknownContest();
    if (board.state === 'setup' && !organiser) {
      throw refuse('forbidden:not_started', 'this contest has not started; its board is not public yet');
    }
    return c.json(board satisfies Leaderboard);
  })
  .post('/:id/state', async (c) => {
    const input = await readJson(c);
    const out: StateResponse = await changeState(c.get('services'), c.get('actor'), c.req.param('id'), input);
    return c.json(out);
  })
  .post('/:id/flags', async (c) => {
    const input = await readJson(c);
    const out: FlagResponse = await resolveFlag(c.get('services'), c.get('actor'), c.req.param('id'), input);
    return c.json(out);
  })
  .post('/:id/freeze', async (c) => {
    const input = await readJson(c);
    const out: FreezeResponse = await setFrozen(c.get('services'), c.get('actor'), c.req.param('id'), input);
    return c.json(out);
  })
  .post('/:id/marks', async (c) => {
    const s = c.get('services');
    const out = await submitMark(s, c.get('actor'), c.req.param('id'), await readJson(c));
    return c.json(out.body satisfies MarkResponse, statusOfWrite(out.outcome));
  })
  .post('/:id/marks/batch', async (c) => {
    const s = c.get('services');
    const outcomes = await submitBatch(s, c.get('actor'), c.req.param('id'), await readJson(c, { perEntry: 'marks' }));
    const results: BatchResult[] = outcomes.map((o) =>
      'error' in o
        ? { clientId: o.clientId, status: statusOf(o.error), error: o.error.body().error }
        : {
            clientId: o.clientId,
            status: statusOfWrite(o.outcome.outcome),
            mark: o.outcome.body.mark,
            seq: o.outcome.body.seq,
          },
    );
    return c.json({ results } satisfies BatchResponse);
  })
  .get('/:id/marks', async (c) => {
    const out: MarksResponse = await listMarks(c.get('services'), c.get('actor'), c.req.param('id'));
    return c.json(out);
  });
