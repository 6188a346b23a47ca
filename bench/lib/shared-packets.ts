// Receiving for a fleet of thousands of viewers in one process. A broadcast reaches every viewer
// as the same WebSocket message; decoding each copy from UTF-8 and parsing it as JSON would spend
// the fleet's CPU (shared with the server under test) on work that real viewers do on their own
// devices: profiled, Buffer.toString of board-sized messages took most of the fleet's time. So:
//   SharedTextWebSocket  the engine.io WebSocket transport, but a text message with the same bytes
//                        as one decoded a moment ago (compared byte for byte) reuses its string;
//   sharedParser         socket.io's parser, but each distinct broadcast packet is parsed once and
//                        its (read-only) result handed to every viewer receiving the same text;
//                        replies (watch acks) with the same arguments share them too, each in a
//                        list of its own (the client adds to that list).
// Every viewer still receives every byte on its own connection, and its own copy is compared.
import { NodeWebSocket } from 'engine.io-client';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** What each cache keeps, at most: a fleet that falls behind receives one broadcast over seconds. */
const CACHE_BYTES = 64 * 2 ** 20;
/** Smaller messages (pings, small acks) are decoded as usual; board updates (compact ones are a few hundred bytes) are shared. */
const SHARED_FROM_BYTES = 64;

interface Text {
  bytes: Buffer;
  text: string;
}
const textsByLength = new Map<number, Text[]>();
const textsInOrder: Text[] = [];
let textBytes = 0;

function sharedText(data: Buffer): string {
  if (data.length < SHARED_FROM_BYTES) return data.toString();
  const same = textsByLength.get(data.length);
  if (same) for (const t of same) if (t.bytes.equals(data)) return t.text;
  const t: Text = { bytes: Buffer.from(data), text: data.toString() };
  textsByLength.set(data.length, [...(same ?? []), t]);
  textsInOrder.push(t);
  textBytes += data.length;
  while (textBytes > CACHE_BYTES && textsInOrder.length > 1) {
    const old = textsInOrder.shift()!;
    textBytes -= old.bytes.length;
    const rest = textsByLength.get(old.bytes.length)!.filter((x) => x !== old);
    if (rest.length) textsByLength.set(old.bytes.length, rest);
    else textsByLength.delete(old.bytes.length);
  }
  return t.text;
}

interface WsMessages {
  onmessage: unknown;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
}

/** Pass in socket.io-client's `transports` option: `[SharedTextWebSocket]`. */
export class SharedTextWebSocket extends NodeWebSocket {
  override doOpen(): this {
    super.doOpen();
    // In place of the listener doOpen added, which decodes every text message itself.
    const ws = this.ws as WsMessages | undefined;
    if (ws) {
      ws.onmessage = null;
      ws.on('message', (data, isBinary) => this.onData(isBinary || !Buffer.isBuffer(data) ? data : sharedText(data)));
    }
    return this;
  }
}

const decodeOne = (Decoder.prototype as unknown as { decodeString: (this: Decoder, str: string) => Packet })
  .decodeString;

/** Values by the text they were parsed from; the oldest go once the texts pass CACHE_BYTES / 2 characters. */
class RecentByText<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;
  get(text: string): V | undefined {
    return this.map.get(text);
  }
  set(text: string, value: V): void {
    this.map.set(text, value);
    this.chars += text.length;
    while (this.chars > CACHE_BYTES / 2 && this.map.size > 1) {
      const oldest = this.map.keys().next().value!;
      this.chars -= oldest.length;
      this.map.delete(oldest);
    }
  }
}

const events = new RecentByText<Packet>();
const ackArgs = new RecentByText<unknown[]>();
const sizes = new WeakMap<object, number>();
/** An ack packet's head: type 3, the namespace, the ack id; its arguments (JSON) follow. */
const ACK_HEAD = /^3(\/[^,]*,)?(\d+)/;

function decodeShared(decoder: Decoder, str: string): Packet {
  if (str.length >= SHARED_FROM_BYTES) {
    const event = events.get(str);
    if (event) return event;
    const head = str.startsWith('3') ? ACK_HEAD.exec(str) : null;
    if (head) {
      // The same reply (a board) to many viewers: parse its arguments once, give each a list of its own.
      const json = str.slice(head[0].length);
      let args = ackArgs.get(json);
      if (!args) ackArgs.set(json, (args = JSON.parse(json) as unknown[]));
      if (Array.isArray(args))
        return { type: PacketType.ACK, nsp: head[1]?.slice(0, -1) ?? '/', id: Number(head[2]), data: [...args] };
    }
  }
  const packet = decodeOne.call(decoder, str);
  if (packet.type !== PacketType.EVENT || packet.id !== undefined) return packet;
  const payload = (packet.data as unknown[])[1];
  if (payload && typeof payload === 'object') sizes.set(payload, Buffer.byteLength(str));
  if (str.length >= SHARED_FROM_BYTES) events.set(str, packet);
  return packet;
}

class SharedDecoder extends Decoder {
  constructor() {
    super();
    // Decoder.add calls this.decodeString; an own property takes the prototype's place.
    Object.defineProperty(this, 'decodeString', { value: (str: string) => decodeShared(this, str) });
  }
}

/** Pass as socket.io-client's `parser` option. */
export const sharedParser = { Encoder, Decoder: SharedDecoder };

/** Bytes of the packet that carried this event payload. */
export const packetBytes = (payload: object): number | undefined => sizes.get(payload);
