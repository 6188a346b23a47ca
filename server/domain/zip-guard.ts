// How much an uploaded ZIP (an XLSX workbook) unpacks to, measured by unpacking it with a cap:
// exceljs unpacks every part into memory, so a few kilobytes of "zip bomb" (a shared-strings
// part of gigabytes of repeated text) would take the whole server down. The sizes a ZIP declares
// can lie, so each part is really inflated, and the inflating stops at the budget.
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw);

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export type ZipCheck = { ok: true; unpacked: number } | { ok: false; reason: 'unreadable' | 'too_large' };

/** Unpacks every part with at most `budget` bytes in total; reports whether the file stays within it. */
export async function checkZipSize(bytes: Uint8Array, budget: number, maxEntries = 10_000): Promise<ZipCheck> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: 'unreadable' };
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  // ZIP64 markers: an XLSX that fits in a request never needs them.
  if (count === 0xffff || at === 0xffffffff || count > maxEntries) return { ok: false, reason: count > maxEntries ? 'too_large' : 'unreadable' };
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: 'unreadable' };
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'unreadable' };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return { ok: false, reason: 'unreadable' };
    const data = buf.subarray(start, start + compressed);
    if (method === 0) unpacked += compressed;
    else if (method === 8) {
      try {
        unpacked += (await inflateRawAsync(data, { maxOutputLength: Math.max(1, budget - unpacked + 1) })).length;
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'too_large' };
        return { ok: false, reason: 'unreadable' };
      }
    } else return { ok: false, reason: 'unreadable' };
    if (unpacked > budget) return { ok: false, reason: 'too_large' };
  }
  return { ok: true, unpacked };
}
