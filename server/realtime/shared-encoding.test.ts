// Watch answers encoded once must reach clients exactly as the default parser would send them.
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { PreEncoded, sharingParser } from './shared-encoding.ts';

const board = { contest: 'c1', seq: 7, state: 'scoring', rows: [{ bib: 'A', name: '张三 "引号"', rank: 1 }] };

function decoded(encoded: unknown[]): Packet {
  const decoder = new Decoder();
  let out: Packet | undefined;
  decoder.on('decoded', (p: Packet) => (out = p));
  for (const part of encoded) decoder.add(part as string);
  return out!;
}

describe('the sharing parser', () => {
  const sharing = new sharingParser.Encoder();
  const plain = new Encoder();

  it('writes an ack of a PreEncoded value as the default parser writes the value', () => {
    for (const nsp of ['/live', '/']) {
      for (const id of [0, 42, undefined]) {
        for (const type of [PacketType.ACK, PacketType.EVENT]) {
          const data = type === PacketType.ACK ? [board] : ['leaderboard', board];
          const shared = type === PacketType.ACK ? [new PreEncoded(board)] : ['leaderboard', board];
          expect(sharing.encode({ type, nsp, id, data: shared })).toEqual(plain.encode({ type, nsp, id, data }));
        }
        const ack = sharing.encode({ type: PacketType.ACK, nsp, id, data: [new PreEncoded(board)] });
        const withId = id === undefined ? {} : { id };
        expect(decoded(ack)).toMatchObject({ type: PacketType.ACK, nsp, data: [board], ...withId });
      }
    }
  });

  it('encodes the JSON once, whatever the number of sockets it is sent to', () => {
    const answer = new PreEncoded(board);
    let stringified = 0;
    const toJSON = answer.toJSON.bind(answer);
    answer.toJSON = () => (stringified++, toJSON());
    for (let id = 0; id < 100; id++) sharing.encode({ type: PacketType.ACK, nsp: '/live', id, data: [answer] });
    expect(stringified).toBe(0);
    // Anything else that serialises it sees the value itself.
    expect(JSON.parse(JSON.stringify({ answer }))).toEqual({ answer: board });
  });

  it('leaves every other packet to the default parser', () => {
    const packets: Packet[] = [
      { type: PacketType.CONNECT, nsp: '/live', data: { sid: 'x' } },
      { type: PacketType.ACK, nsp: '/live', id: 3, data: [{ ok: true }] },
      { type: PacketType.ACK, nsp: '/live', id: 4, data: [new PreEncoded(board), 'second'] },
      { type: PacketType.EVENT, nsp: '/live', data: ['bin', Buffer.from([1, 2, 3])] },
    ];
    for (const p of packets) expect(sharing.encode(p)).toEqual(plain.encode(p));
  });
});
