// What the printed contestant lists show. An open contest: one sign-in sheet with everything. A blind
// contest (加密, CONTRACT §7) must not put a bib or a name beside a station on any paper that reaches
// the hall before certification, so it prints three forms, each on its own:
// - the sign-in sheet (签到表) for the check-in desk: bib, name, organisation, signature; no station;
// - the station sheet (工位表) for the hall and the judges: stations only, with a tick for "present";
// - the sealed list (工位对照表) for the check-in lead: bib, name and station, kept sealed until certified.
import type { Contest } from '$shared/event-file/schema.ts';

export type SheetColumn = 'bib' | 'name' | 'organisation' | 'station' | 'sign' | 'present';
export type BlindForm = 'signin' | 'stations' | 'sealed';
export const BLIND_FORMS: readonly BlindForm[] = ['signin', 'stations', 'sealed'];

export interface SheetRow {
  key: string;
  bib: string;
  name: string;
  organisation: string;
  station: string;
  /** The contestant's status when not active, worded. */
  status: string | null;
}

export interface SheetPlan {
  form: 'open' | BlindForm;
  columns: SheetColumn[];
  rows: SheetRow[];
}

const COLUMNS: Record<SheetPlan['form'], SheetColumn[]> = {
  open: ['bib', 'name', 'organisation', 'station', 'sign'],
  signin: ['bib', 'name', 'organisation', 'sign'],
  stations: ['station', 'present'],
  sealed: ['station', 'bib', 'name', 'organisation'],
};

const byStation = (a: SheetRow, b: SheetRow) => a.station.localeCompare(b.station, 'en', { numeric: true });

export function sheetFor(
  contest: Pick<Contest, 'blind' | 'contestants'>,
  form: BlindForm,
  organisationName: (code: string) => string,
  statusName: (status: string) => string,
): SheetPlan {
  const shown: SheetPlan['form'] = contest.blind ? form : 'open';
  const all: SheetRow[] = contest.contestants.map((p) => ({
    key: p.bib,
    bib: p.bib,
    name: p.name,
    organisation: organisationName(p.organisation),
    station: p.station ?? '',
    status: p.status && p.status !== 'active' ? statusName(p.status) : null,
  }));
  if (shown === 'stations') {
    // Nothing but the station, in station order (the sign-in order would follow the bibs).
    const rows = all
      .filter((r) => r.station !== '')
      .map((r) => ({ ...r, key: r.station, bib: '', name: '', organisation: '', status: null }))
      .sort(byStation);
    return { form: shown, columns: COLUMNS.stations, rows };
  }
  if (shown === 'sealed') return { form: shown, columns: COLUMNS.sealed, rows: [...all].sort(byStation) };
  if (shown === 'signin')
    return { form: shown, columns: COLUMNS.signin, rows: all.map((r) => ({ ...r, station: '' })) };
  return { form: shown, columns: COLUMNS.open, rows: all };
}
