// QR codes on cards (usually a vCard). jsQR reads RGBA only, binarises in 8-pixel blocks and runs on the calling
// thread, so it is given small images: the code is first located as a square patch of very dense edges (text never
// gets that dense over a square), cropped, and enlarged until its modules are a few pixels wide, which is what made
// jsQR read codes in photos that it missed at their own size.
import jsQRModule from 'jsqr';
import type { GrayImage } from './card-orientation.js';
import type { Quad, RgbImage } from './card-quad.js';
import { grayCrop, type Box } from './card-geometry.js';
import type { OpenCv } from './opencv.js';

// jsqr is CommonJS whose typings declare an ES default export: under NodeNext the default import is the exports
// object, which at run time is also the function itself (it carries a `.default` to itself).
const jsQR = jsQRModule.default;

export interface FoundQr {
  /** The decoded text, or null when a code is seen but cannot be read. */
  text: string | null;
  /** Where the code is, in the card's pixels: blanked out before OCR, which reads its modules as garbage. */
  box: Box;
}

/** Share of edge pixels in a block above which it looks like QR modules; text peaks near 0.2, codes near 0.4. */
const QR_DENSITY = 0.28;
/** Long side of the crop given to jsQR. */
const CROP_SIDES = [400, 560, 800, 1100];

/**
 * Looks for a QR code on the upright card. `edges` is the card's edge map at `edgeScale` (long lines erased).
 */
export function readQrCode(cv: OpenCv, card: RgbImage, edges: GrayImage, edgeScale: number): FoundQr | null {
  // No square of dense edges, no code: jsQR is not run at all, which keeps cards without a code fast. (A whole-card
  // attempt here found no code that the patch search missed, on 140 development cards.)
  const patch = densePatch(edges);
  if (!patch) return null;
  const margin = 0.2 * Math.max(patch.x1 - patch.x0, patch.y1 - patch.y0);
  const box = clampBox(
    { x0: (patch.x0 - margin) / edgeScale, y0: (patch.y0 - margin) / edgeScale, x1: (patch.x1 + margin) / edgeScale, y1: (patch.y1 + margin) / edgeScale },
    card,
  );
  for (const side of CROP_SIDES) {
    const crop = grayCrop(cv, card, box, side / Math.max(box.x1 - box.x0, box.y1 - box.y0));
    const code = decode(crop.gray);
    if (code) return { text: code.text, box: clampBox(toCard(code.box, crop.box, crop.scale), card) };
  }
  const square = (patch.x1 - patch.x0) / (patch.y1 - patch.y0);
  return square > 0.7 && square < 1.4 ? { text: null, box: clampBox({ x0: patch.x0 / edgeScale, y0: patch.y0 / edgeScale, x1: patch.x1 / edgeScale, y1: patch.y1 / edgeScale }, card) } : null;
}

function decode(gray: GrayImage): { text: string; box: Box } | null {
  const { data, width, height } = gray;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < data.length; i += 1, j += 4) {
    const v = data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  // Printed codes are dark on light; "attemptBoth" would double the time.
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  if (!code || !code.data) return null;
  const { topLeftCorner: tl, topRightCorner: tr, bottomRightCorner: br, bottomLeftCorner: bl } = code.location;
  const corners: Quad = [tl, tr, br, bl];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  return { text: code.data, box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) } };
}

function toCard(box: Box, crop: Box, scale: number): Box {
  return { x0: crop.x0 + box.x0 / scale, y0: crop.y0 + box.y0 / scale, x1: crop.x0 + box.x1 / scale, y1: crop.y0 + box.y1 / scale };
}

function clampBox(box: Box, image: { width: number; height: number }): Box {
  return {
    x0: Math.max(0, Math.floor(box.x0)),
    y0: Math.max(0, Math.floor(box.y0)),
    x1: Math.min(image.width, Math.ceil(box.x1)),
    y1: Math.min(image.height, Math.ceil(box.y1)),
  };
}

/** The bounding box of the largest cluster of dense edge blocks that holds a 3 × 3 block core, or null. */
function densePatch(edges: GrayImage): Box | null {
  const block = Math.max(8, Math.round(Math.max(edges.width, edges.height) / 50));
  const cols = Math.floor(edges.width / block);
  const rows = Math.floor(edges.height / block);
  const dense = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      let count = 0;
      for (let y = by * block; y < (by + 1) * block; y += 1) {
        for (let x = bx * block; x < (bx + 1) * block; x += 1) if (edges.data[y * edges.width + x]) count += 1;
      }
      dense[by * cols + bx] = count >= QR_DENSITY * block * block ? 1 : 0;
    }
  }
  let best: { box: Box; blocks: number } | null = null;
  const seen = new Uint8Array(cols * rows);
  for (let start = 0; start < dense.length; start += 1) {
    if (!dense[start] || seen[start]) continue;
    // Flood the cluster of dense blocks touching this one.
    const stack = [start];
    seen[start] = 1;
    let blocks = 0;
    let core = false;
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    while (stack.length > 0) {
      const at = stack.pop()!;
      const bx = at % cols;
      const by = Math.floor(at / cols);
      blocks += 1;
      box.x0 = Math.min(box.x0, bx);
      box.y0 = Math.min(box.y0, by);
      box.x1 = Math.max(box.x1, bx + 1);
      box.y1 = Math.max(box.y1, by + 1);
      core ||= by + 2 < rows && bx + 2 < cols && [0, 1, 2].every((j) => [0, 1, 2].every((i) => dense[(by + j) * cols + bx + i]));
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const nx = bx + dx;
        const ny = by + dy;
        const next = ny * cols + nx;
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && dense[next] && !seen[next]) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    if (core && (!best || blocks > best.blocks)) best = { box, blocks };
  }
  if (!best) return null;
  const { box } = best;
  return { x0: box.x0 * block, y0: box.y0 * block, x1: box.x1 * block, y1: box.y1 * block };
}

/** The card with the QR code painted over in the colour around it, so that OCR does not read its modules as text. */
export function blankOutQr(card: RgbImage, box: Box): Buffer {
  const out = Buffer.from(card.data);
  const pad = Math.round(0.06 * (box.x1 - box.x0));
  const x0 = Math.max(0, box.x0 - pad);
  const x1 = Math.min(card.width - 1, box.x1 + pad);
  const y0 = Math.max(0, box.y0 - pad);
  const y1 = Math.min(card.height - 1, box.y1 + pad);
  // The colour just outside the box: the card's background there.
  const fill = [0, 0, 0];
  let n = 0;
  const sample = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= card.width || y >= card.height) return;
    const i = (y * card.width + x) * 3;
    for (let c = 0; c < 3; c += 1) fill[c]! += card.data[i + c]!;
    n += 1;
  };
  for (let x = x0; x <= x1; x += 4) {
    sample(x, y0 - 3);
    sample(x, y1 + 3);
  }
  for (let y = y0; y <= y1; y += 4) {
    sample(x0 - 3, y);
    sample(x1 + 3, y);
  }
  const colour = fill.map((v) => (n > 0 ? Math.round(v / n) : 255));
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const i = (y * card.width + x) * 3;
      out[i] = colour[0]!;
      out[i + 1] = colour[1]!;
      out[i + 2] = colour[2]!;
    }
  }
  return out;
}
