// A refusal of an appeal request in the organiser's language: the server's code and params say
// which (a closed window, results not out yet, reopen first, decided already), so no parsing here.
import { errorMessage } from '$lib/i18n/index.ts';

export const refusalText = (cause: unknown): string => errorMessage(cause);
