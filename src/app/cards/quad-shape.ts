// The shape of a business card in a photo: four corners in order, and whether a quadrilateral is convincing as a
// card seen at a slant (corner angles, proportions, not lying along the image border).
import type { CvMat, OpenCv } from './opencv.js';

export interface Point {
  x: number;
  y: number;
}

/** Corners clockwise from the top left: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export interface RgbImage {
  data: Buffer | Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** Smallest share of the image a card may cover: a card photographed on purpose fills much more. */
const MIN_AREA_SHARE = 0.12;
/** Corner angles of a rectangle seen at a slant; beyond this the shot is too oblique to read anyway. */
const MIN_CORNER_DEG = 50;
const MAX_CORNER_DEG = 130;
/** Business cards run from square to ~2.3:1 (the tallest seen are 85 × 37 mm). */
const MAX_ASPECT = 2.6;

/** The contour's convex hull simplified to four corners, if it is large enough and simplifies that far. */
export function quadOfContour(cv: OpenCv, contour: CvMat, track: <M extends { delete(): void }>(mat: M) => M, imageArea: number): Quad | null {
  const hull = track(new cv.Mat());
  cv.convexHull(contour, hull, false, true);
  if (cv.contourArea(hull) < MIN_AREA_SHARE * imageArea) return null;
  const perimeter = cv.arcLength(hull, true);
  // Rounded corners and a slightly bent card need a looser fit before four corners remain.
  for (const tolerance of [0.01, 0.02, 0.03, 0.045]) {
    const approx = track(new cv.Mat());
    cv.approxPolyDP(hull, approx, tolerance * perimeter, true);
    if (approx.rows === 4) {
      const p = approx.data32S;
      return orderClockwise([0, 1, 2, 3].map((k) => ({ x: p[2 * k]!, y: p[2 * k + 1]! })));
    }
    if (approx.rows < 4) return null;
  }
  return null;
}

/** Orders four points clockwise (image y points down), starting with the one nearest the top-left. */
export function orderClockwise(points: Point[]): Quad {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sorted = [...points].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  let first = 0;
  sorted.forEach((p, i) => {
    if (p.x + p.y < sorted[first]!.x + sorted[first]!.y) first = i;
  });
  return [0, 1, 2, 3].map((k) => sorted[(first + k) % 4]!) as Quad;
}

export function isPlausibleCard(quad: Quad, width: number, height: number): boolean {
  for (let i = 0; i < 4; i += 1) {
    const prev = quad[(i + 3) % 4]!;
    const at = quad[i]!;
    const next = quad[(i + 1) % 4]!;
    const angle = angleDeg(prev, at, next);
    if (angle < MIN_CORNER_DEG || angle > MAX_CORNER_DEG) return false;
    // A side lying along the image border is the frame cutting something off, not the card's own edge.
    if (alongBorder(at, next, width, height)) return false;
  }
  const { w, h } = quadSize(quad);
  const aspect = Math.max(w, h) / Math.max(1, Math.min(w, h));
  return aspect <= MAX_ASPECT;
}

function alongBorder(a: Point, b: Point, width: number, height: number): boolean {
  const margin = Math.max(3, 0.015 * Math.max(width, height));
  return (
    (a.x < margin && b.x < margin) ||
    (a.y < margin && b.y < margin) ||
    (a.x > width - 1 - margin && b.x > width - 1 - margin) ||
    (a.y > height - 1 - margin && b.y > height - 1 - margin)
  );
}

function angleDeg(prev: Point, at: Point, next: Point): number {
  const ax = prev.x - at.x;
  const ay = prev.y - at.y;
  const bx = next.x - at.x;
  const by = next.y - at.y;
  const cos = (ax * bx + ay * by) / Math.max(1e-9, Math.hypot(ax, ay) * Math.hypot(bx, by));
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

/** The card's size in pixels: the longer of each pair of opposite sides (the nearer side is the less foreshortened). */
export function quadSize(quad: Quad): { w: number; h: number } {
  const d = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const [tl, tr, br, bl] = quad;
  return { w: Math.max(d(tl, tr), d(bl, br)), h: Math.max(d(tl, bl), d(tr, br)) };
}

export function polygonArea(quad: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

