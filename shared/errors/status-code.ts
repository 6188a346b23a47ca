// The error code to word a failed answer by when it carries none of its own (a proxy's page,
// a bare 502, a captive portal): the code CONTRACT §2 gives that status.
const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

export const codeForStatus = (status: number): string =>
  CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'unknown');
