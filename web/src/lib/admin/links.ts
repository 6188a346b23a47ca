// Addresses the console links to: public pages (CONTRACT §10), the other console pages and the
// downloads of the exports API, all with the console's language.
import type { Locale } from '$lib/i18n/index.ts';

const enc = encodeURIComponent;

export const pages = {
  event: (eventId: string) => `/admin/events/${enc(eventId)}`,
  contest: (eventId: string, code: string) => `/admin/events/${enc(eventId)}/contests/${enc(code)}`,
  audit: (eventId: string) => `/admin/events/${enc(eventId)}/audit`,
  screens: (eventId: string) => `/admin/events/${enc(eventId)}/screens`,
  newEvent: () => '/admin/events/new',
  edit: (eventId: string) => `/admin/events/${enc(eventId)}/edit`,
  roster: (eventId: string) => `/admin/events/${enc(eventId)}/roster`,
  printJudges: (eventId: string) => `/admin/events/${enc(eventId)}/print/judges`,
  printContestants: (eventId: string) => `/admin/events/${enc(eventId)}/print/contestants`,
  results: (eventId: string) => `/results/${enc(eventId)}`,
  board: (eventId: string, code: string) => `/results/${enc(eventId)}/${enc(code)}`,
  display: (eventId: string, code?: string) => `/display/${enc(eventId)}${code ? `?contest=${enc(code)}` : ''}`,
  /** The reveal is run from the screens page, on a screen chosen there. */
  reveal: (eventId: string) => `/admin/events/${enc(eventId)}/screens`,
  verify: (code: string) => `/verify/${enc(code)}`,
};

export type ContestFile = 'export.csv' | 'export.xlsx' | 'results.pdf' | 'certificates.pdf';
export type EventFile = 'export.csv' | 'export.xlsx';

export const downloads = {
  contest: (contestId: string, file: ContestFile, lang: Locale) =>
    `/api/v1/contests/${enc(contestId)}/${file}?lang=${lang}`,
  event: (eventId: string, file: EventFile, lang: Locale) => `/api/v1/events/${enc(eventId)}/${file}?lang=${lang}`,
  /** The event file as stored (JSON, without PINs): importing it again gives an equal event. */
  eventJson: (eventId: string) => `/api/v1/events/${enc(eventId)}/file`,
};
