// A Socket.IO parser that sends a payload encoded once to every socket that asks for it. Each
// `watch` ack carries a whole board (tens of KB at a few hundred rows); the default parser runs
// JSON.stringify for every ack, so 1,000 phones re-watching after a Wi-Fi drop cost 1,000 encodings
// of the same board. Here an ack whose only argument is a PreEncoded value is written as its
// packet header followed by the JSON made once, and queued acks share that one string. The wire
// format is the default parser's: clients need nothing special.
import { Decoder, Encoder, PacketType, protocol, type Packet } from 'socket.io-parser';

/** A value with its JSON made once; sent as is by the parser below, and as the value elsewhere. */
export class PreEncoded<T> {
  readonly json: string;
  constructor(readonly value: T) {
    this.json = JSON.stringify(value);
  }
  /** Any other encoder (another parser, a log line) sees the value itself. */
  toJSON(): T {
    return this.value;
  }
}

class SharingEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const args: unknown = packet.data;
    const only = Array.isArray(args) && args.length === 1 ? args[0] : undefined;
    if (!(only instanceof PreEncoded) || (packet.type !== PacketType.ACK && packet.type !== PacketType.EVENT)) {
      return super.encode(packet);
    }
    // As socket.io-parser's encodeAsString: type, namespace (unless "/") and a comma, ack id, data.
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    return [`${packet.type}${nsp}${packet.id ?? ''}[${only.json}]`];
  }
}

/** For `new Server(http, { parser })`. */
export const sharingParser = { protocol, PacketType, Encoder: SharingEncoder, Decoder };
