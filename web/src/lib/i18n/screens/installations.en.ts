// Messages of the organiser's installation keys and imported events' origins (English). Typed
// against the Chinese file: same keys.
import type { installationsZhCN } from './installations.zh-CN.ts';

export const installationsEn: Record<keyof typeof installationsZhCN, string> = {
  'installations.title': 'Installation keys and trust',
  'installations.lead':
    'This installation signs certifications and award certificates with its own key. Certificates of events imported from another installation show as “issued elsewhere” on the verify page unless that installation’s key is trusted here.',
  'installations.self': 'This installation',
  'installations.name': 'Name',
  'installations.fingerprint': 'Key fingerprint',
  'installations.publicKey': 'Public key',
  'installations.trusted': 'Trusted installations',
  'installations.noneTrusted': 'No other installation is trusted.',
  'installations.trustedBy': 'Trusted by {who} at {time}',
  'installations.untrust': 'Stop trusting',
  'installations.seen': 'Keys of imported events (not trusted)',
  'installations.seenEvents': 'Events: {events}',
  'installations.trust': 'Trust this key',
  'installations.add': 'Trust another installation’s public key',
  'installations.addKey': 'Public key (43 characters, from the other installation’s organisers)',
  'installations.addName': 'Name (optional)',
  'installations.addSubmit': 'Trust',
  'installations.unnamed': '(unnamed)',
  'installations.failed': 'That did not work: {message}',
  'installations.origin.title': 'Where this event came from',
  'installations.origin.from': 'Exported by {installation} (key fingerprint {fingerprint})',
  'installations.origin.unknown':
    'Exported by an unknown installation (an older archive, without origin or signatures)',
  'installations.origin.exported': 'Exported at {time}',
  'installations.origin.imported': 'Imported by {who} at {time}',
  'installations.origin.here': 'An archive of this installation: its certificates verify as valid.',
  'installations.origin.trusted': 'That installation’s key is trusted: the certificates verify as valid.',
  'installations.origin.untrusted':
    'That installation’s key is not trusted: this event’s certificates verify as “issued elsewhere”. Compare the key fingerprint with the other installation before trusting it.',
};
