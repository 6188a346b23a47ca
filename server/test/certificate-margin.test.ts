// Office printers cannot print to the edge of the sheet: the certificate's background and frame
// leave at least 5 mm of white paper at every edge. Rendered by poppler (pdftoppm) and read back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatesPdf } from '../exports/certificates-pdf.ts';

const DPI = 144;
const MM = DPI / 25.4;

/** The first page as RGB pixels (binary PPM). */
function render(pdf: Uint8Array): { width: number; height: number; at: (x: number, y: number) => number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cert-margin-'));
  writeFileSync(join(dir, 'c.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-r',
    String(DPI),
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'c.pdf'),
    join(dir, 'p'),
  ]);
  const ppm = readFileSync(join(dir, 'p.ppm'));
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  const at = (x: number, y: number) => [
    ...ppm.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3),
  ];
  return { width, height, at };
}

describe('certificate PDF', () => {
  it('leaves a blank band of 5 mm at every edge, and draws right inside it', async () => {
    const pdf = await certificatesPdf(
      {
        event: '2026年新业态劳动者职业技能竞赛',
        contest: '快递员',
        certification: {
          id: 1,
          digest: 'd'.repeat(64),
          certifiedBy: 'admin',
          certifiedAt: new Date('2026-12-07T08:00:00Z'),
        },
        certificates: [
          {
            code: 'ABCDEFGHIJ',
            bib: 'C001',
            name: '王秀英',
            organisation: '顺达速运',
            award: '一等奖',
            rank: 1,
            total: 96.5,
          },
        ],
        publicUrl: 'http://192.168.1.20:3000',
      },
      'zh-CN',
    );
    const { width, height, at } = render(pdf);
    const band = Math.ceil(5 * MM);
    const notWhite: string[] = [];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (x >= band && x < width - band && y >= band && y < height - band) continue;
        if (at(x, y).some((v) => v < 250)) notWhite.push(`${x},${y}`);
      }
    expect(notWhite.slice(0, 5), `${notWhite.length} pixels in the 5 mm band are not white`).toEqual([]);
    // The frame is still there, just inside the band (within 8 mm of the edge, at mid-height).
    const mid = Math.round(height / 2);
    const frame = Array.from({ length: Math.ceil(8 * MM) }, (_, x) => at(x, mid)).filter(
      ([r, g, b]) => r! > 150 && g! < 60 && b! < 60,
    );
    expect(frame.length).toBeGreaterThan(0);
  });
});
