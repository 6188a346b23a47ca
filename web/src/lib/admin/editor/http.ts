// The validation issues of a refused request (400), to show next to the fields they name.
import { ApiRequestError } from '$lib/api.ts';
import type { WireIssue } from '$shared/errors/index.ts';

export function issuesOf(cause: unknown): WireIssue[] {
  return cause instanceof ApiRequestError ? (cause.body.error.issues ?? []) : [];
}
