// Text of an uploaded CSV. Excel on a Chinese Windows machine saves CSV in GBK, everything else
// in UTF-8: bytes that are valid UTF-8 are read as UTF-8 (GBK text with Chinese characters is
// practically never valid UTF-8), anything else as GB18030, the superset of GBK.

export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array): DecodedText | null {
  try {
    // ignoreBOM: keep the mark so the CSV reader strips it the same way for every source.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return null;
  }
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Standard base64 (line breaks and spaces allowed, as tools wrap it; a `data:…;base64,` prefix
 * as FileReader.readAsDataURL gives is dropped); null when it is not base64.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64_RE.test(compact)) return null;
  try {
    const binary = atob(compact);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
