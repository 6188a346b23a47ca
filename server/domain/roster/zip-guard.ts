// Unpacking an uploaded ZIP (an XLSX workbook) with a cap, before exceljs sees it. exceljs hands
// the file to JSZip, which reads every central-directory entry whatever the end record counts and
// inflates every part into memory: a 1 MB upload can hide gigabytes (three uncounted 300 MB parts
// once took 10-17 s and 1.6-2 GB). So the directory is walked here entry by entry (ZIP64 records and data
// descriptors included), the declared sizes are summed, every part is really inflated under the
// byte budget (declared sizes can lie), and exceljs gets a new ZIP rebuilt from exactly the parts
// measured here, stored uncompressed: what it unpacks is what was counted, nothing else.
import { promisify } from 'node:util';
import { crc32, inflateRaw } from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw);

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const UTF8_NAMES = 0x0800;

export type ZipRefusal = 'unreadable' | 'too_large' | 'too_many_parts';
export type ZipUnpacked =
  { ok: true; zip: Buffer; unpacked: number; parts: number } | { ok: false; reason: ZipRefusal };

interface Entry {
  name: Buffer;
  utf8: boolean;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  local: number;
  time: number;
}

class Unreadable extends Error {}
const unreadable = (why: string): never => {
  throw new Unreadable(why);
};

/** A little-endian integer of `bytes` bytes at `at`, refusing reads past the end and values over 2^53. */
function uint(buf: Buffer, at: number, bytes: 2 | 4 | 8): number {
  if (at < 0 || at + bytes > buf.length) unreadable('truncated');
  if (bytes === 2) return buf.readUInt16LE(at);
  if (bytes === 4) return buf.readUInt32LE(at);
  const big = buf.readBigUInt64LE(at);
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? unreadable('ZIP64 value out of range') : Number(big);
}

/** Where the central directory starts and ends (before the ZIP64 record or the end record). */
function directory(buf: Buffer): { start: number; end: number } {
  let eocd = -1;
  // The end record is in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX16); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) unreadable('no end record');
  let start = uint(buf, eocd + 16, 4);
  let end = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = uint(buf, locator + 8, 8);
    if (uint(buf, record, 4) !== ZIP64_EOCD) unreadable('no ZIP64 end record');
    start = uint(buf, record + 48, 8);
    end = record;
  } else if (start === MAX32) unreadable('ZIP64 end record missing');
  if (start > end) unreadable('directory outside the file');
  return { start, end };
}

/** Sizes and offset an entry marks 0xFFFFFFFF are in its ZIP64 extra field, in this order. */
function zip64Values(extra: Buffer, e: Entry, raw: { size: number; compressed: number; local: number }): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        if (p + 8 > at + 4 + len) unreadable('short ZIP64 extra field');
        const v = uint(extra, p, 8);
        p += 8;
        return v;
      };
      if (raw.size === MAX32) e.size = next();
      if (raw.compressed === MAX32) e.compressed = next();
      if (raw.local === MAX32) e.local = next();
      return;
    }
    at += 4 + len;
  }
  if (raw.size === MAX32 || raw.compressed === MAX32 || raw.local === MAX32) unreadable('ZIP64 extra field missing');
}

/** Every entry of the central directory, however many the end record claims. */
function entries(buf: Buffer, maxParts: number): Entry[] {
  const { start, end } = directory(buf);
  const out: Entry[] = [];
  let at = start;
  while (at + 4 <= end && buf.readUInt32LE(at) === CENTRAL) {
    if (out.length === maxParts) throw new TooMany();
    const flags = uint(buf, at + 8, 2);
    const raw = { compressed: uint(buf, at + 20, 4), size: uint(buf, at + 24, 4), local: uint(buf, at + 42, 4) };
    const nameLen = uint(buf, at + 28, 2);
    const extraLen = uint(buf, at + 30, 2);
    const commentLen = uint(buf, at + 32, 2);
    if (at + 46 + nameLen + extraLen + commentLen > end) unreadable('entry runs past the directory');
    const e: Entry = {
      name: buf.subarray(at + 46, at + 46 + nameLen),
      utf8: (flags & UTF8_NAMES) !== 0,
      method: uint(buf, at + 10, 2),
      crc: uint(buf, at + 16, 4),
      time: uint(buf, at + 12, 4),
      ...raw,
    };
    zip64Values(buf.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen), e, raw);
    // Encrypted parts, and methods other than stored and deflated, are not what Excel or WPS write.
    if (flags & 0x0001 || (e.method !== 0 && e.method !== 8)) unreadable('encrypted or unknown method');
    out.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

class TooMany extends Error {}

/** The compressed bytes of an entry, found through its local header (sizes from the directory). */
function dataOf(buf: Buffer, e: Entry): Buffer {
  if (uint(buf, e.local, 4) !== LOCAL) unreadable('no local header');
  const start = e.local + 30 + uint(buf, e.local + 26, 2) + uint(buf, e.local + 28, 2);
  if (start + e.compressed > buf.length) unreadable('part runs past the end');
  return buf.subarray(start, start + e.compressed);
}

/**
 * Unpacks every part with at most `budget` bytes in total and at most `maxParts` parts; on
 * success `zip` is the same workbook rebuilt with those parts stored, for exceljs to read.
 */
export async function unpackZip(bytes: Uint8Array, budget: number, maxParts = 2_000): Promise<ZipUnpacked> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: { e: Entry; data: Buffer }[] = [];
  let unpacked = 0;
  try {
    const list = entries(buf, maxParts);
    if (list.length === 0) return { ok: false, reason: 'unreadable' };
    // What the entries declare is refused at once; what they hide is stopped while inflating.
    if (list.reduce((sum, e) => sum + e.size, 0) > budget) return { ok: false, reason: 'too_large' };
    for (const e of list) {
      const packed = dataOf(buf, e);
      let data: Buffer;
      if (e.method === 0) data = packed;
      else {
        try {
          data = await inflateRawAsync(packed, { maxOutputLength: Math.max(1, budget - unpacked + 1) });
        } catch (err) {
          if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
            return { ok: false, reason: 'too_large' };
          }
          return { ok: false, reason: 'unreadable' };
        }
      }
      unpacked += data.length;
      if (unpacked > budget) return { ok: false, reason: 'too_large' };
      // A header that lies about its part is a damaged or crafted file.
      if (data.length !== e.size || crc32(data) !== e.crc) return { ok: false, reason: 'unreadable' };
      parts.push({ e, data });
    }
  } catch (err) {
    if (err instanceof TooMany) return { ok: false, reason: 'too_many_parts' };
    if (err instanceof Unreadable) return { ok: false, reason: 'unreadable' };
    throw err;
  }
  return { ok: true, zip: storedZip(parts), unpacked, parts: parts.length };
}

/**
 * The fields a local header (at +4) and a central-directory header (at +6, after "made by") share:
 * version needed, flags, method (0: stored), time and date, CRC, both sizes, name length.
 */
function writeShared(out: Buffer, at: number, e: Entry, size: number): void {
  out.writeUInt16LE(10, at);
  out.writeUInt16LE(e.utf8 ? UTF8_NAMES : 0, at + 2);
  out.writeUInt32LE(e.time, at + 6);
  out.writeUInt32LE(e.crc, at + 10);
  out.writeUInt32LE(size, at + 14);
  out.writeUInt32LE(size, at + 18);
  out.writeUInt16LE(e.name.length, at + 22);
}

/** A plain ZIP of the parts, stored (method 0): no ZIP64, no data descriptors, no extra fields. */
function storedZip(parts: readonly { e: Entry; data: Buffer }[]): Buffer {
  const localSize = parts.reduce((n, p) => n + 30 + p.e.name.length + p.data.length, 0);
  const centralSize = parts.reduce((n, p) => n + 46 + p.e.name.length, 0);
  const out = Buffer.alloc(localSize + centralSize + 22);
  let at = 0;
  let central = localSize;
  for (const { e, data } of parts) {
    out.writeUInt32LE(LOCAL, at);
    writeShared(out, at + 4, e, data.length);
    e.name.copy(out, at + 30);
    data.copy(out, at + 30 + e.name.length);
    out.writeUInt32LE(CENTRAL, central);
    out.writeUInt16LE(10, central + 4);
    writeShared(out, central + 6, e, data.length);
    out.writeUInt32LE(at, central + 42);
    e.name.copy(out, central + 46);
    at += 30 + e.name.length + data.length;
    central += 46 + e.name.length;
  }
  out.writeUInt32LE(EOCD, central);
  out.writeUInt16LE(parts.length, central + 8);
  out.writeUInt16LE(parts.length, central + 10);
  out.writeUInt32LE(centralSize, central + 12);
  out.writeUInt32LE(localSize, central + 16);
  return out;
}
