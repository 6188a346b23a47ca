// A QR code as one SVG path, made in the browser (uqr: no dependencies, no network).
import { encode } from 'uqr';

export interface QrPath {
  size: number; // modules per side, without the quiet zone
  d: string;
}

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let d = '';
  for (let y = 0; y < size; y++) {
    const line = data[y] ?? [];
    for (let x = 0; x < size; x++) {
      if (!line[x]) continue;
      // Join the dark modules of a run into one rectangle: a smaller path, no hairlines between them.
      let run = 1;
      while (x + run < size && line[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size, d };
}
