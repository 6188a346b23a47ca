// Anonymous clients hammering what the public may read: each client, over its own keep-alive
// connection, asks one request after the other, every second one a certificate check
// (/verify/:code, the codes in turn) and the others the public reads in turn (boards, team table,
// certified results, the event). Counts what came back, by kind and status.
import { jsonClient } from './http.ts';

export interface FloodCounts {
  /** 200 answers whose status was "valid" (verify) or any 200 (the others). */
  answered: number;
  /** 503 unavailable:busy, with a Retry-After. */
  turnedAway: number;
  /** Anything else (a 200 verify that is not valid, a 503 without Retry-After, any other status): "status what". */
  wrong: string[];
}

export interface FloodFigures {
  clients: number;
  seconds: number;
  verify: FloodCounts;
  reads: FloodCounts;
}

const empty = (): FloodCounts => ({ answered: 0, turnedAway: 0, wrong: [] });

export function publicFlood(base: string, clients: number, codes: string[], reads: string[]) {
  const client = jsonClient(base, clients);
  const verify = empty();
  const others = empty();
  let stopped = false;
  const started = performance.now();
  const count = (into: FloodCounts, status: number, body: any, retryAfter: boolean, valid: boolean) => {
    if (status === 200 && valid) into.answered++;
    else if (status === 503 && retryAfter && body?.error?.params?.reason === 'busy') into.turnedAway++;
    else if (into.wrong.length < 20) into.wrong.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
  };
  const loop = async (k: number) => {
    for (let i = k; !stopped; i++) {
      const isVerify = i % 2 === 0;
      const path = isVerify
        ? `/api/v1/verify/${codes[(i >> 1) % codes.length]}`
        : `/api/v1${reads[(i >> 1) % reads.length]}`;
      const into = isVerify ? verify : others;
      try {
        const res = await client.request('GET', path);
        const valid = !isVerify || res.body?.status === 'valid';
        count(into, res.status, res.body, res.headers['retry-after'] !== undefined, valid);
      } catch (err) {
        count(into, 0, String(err), false, false);
      }
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, k) => loop(k)));
  return {
    verify,
    reads: others,
    /** Stops after the requests under way; what came back over the whole flood. */
    async stop(): Promise<FloodFigures> {
      stopped = true;
      await running;
      client.close();
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return { clients, seconds, verify, reads: others };
    },
  };
}

/** Answers per second. */
export const perSecond = (c: FloodCounts, seconds: number) => Math.round((c.answered / seconds) * 10) / 10;
