// The judge tablet's state: session, cached sheet, outbox, connection. One instance per /judge page.
import type { JudgeSheet } from '$shared/judge.ts';
import type { MarkBody } from '$shared/api.ts';
import { ApiRequestError, getJson, type Failure } from '../api.ts';
import { clearSession, loadSession, saveSession, type JudgeSession } from './session.ts';
import { openJudgeDb, KvStore } from './idb.ts';
import { IdbOutboxStore } from './outbox-store.ts';
import { Outbox, type OutboxEntry, type OutboxPhase } from '$shared/judge-outbox/outbox.ts';
import { startWakeUps } from './outbox-wakeups.ts';
import type { SendError } from '$shared/judge-outbox/send.ts';
import { signInJudge, signOutJudge } from './auth.ts';
import { MarkIndex, criteriaOf, openRemarks } from './sheet-view.ts';
import { newClientId } from '$shared/client-id.ts';

export type Connection = 'online' | 'offline' | 'sending' | 'waiting' | 'signin';

const SHEET_KEY = 'sheet';
// The sheet (state, re-mark requests) is fetched again now and then, not after every mark: it
// holds all of this judge's marks and venue Wi-Fi is shared by every tablet.
const SHEET_POLL_MS = 60_000;
const SHEET_AFTER_SENDS_MS = 10_000;
const OFFLINE_CODES = new Set(['network_error', 'timeout']);

interface CachedSheet {
  judge: string;
  event: string;
  sheet: JudgeSheet;
}

export class JudgeApp {
  session = $state.raw<JudgeSession | null>(null);
  /** The server ended the session (401): waiting marks are kept until the judge signs in again. */
  sessionEnded = $state(false);
  sheet = $state.raw<JudgeSheet | null>(null);
  sheetError = $state.raw<SendError | null>(null);
  entries = $state.raw<readonly OutboxEntry[]>([]);
  phase = $state<OutboxPhase>('idle');
  nextAttemptAt = $state<number | null>(null);
  browserOnline = $state(true);
  /** The last request could not reach the server. */
  unreachable = $state(false);
  ready = $state(false);
  storageError = $state<string | null>(null);

  readonly index = $derived(new MarkIndex(this.sheet, this.entries));
  readonly criteria = $derived(this.sheet ? criteriaOf(this.sheet) : []);
  readonly remarks = $derived(openRemarks(this.sheet, this.entries));
  readonly judgeCode = $derived(this.session?.judge.code ?? null);
  readonly pending = $derived(this.entries.filter((e) => e.status === 'waiting' || e.status === 'sending'));
  /** Waiting marks of this judge; others' wait for their own judge to sign in. */
  readonly waitingCount = $derived(this.pending.filter((e) => e.judge === this.judgeCode).length);
  /** [judge code, count] of marks waiting for another judge to sign in on this tablet. */
  readonly othersWaiting = $derived.by(() => {
    const counts = new Map<string, number>();
    for (const e of this.pending) if (e.judge !== this.judgeCode) counts.set(e.judge, (counts.get(e.judge) ?? 0) + 1);
    return [...counts];
  });
  readonly refused = $derived(this.entries.filter((e) => e.status === 'refused' && e.judge === this.judgeCode));
  readonly markingOpen = $derived(
    !!this.sheet &&
      (this.sheet.contest.state === 'scoring' || (this.sheet.contest.state === 'review' && this.sheet.judge.chief)),
  );
  /** A chief correcting in review must give a reason (CONTRACT §5). */
  readonly needsReason = $derived(this.sheet?.contest.state === 'review');
  readonly connection: Connection = $derived.by(() => {
    if (!this.browserOnline || this.unreachable) return 'offline';
    if (this.sessionEnded) return 'signin';
    if (this.phase === 'sending') return 'sending';
    return this.waitingCount > 0 ? 'waiting' : 'online';
  });

  #outbox: Outbox | null = null;
  #kv: KvStore | null = null;
  #refreshing: Promise<void> | null = null;
  #stops: (() => void)[] = [];
  #received = 0;
  #refreshSoon: ReturnType<typeof setTimeout> | undefined;

  async init(): Promise<void> {
    const db = openJudgeDb();
    this.#kv = new KvStore(db);
    const outbox = new Outbox({
      store: new IdbOutboxStore(db),
      credentials: () =>
        this.session && !this.sessionEnded
          ? { token: this.session.token, judge: this.session.judge.code, event: this.session.event }
          : null,
      onSessionEnded: () => (this.sessionEnded = true),
    });
    this.#outbox = outbox;
    this.#stops.push(outbox.subscribe((s) => this.#onOutbox(s.entries, s.phase, s.nextAttemptAt, s.lastError)));
    this.browserOnline = navigator.onLine;
    const online = () => {
      this.browserOnline = true;
      void this.refreshSheet();
    };
    const offline = () => (this.browserOnline = false);
    addEventListener('online', online);
    addEventListener('offline', offline);
    const visible = () => document.visibilityState === 'visible' && void this.refreshSheet();
    document.addEventListener('visibilitychange', visible);
    const poll = setInterval(
      () => this.browserOnline && document.visibilityState === 'visible' && void this.refreshSheet(),
      SHEET_POLL_MS,
    );
    this.#stops.push(
      () => removeEventListener('online', online),
      () => removeEventListener('offline', offline),
      () => document.removeEventListener('visibilitychange', visible),
      () => clearInterval(poll),
    );

    this.session = loadSession();
    try {
      await outbox.load();
      if (this.session) await this.#loadCachedSheet(this.session);
    } catch (cause) {
      this.storageError = String(cause);
    }
    this.ready = true;
    this.#stops.push(startWakeUps(outbox));
    if (this.session) void this.refreshSheet();
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
    clearTimeout(this.#refreshSoon);
  }

  /** Signs in (typed or from a pairing link). Resolves to null on success, else why not. */
  async signIn(event: string, judge: string, pin: string): Promise<Failure | null> {
    const r = await signInJudge(event, judge, pin);
    if (!r.ok) {
      if (OFFLINE_CODES.has(r.error.code)) this.unreachable = true;
      return r.error;
    }
    const before = this.session;
    if (!before || before.judge.code !== r.session.judge.code || before.event !== r.session.event) {
      this.sheet = null;
      await this.#kv?.delete(SHEET_KEY).catch(() => undefined);
    }
    saveSession(r.session);
    this.session = r.session;
    this.sessionEnded = false;
    this.unreachable = false;
    void this.#outbox?.kick();
    await this.refreshSheet();
    return null;
  }

  /** 'blocked' while this judge still has marks waiting to be sent (unless discard is confirmed). */
  async signOut(discard = false): Promise<'blocked' | 'done'> {
    const s = this.session;
    if (!s) return 'done';
    if (this.waitingCount > 0 && !discard) return 'blocked';
    await this.#outbox?.discard(s.judge.code);
    if (!this.sessionEnded) void signOutJudge(s.token);
    clearSession();
    await this.#kv?.delete(SHEET_KEY).catch(() => undefined);
    this.session = null;
    this.sheet = null;
    this.sessionEnded = false;
    return 'done';
  }

  /** Saves a mark on the tablet (resolves once it is on disk), then it is sent. */
  async save(input: Omit<MarkBody, 'clientId'>): Promise<OutboxEntry> {
    const s = this.session;
    const sheet = this.sheet;
    if (!s || !sheet || !this.#outbox) throw new Error('not signed in');
    const body: MarkBody = { ...input, clientId: newClientId() };
    return this.#outbox.add({ contestId: sheet.contest.id, judge: s.judge.code, event: s.event, body });
  }

  dismiss(clientId: string): Promise<void> {
    return this.#outbox?.dismiss(clientId) ?? Promise.resolve();
  }

  sendNow(): void {
    void this.#outbox?.kick();
    void this.refreshSheet();
  }

  refreshSheet(): Promise<void> {
    if (!this.#refreshing) this.#refreshing = this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const s = this.session;
    if (!s || this.sessionEnded) return;
    try {
      const sheet = await getJson<JudgeSheet>('/judge/sheet', { token: s.token });
      if (this.session !== s) return; // signed out or in as someone else meanwhile
      this.sheet = sheet;
      this.sheetError = null;
      this.unreachable = false;
      await this.#kv?.set(SHEET_KEY, { judge: s.judge.code, event: s.event, sheet } satisfies CachedSheet);
      await this.#outbox?.prune(new Set(sheet.marks.map((m) => m.clientId)));
    } catch (cause) {
      if (!(cause instanceof ApiRequestError)) throw cause;
      if (cause.status === 401) this.sessionEnded = true;
      else if (cause.status === 0) this.unreachable = true;
      else this.sheetError = cause.body.error;
    }
  }

  async #loadCachedSheet(s: JudgeSession): Promise<void> {
    const cached = await this.#kv?.get<CachedSheet>(SHEET_KEY);
    if (cached && cached.judge === s.judge.code && cached.event === s.event) this.sheet = cached.sheet;
  }

  #onOutbox(
    entries: readonly OutboxEntry[],
    phase: OutboxPhase,
    next: number | null,
    lastError: SendError | null,
  ): void {
    this.entries = entries;
    this.phase = phase;
    this.nextAttemptAt = next;
    if (lastError) this.unreachable = OFFLINE_CODES.has(lastError.code);
    else if (phase === 'idle' && entries.some((e) => e.status === 'received')) this.unreachable = false;
    // After marks were received, fetch the sheet again a little later (one fetch for a run of saves).
    const received = entries.filter((e) => e.status === 'received').length;
    if (received > this.#received && this.#refreshSoon === undefined) {
      this.#refreshSoon = setTimeout(() => {
        this.#refreshSoon = undefined;
        void this.refreshSheet();
      }, SHEET_AFTER_SENDS_MS);
    }
    this.#received = received;
  }
}
