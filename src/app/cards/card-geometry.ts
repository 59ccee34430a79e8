// Pixel operations on the card with OpenCV: undoing perspective, turning, and the small grey and edge images the
// detectors look at. Images travel as plain buffers so that no OpenCV Mat outlives the call that made it.
import type { CvMat, OpenCv } from './opencv.js';
import { withMats } from './opencv.js';
import type { GrayImage } from './card-orientation.js';
import type { Quad, RgbImage } from './card-quad.js';

function toMat(cv: OpenCv, image: RgbImage): CvMat {
  const mat = new cv.Mat(image.height, image.width, cv.CV_8UC3);
  mat.data.set(image.data);
  return mat;
}

function toRgb(mat: CvMat): RgbImage {
  return { data: Buffer.from(mat.data), width: mat.cols, height: mat.rows, channels: 3 };
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** `box` scaled by `factor`, in whole pixels inside `within`. */
export function scaleBox(box: Box, factor: number, within: { width: number; height: number }): Box {
  return {
    x0: Math.max(0, Math.floor(box.x0 * factor)),
    y0: Math.max(0, Math.floor(box.y0 * factor)),
    x1: Math.min(within.width, Math.ceil(box.x1 * factor)),
    y1: Math.min(within.height, Math.ceil(box.y1 * factor)),
  };
}

/** `box` in the pixels of the crop `frame` of the same image. */
export function shiftBox(box: Box, frame: Box): Box {
  return {
    x0: Math.max(0, box.x0 - frame.x0),
    y0: Math.max(0, box.y0 - frame.y0),
    x1: Math.min(frame.x1 - frame.x0, box.x1 - frame.x0),
    y1: Math.min(frame.y1 - frame.y0, box.y1 - frame.y0),
  };
}

/** The pixels inside `box` (whole pixels, inside the image). */
export function cropRgb(image: RgbImage, box: Box): RgbImage {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    const from = ((box.y0 + y) * image.width + box.x0) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height, channels: 3 };
}

/** A grey copy of `box` (whole pixels, inside the image) scaled by `scale`. */
export function grayCrop(cv: OpenCv, image: RgbImage, box: Box, scale: number): { gray: GrayImage; box: Box; scale: number } {
  return withMats((track) => {
    const x0 = Math.max(0, Math.floor(box.x0));
    const y0 = Math.max(0, Math.floor(box.y0));
    const x1 = Math.min(image.width, Math.ceil(box.x1));
    const y1 = Math.min(image.height, Math.ceil(box.y1));
    const crop = track(new cv.Mat(y1 - y0, x1 - x0, cv.CV_8UC3));
    const rowBytes = (x1 - x0) * 3;
    for (let y = y0; y < y1; y += 1) {
      const from = (y * image.width + x0) * 3;
      crop.data.set(image.data.subarray(from, from + rowBytes), (y - y0) * rowBytes);
    }
    const gray = track(new cv.Mat());
    cv.cvtColor(crop, gray, cv.COLOR_RGB2GRAY);
    const scaled = track(new cv.Mat());
    const size = new cv.Size(Math.max(1, Math.round((x1 - x0) * scale)), Math.max(1, Math.round((y1 - y0) * scale)));
    cv.resize(gray, scaled, size, 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_CUBIC);
    return { gray: { data: Uint8Array.from(scaled.data), width: scaled.cols, height: scaled.rows }, box: { x0, y0, x1, y1 }, scale: scaled.cols / (x1 - x0) };
  });
}

/** The image scaled by `scale` (area averaging when shrinking). */
export function resizeRgb(cv: OpenCv, image: RgbImage, scale: number): RgbImage {
  return withMats((track) => {
    const src = track(toMat(cv, image));
    const out = track(new cv.Mat());
    const size = new cv.Size(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    cv.resize(src, out, size, 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_LINEAR);
    return toRgb(out);
  });
}

/**
 * The quad's content as a flat `width` × `height` rectangle, leaving out `inset` (a share of each side) all round.
 */
export function warpQuad(cv: OpenCv, image: RgbImage, quad: Quad, width: number, height: number, inset = 0): RgbImage {
  return withMats((track) => {
    const src = track(toMat(cv, image));
    const from = track(cv.matFromArray(4, 1, cv.CV_32FC2, quad.flatMap((p) => [p.x, p.y])));
    const mx = (inset * width) / (1 - 2 * inset);
    const my = (inset * height) / (1 - 2 * inset);
    const [left, top, right, bottom] = [-mx, -my, width - 1 + mx, height - 1 + my];
    const to = track(cv.matFromArray(4, 1, cv.CV_32FC2, [left, top, right, top, right, bottom, left, bottom]));
    const transform = track(cv.getPerspectiveTransform(from, to));
    const out = track(new cv.Mat());
    cv.warpPerspective(src, out, transform, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
    return toRgb(out);
  });
}

/** Turns the image `degrees` clockwise about its centre, growing the canvas so that no corner is cut off. */
export function rotateImage(cv: OpenCv, image: RgbImage, degrees: number): RgbImage {
  return withMats((track) => {
    const src = track(toMat(cv, image));
    const rad = (degrees * Math.PI) / 180;
    const cos = Math.abs(Math.cos(rad));
    const sin = Math.abs(Math.sin(rad));
    const width = Math.round(image.width * cos + image.height * sin);
    const height = Math.round(image.width * sin + image.height * cos);
    // OpenCV turns counter-clockwise for positive angles.
    const matrix = track(cv.getRotationMatrix2D(new cv.Point(image.width / 2, image.height / 2), -degrees, 1));
    // Shift so that the turned image is centred on the larger canvas.
    const m = matrix.data64F;
    m[2]! += (width - image.width) / 2;
    m[5]! += (height - image.height) / 2;
    const out = track(new cv.Mat());
    cv.warpAffine(src, out, matrix, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
    return toRgb(out);
  });
}

/**
 * Rules, frames and the edges of colour bands are long straight edges; text is made of short ones. Left in, one
 * vertical rule between two columns outweighs every line of text when judging which way the lines run.
 */
function eraseLongLines(cv: OpenCv, edges: CvMat, track: <M extends { delete(): void }>(mat: M) => M): void {
  const side = Math.max(edges.cols, edges.rows);
  const minLength = 0.1 * side;
  const maxThickness = Math.max(5, 0.008 * side);
  const contours = track(new cv.MatVector());
  cv.findContours(edges, contours, track(new cv.Mat()), cv.RETR_LIST, cv.CHAIN_APPROX_NONE);
  const black = new cv.Scalar(0);
  for (let i = 0; i < contours.size(); i += 1) {
    const contour = track(contours.get(i));
    // A contour runs along both sides of a thin edge chain, so its length is about twice the chain's.
    if (contour.rows < minLength) continue;
    const { size } = cv.minAreaRect(contour);
    if (Math.max(size.width, size.height) >= minLength && Math.min(size.width, size.height) <= maxThickness) {
      cv.drawContours(edges, contours, i, black, 3);
    }
  }
}

/** A grey copy at most `maxSide` pixels on its long side, and its edge map. */
export function grayAndEdges(cv: OpenCv, image: RgbImage, maxSide: number): { gray: GrayImage; edges: GrayImage; scale: number } {
  return withMats((track) => {
    const src = track(toMat(cv, image));
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const small = track(new cv.Mat());
    if (scale < 1) cv.resize(src, small, new cv.Size(Math.round(image.width * scale), Math.round(image.height * scale)), 0, 0, cv.INTER_AREA);
    else src.copyTo(small);
    const gray = track(new cv.Mat());
    cv.cvtColor(small, gray, cv.COLOR_RGB2GRAY);
    const blurred = track(new cv.Mat());
    cv.GaussianBlur(gray, blurred, new cv.Size(3, 3), 0);
    const edges = track(new cv.Mat());
    cv.Canny(blurred, edges, 40, 120);
    eraseLongLines(cv, edges, track);
    const plain = (mat: CvMat): GrayImage => ({ data: Uint8Array.from(mat.data), width: mat.cols, height: mat.rows });
    return { gray: plain(gray), edges: plain(edges), scale };
  });
}

const SHARPEN_SIGMA = 3;
const SHARPEN_AMOUNT = 1.5;

/**
 * The grey image OCR reads, `side` pixels on its long side, with uneven light taken out: each pixel becomes its
 * distance from the local background (a median over ~6 % of the card, wider than any stroke), shown dark on white.
 * Shadows and vignetting vanish, and light-on-dark print (bands, dark cards) turns dark-on-light like the rest, so
 * tesseract's single global threshold finds every line.
 */
export function ocrGray(cv: OpenCv, image: RgbImage, side: number): GrayImage {
  return withMats((track) => {
    const src = track(toMat(cv, image));
    const scale = side / Math.max(image.width, image.height);
    const width = Math.round(image.width * scale);
    const height = Math.round(image.height * scale);
    const colour = track(new cv.Mat());
    cv.resize(src, colour, new cv.Size(width, height), 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_CUBIC);
    const gray = track(new cv.Mat());
    cv.cvtColor(colour, gray, cv.COLOR_RGB2GRAY);
    // Unsharp masking: phone photos and small or blurred prints come out soft once enlarged to OCR size, and
    // tesseract reads crisp strokes better (+6 points of line recall on blurred and small photos).
    const soft = track(new cv.Mat());
    cv.GaussianBlur(gray, soft, new cv.Size(0, 0), SHARPEN_SIGMA);
    cv.addWeighted(gray, 1 + SHARPEN_AMOUNT, soft, -SHARPEN_AMOUNT, 0, gray);
    const coarse = track(new cv.Mat());
    const shrink = 8;
    cv.resize(gray, coarse, new cv.Size(Math.max(3, Math.round(width / shrink)), Math.max(3, Math.round(height / shrink))), 0, 0, cv.INTER_AREA);
    const background = track(new cv.Mat());
    cv.medianBlur(coarse, background, 11);
    const backgroundFull = track(new cv.Mat());
    cv.resize(background, backgroundFull, new cv.Size(width, height), 0, 0, cv.INTER_LINEAR);
    const distance = track(new cv.Mat());
    cv.absdiff(gray, backgroundFull, distance);
    return { data: stretchInverted(distance.data), width, height };
  });
}

/**
 * 255 − distance, stretched so that the strongest print (99.5th percentile of distance) is black, and the paper's
 * own grain (distances up to twice the median, which is background) pure white: speckle left grey becomes dozens
 * of specks tesseract's sparse-text mode examines one by one.
 */
function stretchInverted(distance: Uint8Array): Uint8Array {
  const histogram = new Uint32Array(256);
  for (const v of distance) histogram[v]! += 1;
  const percentile = (share: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v += 1) {
      seen += histogram[v]!;
      if (seen >= share * distance.length) return v;
    }
    return 255;
  };
  const floor = 2 * percentile(0.5);
  const top = Math.max(percentile(0.995), floor + 16);
  const gain = 255 / (top - floor);
  const out = new Uint8Array(distance.length);
  for (let i = 0; i < distance.length; i += 1) out[i] = 255 - Math.min(255, Math.max(0, Math.round((distance[i]! - floor) * gain)));
  return out;
}
