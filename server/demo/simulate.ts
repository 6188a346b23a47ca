// The demo's judges: opens the demo event's contests for scoring as the organiser, then every
// (non-chief) judge signs in and marks through the public HTTP API at a person's pace: contestant
// after contestant, a mark every 1–4 s, now and then a correction (a new revision), and one panel
// set far apart so the chief judge gets a flag. Run by `npm run demo` (scripts/demo.mjs).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Contest, EventFile, Judge } from '../../shared/event-file/schema.ts';
import { ApiClient, HttpError, sleep } from './client.ts';
import { correctedValue, outlierCell, planFor, seededRng, simulated, valueFor, type Task } from './marks.ts';
import { printUrls } from './urls.ts';
import { counted } from '../../shared/plural.ts';

export interface SimulationOptions {
  baseUrl: string;
  adminPassword: string;
  file: EventFile;
  /** Address printed for people (PUBLIC_URL); baseUrl when absent. */
  publicUrl?: string;
  /** Print the organiser password with the addresses (the demo script chose it). */
  printPassword?: boolean;
  seed?: number;
  /** 2 marks twice as fast. */
  speed?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface SimulationStats {
  marks: number;
  corrections: number;
  refused: number;
}

export async function simulate(opts: SimulationOptions): Promise<SimulationStats> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const signal = opts.signal ?? new AbortController().signal;
  const api = new ApiClient(opts.baseUrl, signal);
  const stats: SimulationStats = { marks: 0, corrections: 0, refused: 0 };

  const admin = await retrying(() => api.organiserToken(opts.adminPassword), signal);
  const event = await findOrImportEvent(api, admin, opts.file, signal);
  for (const contest of event.contests) {
    if (contest.state === 'setup') await api.call('POST', `/contests/${contest.id}/state`, { to: 'scoring' }, admin);
  }
  printUrls(opts.publicUrl ?? opts.baseUrl, event, opts.file, log, opts.printPassword ? opts.adminPassword : undefined);

  const seed = opts.seed ?? Date.now() % 100_000;
  const speed = opts.speed && opts.speed > 0 ? opts.speed : 1;
  const runs: Promise<void>[] = [];
  for (const def of opts.file.contests) {
    const contestId = event.contests.find((c) => c.code === def.code)?.id;
    if (!contestId) continue;
    for (const judge of def.judges.filter(simulated)) {
      if (!judge.pin) {
        log(`  (judge ${judge.code} has no PIN in the event file: not simulated)`);
        continue;
      }
      const rng = seededRng(seed + runs.length * 7919);
      runs.push(runJudge({ api, eventId: event.id, contestId, def, judge, rng, speed, signal, stats, log }));
    }
  }
  const tally = () =>
    `${counted(stats.marks, 'mark', 'marks')} (${counted(stats.corrections, 'correction', 'corrections')})`;
  const report = setInterval(() => {
    log(`[demo] ${tally()} accepted${stats.refused ? `, ${stats.refused} refused` : ''}`);
  }, 30_000);
  try {
    await Promise.all(runs);
  } finally {
    clearInterval(report);
  }
  if (!signal.aborted) log(`[demo] every judge has finished: ${tally()}. The chief judges can now review.`);
  return stats;
}

async function findOrImportEvent(api: ApiClient, admin: string, file: EventFile, signal: AbortSignal) {
  // The server loads the demo event into an empty database as it starts; give it a moment.
  for (let i = 0; i < 30 && !signal.aborted; i++) {
    const found = (await api.events()).find((e) => e.name === file.name);
    if (found) return api.event(found.id);
    await sleep(1000, signal);
  }
  const created = await api.call<{ id: string }>('POST', '/events', file, admin);
  return api.event(created.id);
}

/** Retries a call while the server is unreachable (still starting, or restarting). */
async function retrying<T>(fn: () => Promise<T>, signal: AbortSignal, attempts = 120): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof HttpError || i >= attempts || signal.aborted) throw err;
      await sleep(1000, signal);
    }
  }
}

interface JudgeRun {
  api: ApiClient;
  eventId: string;
  contestId: string;
  def: Contest;
  judge: Judge;
  rng: () => number;
  speed: number;
  signal: AbortSignal;
  stats: SimulationStats;
  log: (m: string) => void;
}

async function runJudge(run: JudgeRun): Promise<void> {
  const { api, judge, rng, signal } = run;
  const outlier = outlierCell(run.def);
  const isOutlier = (t: Task) =>
    outlier !== null &&
    outlier.judge === judge.code &&
    outlier.contestant === t.contestant &&
    outlier.criterion === t.criterion.code;
  let token = '';
  const signIn = async () => {
    token = await retrying(() => api.judgeToken(run.eventId, judge.code, judge.pin!), signal);
  };
  await signIn();
  const done: { task: Task; value: number | boolean }[] = [];
  let waitingLogged = false;

  /** One mark, retried with the same clientId until the server answers it: it is stored once. */
  const submit = async (task: Task, value: number | boolean): Promise<boolean> => {
    const body = { contestant: task.contestant, criterion: task.criterion.code, value, clientId: randomUUID() };
    while (!signal.aborted) {
      try {
        await api.call('POST', `/contests/${run.contestId}/marks`, body, token);
        waitingLogged = false;
        return true;
      } catch (err) {
        if (signal.aborted) return false;
        if (!(err instanceof HttpError)) {
          await sleep(2000, signal); // the server is away (restarting?): try again
        } else if (err.status === 401) {
          await signIn();
        } else if (err.status === 409 || err.status === 429) {
          if (err.status === 409 && !waitingLogged) run.log(`[demo] ${judge.code}: ${err.message}; waiting`);
          waitingLogged = true;
          await sleep(10_000, signal);
        } else {
          run.stats.refused++;
          run.log(
            `[demo] ${judge.code}: ${task.contestant}/${task.criterion.code} = ${String(value)} refused: ${err.message}`,
          );
          return false;
        }
      }
    }
    return false;
  };

  await sleep((rng() * 2000) / run.speed, signal); // judges do not all start on the same second
  const tasks = planFor(run.def, judge);
  for (let i = 0; i < tasks.length && !signal.aborted;) {
    await sleep((1000 + rng() * 3000) / run.speed, signal);
    if (signal.aborted) break;
    const correctable = done.filter((d) => !isOutlier(d.task));
    if (correctable.length > 2 && rng() < 0.06) {
      const old = correctable[Math.floor(rng() * correctable.length)]!;
      const value = correctedValue(old.task, old.value, { judge: judge.code, rng });
      if (await submit(old.task, value)) {
        old.value = value;
        run.stats.marks++;
        run.stats.corrections++;
      }
      continue;
    }
    const task = tasks[i++]!;
    const value = valueFor(task, { judge: judge.code, rng, outlier: isOutlier(task) });
    if (await submit(task, value)) {
      done.push({ task, value });
      run.stats.marks++;
    }
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const password = env.ADMIN_PASSWORD;
  if (!password) throw new Error('ADMIN_PASSWORD must be set (the organiser password of the server)');
  const baseUrl = (env.JIANGXIN_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, '');
  const fileUrl = env.DEMO_EVENT_FILE ?? new URL('../../examples/new-economy-contest.json', import.meta.url);
  const file = JSON.parse(readFileSync(fileUrl, 'utf8')) as EventFile;
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => controller.abort());
  await simulate({
    baseUrl,
    adminPassword: password,
    file,
    publicUrl: env.PUBLIC_URL || undefined,
    printPassword: env.DEMO_PRINT_PASSWORD === '1',
    seed: env.DEMO_SEED ? Number(env.DEMO_SEED) : undefined,
    speed: env.DEMO_SPEED ? Number(env.DEMO_SPEED) : undefined,
    signal: controller.signal,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (err) => {
      if (err?.name === 'AbortError') process.exit(0);
      console.error(`[demo] the simulator stopped: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
