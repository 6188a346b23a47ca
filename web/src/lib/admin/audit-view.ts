// The audit log as a person reads it: entry kinds with names, who did it, and a one-line summary
// of each entry's data. Pure: no I/O, no runes; translations are passed in.
import type { AuditEntryView } from '$shared/admin-api.ts';

/** Kinds the server writes today; the filter offers these (others still show, by their code). */
export const AUDIT_KINDS = [
  'mark',
  'state',
  'flag.resolved',
  'remark.requested',
  'freeze',
  'unfreeze',
  'appeal',
  'appeal_decision',
  'settings',
  'event.imported',
  'event_edit',
  'pins_reset',
  'roster',
  'organisations_added',
  'screen.mode',
  'announcement',
  'announcement.withdrawn',
] as const;
export type KnownKind = (typeof AUDIT_KINDS)[number];
export const isKnownKind = (k: string): k is KnownKind => (AUDIT_KINDS as readonly string[]).includes(k);

export interface AuditNames {
  contest: (id: string) => string;
  criterion: (contestId: string | null, code: string) => string;
  judge: (code: string) => string;
  state: (s: string) => string;
  /** "reason", "revision"… in the current language */
  word: (w: 'reason' | 'revision' | 'appealWindow' | 'decision' | 'pass' | 'fail') => string;
  /** A big screen's mode (shared/screens.ts), worded; its code when absent. */
  mode?: (kind: string) => string;
}

/** "judge:c-j2" → the judge's name and code; "organiser:admin" → admin. */
export function actorLabel(actor: string, names: Pick<AuditNames, 'judge'>): string {
  if (actor.startsWith('judge:')) {
    const code = actor.slice(6);
    const name = names.judge(code);
    return name === code ? code : `${name} (${code})`;
  }
  if (actor.startsWith('organiser:')) return actor.slice(10);
  return actor;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The entry's data in one line: who/what it is about and the value or the change. */
export function summary(e: AuditEntryView, n: AuditNames): string {
  const d = e.data;
  const about = d.contestant
    ? `${str(d.contestant)}${d.criterion ? ` · ${n.criterion(e.contest, str(d.criterion))}` : ''}`
    : '';
  const reason = d.reason ? ` — ${n.word('reason')}: ${str(d.reason)}` : '';
  switch (e.kind) {
    case 'mark': {
      const judge = str(d.judge);
      const by = judge.startsWith('@') ? judge.slice(1) : n.judge(judge);
      // A pass/fail mark reads 合格 / 不合格, never "true".
      const value = typeof d.value === 'boolean' ? n.word(d.value ? 'pass' : 'fail') : str(d.value);
      return `${about} = ${value} (${by}, ${n.word('revision')} ${str(d.revision)})${reason}`;
    }
    case 'state':
      return `${n.state(str(d.from))} → ${n.state(str(d.to))}${reason}`;
    case 'flag.resolved':
    case 'remark.requested':
      return `${about}${d.judge ? ` (${n.judge(str(d.judge))})` : ''}${reason}`;
    case 'appeal':
      return `${about}: ${str(d.text)}`;
    case 'appeal_decision':
      return `${about}: ${n.word('decision')} ${str(d.decision)}${reason}`;
    case 'settings':
      return `${n.word('appealWindow')}: ${str((d.previous as { appealWindowMinutes?: unknown } | undefined)?.appealWindowMinutes)} → ${str(d.appealWindowMinutes)}`;
    case 'event.imported':
      return str(d.name);
    case 'screen.mode': {
      const m = (d.mode ?? null) as { kind: string; contest?: string; text?: string; seconds?: number } | null;
      const what = m ? [n.mode?.(m.kind) ?? m.kind, m.contest, m.text, m.seconds].filter((x) => x !== undefined) : [];
      return `${str(d.screen)} → ${m ? what.join(' · ') : (n.mode?.('address') ?? '—')}`;
    }
    case 'announcement':
    case 'announcement.withdrawn':
      return str(d.text);
    case 'organisations_added':
      return (Array.isArray(d.organisations) ? (d.organisations as { code: string; name: string }[]) : [])
        .map((o) => `${o.name} (${o.code})`)
        .join(', ');
    default:
      return about || (e.contest ? n.contest(e.contest) : '');
  }
}
