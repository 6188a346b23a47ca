// Turns a failed API call in a load function into SvelteKit's error page (translated in +error.svelte).
import { error } from '@sveltejs/kit';
import { ApiRequestError } from './api.ts';

export function pageError(cause: unknown): never {
  if (cause instanceof ApiRequestError) {
    const status = cause.status >= 400 && cause.status <= 599 ? cause.status : 503;
    const { message, code, params, issues } = cause.body.error;
    error(status, { message, code, params, issues });
  }
  throw cause;
}
