// Finding the card on a busy table (wood grain, a patterned cloth, papers), where the table makes as many edges as
// the card and no clean outline comes out of the edge map: the card is then the large smooth patch in the middle
// of the photo. Paper is smooth apart from its print, which a closing fills in; texture is rough everywhere.
import type { OpenCv } from './opencv.js';
import { withMats } from './opencv.js';
import { isPlausibleCard, orderClockwise, quadOfContour, type Quad, type RgbImage } from './quad-shape.js';

/** Long side the smoothness is judged at: a card's paper and a table's grain still differ there, at a quarter the cost. */
const SIDE = 400;
/** Window of the local standard deviation, in pixels at SIDE. */
const WINDOW = 5;
/** Grey levels of local standard deviation below which a pixel counts as smooth paper (photo noise is ~3–6). */
const SMOOTH_STD = 9;

export function findSmoothCardQuad(cv: OpenCv, image: RgbImage): Quad | null {
  return withMats((track) => {
    const rgb = track(new cv.Mat(image.height, image.width, cv.CV_8UC3));
    rgb.data.set(image.data);
    const full = track(new cv.Mat());
    cv.cvtColor(rgb, full, cv.COLOR_RGB2GRAY);
    const scale = Math.min(1, SIDE / Math.max(image.width, image.height));
    const width = Math.round(image.width * scale);
    const height = Math.round(image.height * scale);
    const gray = track(new cv.Mat());
    cv.resize(full, gray, new cv.Size(width, height), 0, 0, cv.INTER_AREA);
    const soft = track(new cv.Mat());
    cv.GaussianBlur(gray, soft, new cv.Size(3, 3), 0);
    const value = track(new cv.Mat());
    soft.convertTo(value, cv.CV_32F);
    const squared = track(new cv.Mat());
    cv.multiply(value, value, squared);
    const mean = track(new cv.Mat());
    const meanOfSquares = track(new cv.Mat());
    const window = new cv.Size(WINDOW, WINDOW);
    cv.blur(value, mean, window);
    cv.blur(squared, meanOfSquares, window);
    const smooth = track(new cv.Mat(height, width, cv.CV_8UC1));
    const m = mean.data32F;
    const m2 = meanOfSquares.data32F;
    for (let i = 0; i < width * height; i += 1) {
      smooth.data[i] = m2[i]! - m[i]! * m[i]! < SMOOTH_STD * SMOOTH_STD ? 255 : 0;
    }
    // First cut away the thin smooth streaks inside a texture (between the grain lines), then fill in the print
    // (lines of text, a logo) that makes holes in the card.
    const side = Math.max(width, height);
    const open = Math.round(side / 60) | 1;
    cv.morphologyEx(smooth, smooth, cv.MORPH_OPEN, track(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(open, open))));
    const close = Math.round(side / 25) | 1;
    cv.morphologyEx(smooth, smooth, cv.MORPH_CLOSE, track(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(close, close))));

    const contours = track(new cv.MatVector());
    cv.findContours(smooth, contours, track(new cv.Mat()), cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    let best: { quad: Quad; area: number } | null = null;
    for (let i = 0; i < contours.size(); i += 1) {
      const contour = track(contours.get(i));
      const area = cv.contourArea(contour);
      if (best && area <= best.area) continue;
      const quad = quadOfContour(cv, contour, track, width * height);
      // The smooth patch stops half a window short of the card's edge: move each corner out by that much.
      const grown = quad ? grow(quad, WINDOW / 2) : null;
      if (grown && isPlausibleCard(grown, width, height)) best = { quad: grown, area };
    }
    return best ? (best.quad.map((p) => ({ x: p.x / scale, y: p.y / scale })) as Quad) : null;
  });
}

/** The quad with each side moved outwards by `by` pixels (for corners near right angles). */
function grow(quad: Quad, by: number): Quad {
  const cx = quad.reduce((s, p) => s + p.x, 0) / 4;
  const cy = quad.reduce((s, p) => s + p.y, 0) / 4;
  return orderClockwise(
    quad.map((p) => {
      const dx = p.x - cx;
      const dy = p.y - cy;
      const length = Math.hypot(dx, dy) || 1;
      return { x: p.x + (dx / length) * by * Math.SQRT2, y: p.y + (dy / length) * by * Math.SQRT2 };
    }),
  );
}
