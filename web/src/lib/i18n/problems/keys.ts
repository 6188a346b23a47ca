// What the web app can be told went wrong: the server's refusals (shared/errors) and its own.
import type { ErrorKey } from '$shared/errors/index.ts';

/** Failures the client itself meets: no answer, no answer in time, an answer it cannot read. */
export const CLIENT_ERRORS = ['network_error', 'timeout', 'unknown'] as const;
export type ClientErrorKey = (typeof CLIENT_ERRORS)[number];

export type ProblemKey = ErrorKey | ClientErrorKey;
