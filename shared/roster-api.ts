// Preparing an event (organiser): roster preview and import from CSV/XLSX, editing the event
// file, new judge PINs. Request bodies as zod schemas, responses as types (server and web).
import { z } from 'zod';
import { code, judgeCode } from './event-file/schema.ts';
import type { EventFileIssue } from './event-file/rules.ts';
import type { NamedOrganisation, NewOrganisation, RosterCounts, RosterProblem, RosterRow } from './roster/index.ts';

export type {
  NamedOrganisation,
  NewOrganisation,
  RosterCounts,
  RosterProblem,
  RosterProblemCode,
  RosterProblemParams,
  RosterRow,
} from './roster/index.ts';

export const rosterBody = z.strictObject({
  contest: code,
  kind: z.enum(['contestants', 'judges']),
  format: z.enum(['csv', 'xlsx']),
  /** CSV text; base64 for XLSX, and for CSV when `encoding` is "base64" (GBK files sent as bytes). */
  content: z.string().min(1, 'the file is empty'),
  encoding: z.enum(['text', 'base64']).optional(),
  /** replace: the file becomes the contest's list; merge: the file's rows are added to it. */
  mode: z.enum(['replace', 'merge']),
  /**
   * Organisations to add to the event with this roster, as the organiser confirmed them (the
   * preview's `unknownOrganisations`, codes perhaps changed): added only if the import goes through.
   */
  addOrganisations: z
    .array(z.strictObject({ code: z.string().max(100), name: z.string().max(1000) }))
    .max(5000)
    .optional(),
});
export type RosterBody = z.infer<typeof rosterBody>;

export interface RosterPreview {
  kind: RosterBody['kind'];
  contest: string;
  rows: RosterRow[];
  problems: RosterProblem[];
  ok: boolean;
  counts: RosterCounts;
  /** headers that name no known column (their cells are not imported) */
  ignored: string[];
  /** advice on the contest as it would be (a judging panel too small …), never blocking */
  warnings: EventFileIssue[];
  /** how a CSV's bytes were read */
  encoding?: 'utf-8' | 'gb18030';
  /** cells that named an organisation by its name (or loosely) rather than its code */
  namedOrganisations: NamedOrganisation[];
  /** names no organisation of the event has, grouped, each with a proposed code: they can be added */
  unknownOrganisations: NewOrganisation[];
}

export interface RosterImportResult {
  imported: number;
  /** PINs generated for new judges that the file gave none: shown this once */
  judges?: { code: string; pin: string }[];
}

export interface EventEditResult {
  id: string;
  contests: { id: string; code: string }[];
  judges: { code: string; pin: string }[];
}

export const pinsBody = z.strictObject({
  judges: z.array(judgeCode).min(1, 'name at least one judge, or leave "judges" out for all').max(2000).optional(),
});

export interface JudgePin {
  code: string;
  name: string;
  /** contest code */
  contest: string;
  pin: string;
}

export interface PinsResult {
  pins: JudgePin[];
}
