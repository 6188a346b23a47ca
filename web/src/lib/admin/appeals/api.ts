// Typed calls of the appeal endpoints for the organiser console (the session cookie signs them).
import { getJson, postJson, type ContestDetail } from '$lib/api.ts';
import type { Appeal, AppealBody, ContestAppeals, DecisionBody, EventAppeals } from '$shared/appeals-api.ts';
import type { Mark } from '$shared/api.ts';

const enc = encodeURIComponent;

export const listContestAppeals = (contestId: string) => getJson<ContestAppeals>(`/contests/${enc(contestId)}/appeals`);

export const listEventAppeals = (eventId: string) => getJson<EventAppeals>(`/events/${enc(eventId)}/appeals`);

export const submitAppeal = (contestId: string, body: AppealBody) =>
  postJson<Appeal>(`/contests/${enc(contestId)}/appeals`, body);

export const decideAppeal = (appealId: string, body: DecisionBody) =>
  postJson<Appeal>(`/appeals/${enc(appealId)}/decision`, body);

/** The contest's criteria definitions: the decision form checks a correction's value with them. */
export const getContest = (contestId: string) => getJson<ContestDetail>(`/contests/${enc(contestId)}`);

/** Every revision of every mark (organiser): the decision form shows whose mark a correction replaces. */
export const listMarks = (contestId: string) =>
  getJson<{ marks: (Mark & { seq: number; shadow: boolean })[] }>(`/contests/${enc(contestId)}/marks`);
