// Finding the card in a photo: its four corners, so that perspective can be undone. The card is the largest
// convincing quadrilateral outline in the edge map; "convincing" is judged by shape (corner angles, proportions),
// by not lying along the image border (a printed band or a cropped scan is not a card outline), and by holding
// most of the image's detail (the printed text lies on the card, not on the table around it). On a busy table
// that makes no clean outline, the card is looked for as the large smooth patch instead (card-quad-smooth.ts).
import type { CvMat, OpenCv } from './opencv.js';
import { withMats } from './opencv.js';
import { findSmoothCardQuad } from './card-quad-smooth.js';
import { isPlausibleCard, polygonArea, quadOfContour, type Quad, type RgbImage } from './quad-shape.js';

export { orderClockwise, quadSize, type Point, type Quad, type RgbImage } from './quad-shape.js';

/** Share of the detail (edge pixels) that must lie inside the outline. */
const MIN_DETAIL_INSIDE = 0.6;

/** The card's corners in `image` (best at ~800 px on its long side), or null when no convincing card is seen. */
export function findCardQuad(cv: OpenCv, image: RgbImage): Quad | null {
  return findOutlineQuad(cv, image) ?? findSmoothCardQuad(cv, image);
}

function findOutlineQuad(cv: OpenCv, image: RgbImage): Quad | null {
  return withMats((track) => {
    const { width, height } = image;
    const rgb = track(new cv.Mat(height, width, cv.CV_8UC3));
    rgb.data.set(image.data);
    const gray = track(new cv.Mat());
    cv.cvtColor(rgb, gray, cv.COLOR_RGB2GRAY);
    const blurred = track(new cv.Mat());
    cv.GaussianBlur(gray, blurred, new cv.Size(5, 5), 0);
    const edges = track(new cv.Mat());
    cv.Canny(blurred, edges, 30, 90);
    // A dark card on a dark table can differ in hue more than in brightness: add each colour channel's edges.
    const channels = track(new cv.MatVector());
    cv.split(rgb, channels);
    for (let c = 0; c < 3; c += 1) {
      const channel = track(channels.get(c));
      const smooth = track(new cv.Mat());
      cv.GaussianBlur(channel, smooth, new cv.Size(5, 5), 0);
      const channelEdges = track(new cv.Mat());
      cv.Canny(smooth, channelEdges, 30, 90);
      cv.bitwise_or(edges, channelEdges, edges);
    }
    const closed = track(new cv.Mat());
    cv.morphologyEx(edges, closed, cv.MORPH_CLOSE, track(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5))));

    const contours = track(new cv.MatVector());
    cv.findContours(closed, contours, track(new cv.Mat()), cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE);
    const candidates: { quad: Quad; area: number }[] = [];
    for (let i = 0; i < contours.size(); i += 1) {
      const contour = track(contours.get(i));
      const quad = quadOfContour(cv, contour, track, width * height);
      if (quad && isPlausibleCard(quad, width, height)) candidates.push({ quad, area: polygonArea(quad) });
    }
    candidates.sort((a, b) => b.area - a.area);
    for (const { quad } of candidates) {
      if (detailInside(edges, quad) >= MIN_DETAIL_INSIDE) return quad;
    }
    return null;
  });
}

/** Share of edge pixels inside the quad, leaving out a band along its outline (the outline's own edges). */
function detailInside(edges: CvMat, quad: Quad): number {
  const { cols, rows, data } = edges;
  const band = Math.max(4, 0.02 * Math.max(cols, rows));
  let inside = 0;
  let outside = 0;
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < cols; x += 1) {
      if (data[y * cols + x] === 0) continue;
      const distance = signedDistanceInside(quad, x, y);
      if (Math.abs(distance) < band) continue;
      if (distance > 0) inside += 1;
      else outside += 1;
    }
  }
  return inside + outside === 0 ? 0 : inside / (inside + outside);
}

/** Positive inside a clockwise convex quad: the distance to the nearest side; negative outside. */
function signedDistanceInside(quad: Quad, x: number, y: number): number {
  let nearest = Infinity;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    // Clockwise on screen (y down): the inside is to the right of each side, where the cross product is positive.
    const cross = ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / length;
    nearest = Math.min(nearest, cross);
  }
  return nearest;
}
