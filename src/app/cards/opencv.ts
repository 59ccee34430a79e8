// OpenCV compiled to WebAssembly (@techstark/opencv-js), loaded once and only when the first card arrives: it is
// 7.7 MB of JavaScript and takes ~0.2 s to initialise, which a server that never reads a card should not pay.
// Its own typings (mirada) describe the browser build loosely; this file declares the few calls Kith makes.

import { createRequire } from 'node:module';

export interface CvMat {
  rows: number;
  cols: number;
  data: Uint8Array;
  data32S: Int32Array;
  data32F: Float32Array;
  data64F: Float64Array;
  copyTo(dst: CvMat): void;
  convertTo(dst: CvMat, type: number): void;
  delete(): void;
}

export interface CvMatVector {
  size(): number;
  get(index: number): CvMat;
  delete(): void;
}

export interface CvSize {
  width: number;
  height: number;
}

export interface OpenCv {
  Mat: { new (): CvMat; new (rows: number, cols: number, type: number): CvMat };
  MatVector: new () => CvMatVector;
  Size: new (width: number, height: number) => CvSize;
  Point: new (x: number, y: number) => { x: number; y: number };
  Scalar: new (...values: number[]) => unknown;
  matFromArray(rows: number, cols: number, type: number, values: number[]): CvMat;
  matFromImageData(image: { data: Uint8Array | Uint8ClampedArray; width: number; height: number }): CvMat;
  getStructuringElement(shape: number, size: CvSize): CvMat;
  resize(src: CvMat, dst: CvMat, size: CvSize, fx: number, fy: number, interpolation: number): void;
  medianBlur(src: CvMat, dst: CvMat, ksize: number): void;
  absdiff(a: CvMat, b: CvMat, dst: CvMat): void;
  addWeighted(a: CvMat, alpha: number, b: CvMat, beta: number, gamma: number, dst: CvMat): void;
  minAreaRect(points: CvMat): { center: { x: number; y: number }; size: CvSize; angle: number };
  drawContours(image: CvMat, contours: CvMatVector, index: number, colour: unknown, thickness: number): void;
  split(src: CvMat, channels: CvMatVector): void;
  multiply(a: CvMat, b: CvMat, dst: CvMat): void;
  blur(src: CvMat, dst: CvMat, size: CvSize): void;
  cvtColor(src: CvMat, dst: CvMat, code: number): void;
  GaussianBlur(src: CvMat, dst: CvMat, size: CvSize, sigma: number): void;
  Canny(src: CvMat, dst: CvMat, low: number, high: number): void;
  dilate(src: CvMat, dst: CvMat, kernel: CvMat): void;
  morphologyEx(src: CvMat, dst: CvMat, op: number, kernel: CvMat): void;
  bitwise_or(a: CvMat, b: CvMat, dst: CvMat): void;
  findContours(src: CvMat, contours: CvMatVector, hierarchy: CvMat, mode: number, method: number): void;
  convexHull(points: CvMat, hull: CvMat, clockwise: boolean, returnPoints: boolean): void;
  approxPolyDP(curve: CvMat, approx: CvMat, epsilon: number, closed: boolean): void;
  arcLength(curve: CvMat, closed: boolean): number;
  contourArea(contour: CvMat): number;
  getPerspectiveTransform(src: CvMat, dst: CvMat): CvMat;
  warpPerspective(src: CvMat, dst: CvMat, m: CvMat, size: CvSize, flags: number, borderMode: number): void;
  getRotationMatrix2D(center: { x: number; y: number }, angle: number, scale: number): CvMat;
  warpAffine(src: CvMat, dst: CvMat, m: CvMat, size: CvSize, flags: number, borderMode: number): void;
  CV_8UC1: number;
  CV_8UC3: number;
  CV_8UC4: number;
  CV_32F: number;
  CV_32FC2: number;
  COLOR_RGB2GRAY: number;
  COLOR_RGBA2GRAY: number;
  RETR_LIST: number;
  RETR_EXTERNAL: number;
  CHAIN_APPROX_SIMPLE: number;
  CHAIN_APPROX_NONE: number;
  MORPH_RECT: number;
  MORPH_CLOSE: number;
  MORPH_OPEN: number;
  INTER_LINEAR: number;
  INTER_AREA: number;
  INTER_CUBIC: number;
  BORDER_REPLICATE: number;
}

let loading: Promise<{ cv: OpenCv }> | null = null;

/** The OpenCV runtime, initialised on first use; later calls share it. Returned wrapped, as `{ cv }` (see below). */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  // The module object is a thenable that never settles once adopted by a promise (emscripten's `then`), so it
  // travels wrapped, and readiness is awaited through onRuntimeInitialized.
  loading ??= (async () => {
    // Emscripten's Node glue adds process-wide handlers: an uncaughtException one that rethrows (printing all 7.7 MB
    // of opencv.js) and an unhandledRejection one that aborts the runtime. The server keeps its own behaviour.
    const before = { exception: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
    try {
      // require(), not import(): under a module runner (Vitest) the namespace of this CommonJS module carries
      // emscripten's `then`, and awaiting the import adopts that thenable and never settles.
      const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { calledRun?: boolean; onRuntimeInitialized?: () => void };
      if (!cv.calledRun) await new Promise<void>((resolve) => (cv.onRuntimeInitialized = resolve));
      return { cv };
    } finally {
      for (const listener of process.listeners('uncaughtException')) {
        if (!before.exception.includes(listener)) process.removeListener('uncaughtException', listener);
      }
      for (const listener of process.listeners('unhandledRejection')) {
        if (!before.rejection.includes(listener)) process.removeListener('unhandledRejection', listener);
      }
    }
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** Runs `use` and frees every Mat it registered, whatever happens: WebAssembly memory is not garbage-collected. */
export function withMats<T>(use: (track: <M extends { delete(): void }>(mat: M) => M) => T): T {
  const mats: { delete(): void }[] = [];
  try {
    return use((mat) => {
      mats.push(mat);
      return mat;
    });
  } finally {
    for (const mat of mats) mat.delete();
  }
}
