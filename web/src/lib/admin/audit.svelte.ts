// The audit page's state: filters, the page shown (paged forward by `after`, back by a stack of the
// pages seen), and the hash chain's verification.
import type { AuditEntryView, AuditPage, AuditVerification } from '$shared/admin-api.ts';
import { getJson, failureOf, type Failure } from '$lib/api.ts';

export const AUDIT_PAGE = 50;

export interface AuditFilters {
  contest: string;
  judge: string;
  contestant: string;
  kind: string;
}

export class AuditLog {
  filters = $state<AuditFilters>({ contest: '', judge: '', contestant: '', kind: '' });
  entries = $state.raw<AuditEntryView[]>([]);
  loading = $state(false);
  error = $state.raw<Failure | null>(null);
  chain = $state.raw<AuditVerification | null>(null);
  chainError = $state.raw<Failure | null>(null);
  verifying = $state(false);
  /** `after` of the page shown, and of the pages before it. */
  after = $state(0);
  #back: number[] = [];
  canGoBack = $state(false);

  readonly eventId: string;
  #loads = 0;

  constructor(eventId: string) {
    this.eventId = eventId;
  }

  get hasMore(): boolean {
    return this.entries.length === AUDIT_PAGE;
  }

  get filtered(): boolean {
    return Object.values(this.filters).some((v) => v.trim() !== '');
  }

  #query(after: number): string {
    const q = new URLSearchParams({ after: String(after), limit: String(AUDIT_PAGE) });
    for (const [k, v] of Object.entries(this.filters)) if (v.trim()) q.set(k, v.trim());
    return q.toString();
  }

  async #show(after: number): Promise<boolean> {
    const mine = ++this.#loads;
    this.loading = true;
    try {
      const page = await getJson<AuditPage>(`/events/${encodeURIComponent(this.eventId)}/audit?${this.#query(after)}`);
      if (mine !== this.#loads) return false;
      this.entries = page.entries;
      this.after = after;
      this.error = null;
      return true;
    } catch (cause) {
      if (mine === this.#loads) this.error = failureOf(cause);
      return false;
    } finally {
      if (mine === this.#loads) this.loading = false;
    }
  }

  /** From the first entry, with the filters as they are now. */
  async first(): Promise<void> {
    this.#back = [];
    this.canGoBack = false;
    await this.#show(0);
  }

  async next(): Promise<void> {
    const last = this.entries.at(-1);
    if (!last) return;
    const from = this.after;
    if (await this.#show(last.n)) {
      this.#back.push(from);
      this.canGoBack = true;
    }
  }

  async previous(): Promise<void> {
    const to = this.#back.at(-1);
    if (to === undefined) return;
    if (await this.#show(to)) {
      this.#back.pop();
      this.canGoBack = this.#back.length > 0;
    }
  }

  /** The newest entries (the chain's length is known from its verification; unfiltered only). */
  async latest(): Promise<void> {
    const total = this.chain?.entries ?? 0;
    const after = Math.max(0, total - AUDIT_PAGE);
    this.#back = after > 0 ? [0] : [];
    this.canGoBack = this.#back.length > 0;
    await this.#show(after);
  }

  async verify(): Promise<void> {
    this.verifying = true;
    try {
      this.chain = await getJson<AuditVerification>(`/events/${encodeURIComponent(this.eventId)}/audit/verify`);
      this.chainError = null;
    } catch (cause) {
      this.chainError = failureOf(cause);
    } finally {
      this.verifying = false;
    }
  }
}
