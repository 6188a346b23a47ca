// The validation issues of a refused request (400), to show next to the fields they name.
import { ApiRequestError } from '$lib/api.ts';

export function issuesOf(cause: unknown): { path: string; message: string }[] {
  return cause instanceof ApiRequestError ? (cause.body.error.issues ?? []) : [];
}
