// Messages of the organiser's backup screens (English). Typed against the Chinese file: same keys.
import type { backupsZhCN } from './backups.zh-CN.ts';

export const backupsEn: Record<keyof typeof backupsZhCN, string> = {
  'backups.title': 'Backups',
  'backups.lead':
    'While a contest runs, the embedded database is snapshotted automatically: every few minutes during scoring and after every change of a contest’s state. If this computer fails, a snapshot brings every result back.',
  'backups.takeNow': 'Take a snapshot now',
  'backups.taking': 'Taking a snapshot…',
  'backups.taken': 'Snapshot {file} taken.',
  'backups.empty': 'No snapshots yet.',
  'backups.folder': 'Snapshots are kept in {dir}',
  'backups.col.time': 'Time',
  'backups.col.reason': 'Reason',
  'backups.col.size': 'Size',
  'backups.col.file': 'File',
  'backups.download': 'Download',
  'backups.reason.scheduled': 'Scheduled',
  'backups.reason.state': 'State change',
  'backups.reason.manual': 'Manual',
  'backups.restoreTitle': 'Restoring',
  'backups.restoreText':
    'Stop the server, then run this command on the server computer (without a file name it lists the snapshots). The current database is moved aside and kept, never deleted.',
  'backups.off':
    'Snapshots are off with a PostgreSQL database. Back it up with pg_dump, and move single events to another computer with their event archives.',
  'backups.failed': 'That did not work: {message}',
  'backups.archive.title': 'Event archive',
  'backups.archive.lead':
    'The archive holds everything about this event: contests, contestants, judges, every mark, state change and the audit log. Import it on another computer to carry on there.',
  'backups.archive.pins': 'Include what checks the judges’ PINs (judges sign in there with the same PINs)',
  'backups.archive.pinsOff':
    'Judges’ PINs are left out by default: after importing, issue new PINs and print new judge cards.',
  'backups.archive.pinsOn':
    'Careful: a 6-digit PIN can be found from this file offline in a few hours. Keep the file as safe as the PINs themselves; do not pass it around by chat or email.',
  'backups.archive.download': 'Download the event archive',
  'backups.import.title': 'Import an event archive',
  'backups.import.lead':
    'Choose an archive file (.json.gz) downloaded from another computer. The event is recreated as it was, with every mark; its event, contest and certificate ids and links stay the same.',
  'backups.import.file': 'Archive file',
  'backups.import.submit': 'Import',
  'backups.import.working': 'Importing…',
  'backups.import.done':
    '{count, plural, one {Event imported with # contest.} other {Event imported with # contests.}}',
  'backups.import.open': 'Open the event',
  'backups.import.refused': 'Not imported: {message}',
  'backups.import.auditOk': 'The audit log verifies ({entries, plural, one {# entry} other {# entries}}).',
  'backups.import.auditBad': 'Warning: the audit log does not verify ({problem}).',
  'backups.import.noPins':
    '{count, plural, one {The archive holds no PINs: # judge has no PIN on this computer yet. Issue a new PIN and print the judge card before marking.} other {The archive holds no PINs: # judges have no PIN on this computer yet. Issue new PINs and print the judge cards before marking.}}',
  'backups.import.issuePins': 'Issue new PINs',
};
