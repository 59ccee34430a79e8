// Which way up the card is, and how far it is tilted, from the layout of its text alone (no OCR, ~20 ms).
// - Tilt and quarter turns: lines of text make the edge pixels pile up in rows with sharp steps between them when
//   projected along the lines' direction; the angle (searched near 0° and near 90°) with the sharpest steps wins.
//   Long straight edges (rules, bands, the card's border) are erased from the edge map beforehand: one vertical
//   rule between two columns would otherwise outweigh every line of text.
// - Upside down: in Latin script more letters rise above the x-height (capitals, digits, b d f h k l t) than drop
//   below the baseline (g j p q y), so on every line there is more ink above the dense x-height core than below.
// Tesseract's own orientation detection (OSD, legacy engine) was measured too: a second worker, ~90 ms a card, and
// no answer at all on blurred cards; see bench/cards-ocr-osd.ts.

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Orientation {
  /** Degrees to rotate the image clockwise so that its text is upright and level. */
  rotate: number;
  /** How sure the up/down call is: the lines' votes (each its own ascender/descender balance) for it, 0.5 to 1. */
  upright: number;
  /** Median height of a line of text, in pixels of the edge map; 0 when no lines were found. */
  lineHeight: number;
}

/**
 * `edges` is a binary edge map (non-zero = edge), e.g. Canny of the card. `maxTilt` bounds the tilt searched
 * around each quarter turn: small for a card already flattened from its outline, larger for a photo taken whole.
 */
export function findOrientation(edges: GrayImage, maxTilt = 20): Orientation {
  const points = edgePoints(edges);
  if (points.length < 50) return { rotate: 0, upright: 0.5, lineHeight: 0 };
  const horizontal = bestTilt(points, 0, maxTilt);
  const vertical = bestTilt(points, 90, maxTilt);
  const base = horizontal.score >= vertical.score ? horizontal : vertical;
  // Level the text (base.angle), then decide whether it is upside down.
  const lines = lineProfiles(points, base.angle);
  const { above, below } = ascenderBalance(lines);
  const total = above + below;
  const flip = below > above;
  const rotate = normaliseDegrees(-base.angle + (flip ? 180 : 0));
  const heights = lines.map((line) => line.length).sort((a, b) => a - b);
  const lineHeight = heights.length > 0 ? heights[Math.floor(heights.length / 2)]! : 0;
  return { rotate, upright: total === 0 ? 0.5 : Math.max(above, below) / total, lineHeight };
}

function normaliseDegrees(deg: number): number {
  let d = deg % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return Math.round(d * 100) / 100;
}

/** Edge pixels, leaving out a thin frame where a warped card's own border or the photo's edge shows. */
function edgePoints(edges: GrayImage): Float32Array {
  const { data, width, height } = edges;
  const margin = Math.round(0.02 * Math.max(width, height));
  const xs: number[] = [];
  for (let y = margin; y < height - margin; y += 1) {
    for (let x = margin; x < width - margin; x += 1) {
      if (data[y * width + x]) xs.push(x - width / 2, y - height / 2);
    }
  }
  return Float32Array.from(xs);
}

/**
 * The row of a point once the image is turned by `deg` degrees clockwise: text lines at angle `deg` (measured
 * clockwise from the x axis) become horizontal.
 */
function rowAt(x: number, y: number, cos: number, sin: number): number {
  return y * cos - x * sin;
}

/**
 * Sharpness of the projection at an angle: the sum of squared differences between neighbouring rows (as Leptonica's
 * skew finder does). Text lines seen along their direction switch abruptly between full and empty rows; a QR code
 * or a texture piles up in rows too, but without those steps.
 */
function projectionScore(points: Float32Array, deg: number, extent: number): number {
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const bins = new Int32Array(2 * extent + 3);
  for (let i = 0; i < points.length; i += 2) {
    bins[Math.round(rowAt(points[i]!, points[i + 1]!, cos, sin)) + extent + 1]! += 1;
  }
  let score = 0;
  for (let i = 1; i < bins.length; i += 1) {
    const step = bins[i]! - bins[i - 1]!;
    score += step * step;
  }
  return score;
}

function bestTilt(points: Float32Array, around: number, maxTilt: number): { angle: number; score: number } {
  let extent = 0;
  for (let i = 0; i < points.length; i += 1) extent = Math.max(extent, Math.abs(points[i]!));
  extent = Math.ceil(extent * Math.SQRT2) + 1;
  let best = { angle: around, score: -1 };
  for (let deg = around - maxTilt; deg <= around + maxTilt + 1e-9; deg += 0.5) {
    const score = projectionScore(points, deg, extent);
    if (score > best.score) best = { angle: deg, score };
  }
  const coarse = best.angle;
  for (let deg = coarse - 0.4; deg <= coarse + 0.4 + 1e-9; deg += 0.1) {
    const score = projectionScore(points, deg, extent);
    if (score > best.score) best = { angle: deg, score };
  }
  return best;
}

/** Narrow enough that two columns of text fall in different strips, wide enough to hold a few words. */
const STRIPS = 4;

/**
 * Per text line (a run of rows with edges), the edge count of each row, once the image is levelled at `deg`. Lines
 * are cut in vertical strips: side by side columns rarely share baselines, and merged they blur each other's profile.
 */
function lineProfiles(points: Float32Array, deg: number): number[][] {
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  let minRow = Infinity;
  let maxRow = -Infinity;
  let minCol = Infinity;
  let maxCol = -Infinity;
  const rows = new Int32Array(points.length / 2);
  const cols = new Float32Array(points.length / 2);
  for (let i = 0, k = 0; i < points.length; i += 2, k += 1) {
    const row = Math.round(rowAt(points[i]!, points[i + 1]!, cos, sin));
    const col = points[i]! * cos + points[i + 1]! * sin;
    rows[k] = row;
    cols[k] = col;
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
    minCol = Math.min(minCol, col);
    maxCol = Math.max(maxCol, col);
  }
  const height = maxRow - minRow + 1;
  const stripWidth = (maxCol - minCol + 1) / STRIPS;
  const profiles = Array.from({ length: STRIPS }, () => new Int32Array(height));
  for (let k = 0; k < rows.length; k += 1) {
    const strip = Math.max(0, Math.min(STRIPS - 1, Math.floor((cols[k]! - minCol) / stripWidth)));
    profiles[strip]![rows[k]! - minRow]! += 1;
  }
  return profiles.flatMap(runsOfRows);
}

function runsOfRows(profile: Int32Array): number[][] {
  const peak = Math.max(...profile);
  const floor = Math.max(1, 0.03 * peak);
  const lines: number[][] = [];
  let current: number[] = [];
  for (const count of profile) {
    if (count > floor) current.push(count);
    else if (current.length > 0) {
      lines.push(current);
      current = [];
    }
  }
  if (current.length > 0) lines.push(current);
  // Rules and box edges make one- or two-row runs; real lines of text are taller.
  return lines.filter((line) => line.length >= 6);
}

/** Edge mass above and below each line's dense core (the x-height zone), summed over the lines. */
function ascenderBalance(lines: number[][]): { above: number; below: number } {
  let above = 0;
  let below = 0;
  for (const line of lines) {
    const peak = Math.max(...line);
    const core = line.map((count, i) => (count >= 0.5 * peak ? i : -1)).filter((i) => i >= 0);
    const first = core[0]!;
    const last = core[core.length - 1]!;
    let up = 0;
    let down = 0;
    for (let i = 0; i < first; i += 1) up += line[i]!;
    for (let i = last + 1; i < line.length; i += 1) down += line[i]!;
    // Each line votes with its own balance, so one big heading does not outvote every other line.
    const sum = up + down;
    if (sum > 0) {
      above += up / sum;
      below += down / sum;
    }
  }
  return { above, below };
}
