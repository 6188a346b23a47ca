// Content-Disposition for downloads: an ASCII filename for old clients and filename* (RFC 6266 /
// RFC 5987) in UTF-8, so a browser saves "快递员-成绩.xlsx" with its Chinese name.
export function attachment(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_')).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
