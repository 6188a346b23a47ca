// Messages about the public address printed in QR codes, on judge cards and certificates (English).
// Typed against the Chinese file: same keys.
import type { siteZhCN } from './site.zh-CN.ts';

export const siteEn: Record<keyof typeof siteZhCN, string> = {
  'site.title': 'Public address',
  'site.lead':
    'The address printed in QR codes, on judge cards and on certificates: phones and tablets at the venue must be able to open it.',
  'site.current': 'Current address',
  'site.source.env': 'set by PUBLIC_URL on the server',
  'site.source.chosen': 'chosen by the organiser',
  'site.source.request': 'the address of this page',
  'site.source.detected': 'detected automatically',
  'site.source.loopback': 'this computer only',
  'site.banner.title': 'Phones and tablets cannot open the current address',
  'site.banner.text':
    'QR codes, judge cards and certificates would carry {url}, which only this computer can open. Choose the address on the venue network.',
  'site.choose.candidates': 'This computer’s network addresses',
  'site.choose.use': 'Use this address',
  'site.choose.other': 'Another address',
  'site.choose.otherHint': 'e.g. http://192.168.1.20:3000, or a reverse proxy’s domain name',
  'site.choose.save': 'Save',
  'site.choose.auto': 'Back to automatic detection',
  'site.choose.none':
    'No network address found: connect this computer to the venue network (Wi-Fi or cable), or type the address below.',
  'site.choose.fixed': 'PUBLIC_URL on the server sets the address; change it there.',
  'site.choose.saved': 'Saved: QR codes and certificates will use {url}.',
  'site.certify.address': 'QR code and verification address on the certificates',
  'site.certify.confirm': 'This address is right: phones at the venue can open it',
  'site.certify.confirmRequired': 'Confirm or choose the address on the certificates first.',
  'site.certify.loopback':
    'Only this computer can open this address: printed on certificates it would be wrong forever. Choose the address on the venue network first.',
  'site.print.address': 'Sign-in address on the cards: {url}',
  'site.print.loopback':
    'The cards would carry {url}: tablets that scan them cannot open it. Choose the address on the venue network first.',
  'site.print.confirmTitle': 'Only this computer can open the address on the cards',
  'site.print.confirmText':
    'Judges scanning these cards’ QR codes with their tablets will not be able to sign in. Print them anyway?',
  'site.print.anyway': 'Print anyway',
  'site.download.needsAddress': 'Choose the public address above before printing certificates.',
};
