// A minimal ZIP reader and writer for tests: reads the parts of an exported XLSX as text and
// builds hostile workbooks (a part replaced, a size that lies) without another dependency.
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export function readZip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const out = new Map<string, Buffer>();
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return out;
}

export interface ZipPart {
  /** the part's bytes; or give `deflated`, `size` and `crc` for a part too big to hold */
  data?: Buffer;
  /** the uncompressed size written into the headers (a lie, to test that it is not trusted) */
  declaredSize?: number;
  /** already deflated bytes of `data` (to build a bomb without holding it) */
  deflated?: Buffer;
  size?: number;
  crc?: number;
}

export interface ZipLayout {
  /** how many entries the end record counts (fewer than there are: entries it hides) */
  endCount?: number;
  /** sizes and offsets in ZIP64 extra fields, with ZIP64 end records, as some writers do */
  zip64?: boolean;
  /** CRC and sizes in a data descriptor after each part (zeros in the local header), as streaming writers do */
  descriptors?: boolean;
}

/** `size` bytes of "a", deflated without ever holding them: 1 MB blocks flushed and repeated. */
export function repeatedPart(size: number): ZipPart {
  const block = Buffer.alloc(1 << 20, 'a');
  const piece = deflateRawSync(block, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const blocks = Math.ceil(size / block.length);
  let crc = 0;
  for (let i = 0; i < blocks; i++) crc = crc32(block, crc);
  // A final empty fixed-Huffman block ends the stream.
  const deflated = Buffer.concat([...Array<Buffer>(blocks).fill(piece), Buffer.from([0x03, 0x00])]);
  return { deflated, size: blocks * block.length, crc };
}

const FF32 = 0xffffffff;

export function writeZip(parts: Map<string, ZipPart>, layout: ZipLayout = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of parts) {
    const nameBuf = Buffer.from(name, 'utf8');
    const body = part.deflated ?? deflateRawSync(part.data!);
    const size = part.declaredSize ?? part.size ?? part.data!.length;
    const crc = part.crc ?? crc32(part.data!);
    const flags = layout.descriptors ? 0x0008 : 0;
    const zip64 = layout.zip64 ?? false;
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    if (!layout.descriptors) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(zip64 ? FF32 : body.length, 18);
      local.writeUInt32LE(zip64 ? FF32 : size, 22);
    }
    local.writeUInt16LE(nameBuf.length, 26);
    // The local header's ZIP64 field holds the two sizes only.
    const localExtra = zip64 && !layout.descriptors ? Buffer.from(extra.subarray(0, 20)) : Buffer.alloc(0);
    if (localExtra.length) localExtra.writeUInt16LE(16, 2);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? FF32 : body.length, 20);
    central.writeUInt32LE(zip64 ? FF32 : size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(zip64 ? FF32 : offset, 42);
    const descriptor = Buffer.alloc(layout.descriptors ? (zip64 ? 24 : 16) : 0);
    if (layout.descriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      if (zip64) {
        descriptor.writeBigUInt64LE(BigInt(body.length), 8);
        descriptor.writeBigUInt64LE(BigInt(size), 16);
      } else {
        descriptor.writeUInt32LE(body.length, 8);
        descriptor.writeUInt32LE(size, 12);
      }
    }
    locals.push(local, nameBuf, localExtra, body, descriptor);
    centrals.push(central, nameBuf, extra);
    offset += 30 + nameBuf.length + localExtra.length + body.length + descriptor.length;
  }
  const dir = Buffer.concat(centrals);
  const count = layout.endCount ?? parts.size;
  const tail: Buffer[] = [];
  if (layout.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(dir.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + dir.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(layout.zip64 ? 0xffff : count, 8);
  eocd.writeUInt16LE(layout.zip64 ? 0xffff : count, 10);
  eocd.writeUInt32LE(layout.zip64 ? FF32 : dir.length, 12);
  eocd.writeUInt32LE(layout.zip64 ? FF32 : offset, 16);
  return Buffer.concat([...locals, dir, ...tail, eocd]);
}
