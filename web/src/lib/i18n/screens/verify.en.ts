// Messages of the public verify screens (English). Typed against the Chinese file: same keys.
import type { verifyZhCN } from './verify.zh-CN.ts';
import { GLOSSARY } from '$shared/glossary.ts';

const words = GLOSSARY['en'];

export const verifyEn: Record<keyof typeof verifyZhCN, string> = {
  'verify.title': 'Certificate verification',
  'verify.lead':
    'Enter the verification code printed on an award certificate to check it against the certified results.',
  'verify.codeLabel': 'Verification code',
  'verify.codeHint': 'The 10 letters and digits on the certificate; any case, spaces and dashes are fine.',
  'verify.codeInvalid': 'A verification code has 10 letters or digits. Please check it and try again.',
  'verify.submit': 'Verify',
  'verify.another': 'Verify another certificate',
  'verify.valid': 'Valid certificate',
  'verify.validText': 'This certificate matches the results certified by the organisers.',
  'verify.superseded': 'Certificate no longer valid',
  'verify.supersededText':
    'The results of this contest were reopened for correction or certified again, so this certificate has been replaced. Ask the organisers for the new one.',
  'verify.mismatch': 'Certificate does not match the results',
  'verify.mismatchText':
    'The checks below failed. This certificate cannot be relied on; please contact the organisers.',
  'verify.elsewhere': 'Issued elsewhere',
  'verify.elsewhereText':
    'This certificate belongs to an event imported from another installation, which issued it (or did not sign it), so this installation cannot vouch for it. Please check it with the organisers who issued it.',
  'verify.checks': 'Checks',
  'verify.checkPassed': 'passed',
  'verify.checkFailed': 'failed',
  'verify.check.current': "These are the contest's current certified results",
  'verify.check.digest': 'The certified results are unchanged (their fingerprint matches)',
  'verify.check.marks': "Recomputing the results from the judges' marks gives the certified results",
  'verify.check.certificate': 'Name, organisation, rank, total and award match the certified results',
  'verify.check.audit':
    "The contest's records (contestants, judges, decisions, certification, certificates) are as the audit log recorded them",
  'verify.check.signature': 'Signed by this installation, or one it trusts, and the signatures hold',
  'verify.facts': 'Certificate details',
  'verify.event': 'Event',
  'verify.contest': 'Contest',
  'verify.name': 'Name',
  'verify.organisation': 'Organisation',
  'verify.bib': 'Bib',
  'verify.award': 'Award',
  'verify.rank': 'Rank',
  'verify.rankValue': 'No. {rank}',
  'verify.total': 'Total',
  'verify.certifiedAt': words.certification.certifiedAt,
  'verify.certifiedBy': words.certification.certifiedBy,
  'verify.digest': 'Results fingerprint',
  'verify.code': 'Verification code',
  'verify.by.organiser': 'Organisers ({name})',
  'verify.by.judge': 'Chief judge ({name})',
  'verify.by.other': '{name}',
  'verify.issuer': 'Issued by',
  'verify.issuer.here': 'This installation ({name})',
  'verify.issuer.trusted': 'A trusted installation ({name})',
  'verify.issuer.elsewhere': 'Another installation ({name})',
  'verify.issuer.unsigned': 'Not signed',
  'verify.fingerprint': 'Key fingerprint',
  'verify.notFound': 'Certificate not found',
  'verify.notFoundText':
    'No certificate has the code {code}. Check the code on the certificate and try again; if it still cannot be verified, contact the organisers.',
  'verify.resultsLink': 'Results of {contest}',
};
