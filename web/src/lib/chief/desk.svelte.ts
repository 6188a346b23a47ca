// The chief judge's desk as state: the contest's progress, kept fresh by polling and by the public
// board's socket, and the chief's actions (accept a flag, ask to re-mark, change state, correct).
import { untrack } from 'svelte';
import type { ContestProgress, RemarkRequest } from '$shared/judge.ts';
import type { ContestState, MarkResponse } from '$shared/api.ts';
import { failureOf, getJson, postJson, type Failure } from '$lib/api.ts';
import { LiveBoard } from '$lib/live.svelte.ts';
import type { JudgeSession } from '$lib/judge/session.ts';
import { newClientId } from '$shared/client-id.ts';

/** Polling is the fallback; socket updates usually refresh sooner. */
export const POLL_MS = 2500;

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: Failure };

export class ChiefDesk {
  progress = $state.raw<ContestProgress | null>(null);
  /** The last refusal of GET progress (401 expired session, 403 not chief…); null when fine. */
  loadError = $state.raw<Failure | null>(null);
  /** False while the server cannot be reached; the last progress stays on screen. */
  online = $state(true);
  updatedAt = $state<Date | null>(null);
  /** The cell the correction form works on (set from the matrix in review). */
  correctBib = $state('');
  correctCriterion = $state('');

  readonly session: JudgeSession;
  readonly contestId: string;
  readonly live: LiveBoard;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopEffects: (() => void) | null = null;
  #inflight: Promise<void> | null = null;
  #again = false;

  constructor(session: JudgeSession) {
    this.session = session;
    this.contestId = session.judge.contest;
    this.live = new LiveBoard(this.contestId, { highlightMs: 0 });
  }

  start(): void {
    if (this.#stopEffects) return;
    this.live.start();
    // Any change the public board hears of (a mark, a flag, a state) makes us read progress again.
    this.#stopEffects = $effect.root(() => {
      $effect(() => {
        const seq = this.live.board?.seq;
        if (seq !== undefined)
          untrack(() => (seq > (this.progress?.contest.seq ?? -1) ? void this.refresh() : undefined));
      });
    });
    this.#timer = setInterval(() => {
      if (!document.hidden) void this.refresh();
    }, POLL_MS);
    void this.refresh();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#stopEffects?.();
    this.#stopEffects = null;
    this.live.stop();
  }

  /** Reads progress; a call while one is running runs once more after it. */
  refresh(): Promise<void> {
    if (this.#inflight) {
      this.#again = true;
      return this.#inflight;
    }
    this.#inflight = this.#load().finally(() => {
      this.#inflight = null;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#inflight;
  }

  async #load(): Promise<void> {
    try {
      const next = await getJson<ContestProgress>(`/contests/${this.contestId}/progress`, {
        token: this.session.token,
      });
      // An answer older than the one shown (a slow poll overtaken by a refresh) is dropped.
      if (!this.progress || next.contest.seq >= this.progress.contest.seq) this.progress = next;
      this.loadError = null;
      this.online = true;
      this.updatedAt = new Date();
    } catch (cause) {
      const f = failureOf(cause);
      if (f.status === 0) this.online = false;
      else this.loadError = f;
    }
  }

  async #post<T>(path: string, body: unknown): Promise<Outcome<T>> {
    try {
      const value = await postJson<T>(path, body, { token: this.session.token });
      void this.refresh();
      return { ok: true, value };
    } catch (cause) {
      const error = failureOf(cause);
      if (error.status === 409) void this.refresh(); // the contest moved on: show where it is now
      return { ok: false, error };
    }
  }

  acceptFlag(contestant: string, criterion: string, reason: string) {
    return this.#post<{ resolved: boolean }>(`/contests/${this.contestId}/flags`, { contestant, criterion, reason });
  }

  requestRemark(contestant: string, criterion: string, judge: string | null, reason: string) {
    return this.#post<RemarkRequest>(`/contests/${this.contestId}/remarks`, {
      contestant,
      criterion,
      reason,
      ...(judge ? { judge } : {}),
    });
  }

  changeState(to: ContestState) {
    return this.#post<{ state: ContestState }>(`/contests/${this.contestId}/state`, { to });
  }

  /** A correction in review: a new mark under the chief judge's own code, with a reason. */
  correct(contestant: string, criterion: string, value: number | boolean, reason: string) {
    return this.#post<MarkResponse>(`/contests/${this.contestId}/marks`, {
      contestant,
      criterion,
      value,
      reason,
      clientId: newClientId(),
    });
  }
}
