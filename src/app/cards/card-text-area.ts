// Where the print is, when the card's outline could not be found (a white card on a white desk, a card running off
// the edge of the photo): cropping to the print enlarges small text for OCR, where the whole photo would leave it
// small. Text that is already large enough is not enlarged further: blur grows with it, and reading got worse.
import type { GrayImage } from './card-orientation.js';
import type { Box } from './card-geometry.js';

/** Share of edge pixels ignored at each end when bounding the print: stray specks and texture far from the text. */
const TRIM = 0.01;

/**
 * The box (in `edges` pixels) around the print (all but the outermost 1 % of edge pixels along each axis, padded),
 * grown to at least `minSide` on its long side so as not to enlarge the text beyond what OCR reads best; null when
 * that box would be nearly the whole image.
 */
export function textArea(edges: GrayImage, minSide: number): Box | null {
  const { data, width, height } = edges;
  const columns = new Float64Array(width);
  const rows = new Float64Array(height);
  let total = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (!data[y * width + x]) continue;
      columns[x]! += 1;
      rows[y]! += 1;
      total += 1;
    }
  }
  if (total < 100) return null;
  const [x0, x1] = span(columns, total);
  const [y0, y1] = span(rows, total);
  const pad = 0.04 * Math.max(width, height);
  let box = { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad };
  const long = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  if (long < minSide) {
    const grow = minSide / long;
    const cx = (box.x0 + box.x1) / 2;
    const cy = (box.y0 + box.y1) / 2;
    const hw = ((box.x1 - box.x0) * grow) / 2;
    const hh = ((box.y1 - box.y0) * grow) / 2;
    box = { x0: cx - hw, y0: cy - hh, x1: cx + hw, y1: cy + hh };
  }
  const clamped = {
    x0: Math.max(0, Math.floor(box.x0)),
    y0: Math.max(0, Math.floor(box.y0)),
    x1: Math.min(width, Math.ceil(box.x1)),
    y1: Math.min(height, Math.ceil(box.y1)),
  };
  const longSide = Math.max(clamped.x1 - clamped.x0, clamped.y1 - clamped.y0);
  return longSide < 0.85 * Math.max(width, height) ? clamped : null;
}

function span(counts: Float64Array, total: number): [number, number] {
  let seen = 0;
  let first = 0;
  while (first < counts.length - 1 && seen + counts[first]! < TRIM * total) seen += counts[first++]!;
  seen = 0;
  let last = counts.length - 1;
  while (last > first && seen + counts[last]! < TRIM * total) seen += counts[last--]!;
  return [first, last + 1];
}
