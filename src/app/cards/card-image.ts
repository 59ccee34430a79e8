// From an uploaded photo to the image tesseract reads best: the card found and flattened (perspective undone),
// turned upright and levelled, ~1500 px on its long side, sharpened, uneven light taken out, grey (tesseract's own
// binarisation beat ours by 8 points in the spike); plus a thumbnail to keep with the person and the text of any
// QR code. Every step is timed: the figures travel with the result.
import sharp from 'sharp';
import { decodeCardPhoto, type DecodeLimits } from './card-decode.js';
import { findCardQuad, quadSize, type Quad, type RgbImage } from './card-quad.js';
import { findOrientation } from './card-orientation.js';
import { cropRgb, grayAndEdges, ocrGray, resizeRgb, rotateImage, scaleBox, shiftBox, warpQuad } from './card-geometry.js';
import { textArea } from './card-text-area.js';
import { blankOutQr, readQrCode, type FoundQr } from './card-qr.js';
import { loadOpenCv, type OpenCv } from './opencv.js';

export interface PrepareCardOptions extends Partial<DecodeLimits> {
  /** Long side of the image given to OCR. */
  ocrSide?: number;
  /** Width of the kept thumbnail. */
  thumbnailWidth?: number;
}

export interface PreparedCard {
  /** Grey PNG of the flattened, upright card for OCR; a QR code on it is blanked out (it reads as garbage). */
  ocrImage: Buffer;
  /** Raw text of the QR code on the card (often a vCard), or null. */
  qrText: string | null;
  /** JPEG of the flattened, upright card. */
  thumbnail: Buffer;
  /** How the card was found: its outline in the photo, or the whole photo taken as the card. */
  cardFound: boolean;
  /** Degrees the card was turned clockwise to stand upright and level. */
  rotation: number;
  /** How sure the up/down call is, 0.5 (a guess) to 1: below ~0.75 an OCR of the other way up may be worth it. */
  uprightCertainty: number;
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

const DEFAULTS = {
  maxBytes: 12 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 2000,
  ocrSide: 1500,
  thumbnailWidth: 1000,
};

/** Long side of the images the detectors look at: enough for a card's outline and its lines of text. */
const DETECT_SIDE = 800;
/** A card flattened from its outline is level unless printed askew; a photo taken whole may be tilted more. */
const FLATTENED_MAX_TILT_DEG = 4;
const PHOTO_MAX_TILT_DEG = 20;
/**
 * Share of each side trimmed off a card found by its outline: the outline is found to a pixel or two, and a sliver
 * of table or shadow left along an edge costs tesseract's sparse-text mode seconds (measured: 2.7 s → 0.37 s).
 */
const CARD_INSET = 0.015;
/**
 * Height of a line of text (ascenders to descenders) in the OCR image at which tesseract read best: what a card
 * filling the frame gives at 1500 px (28–37 px measured on the development set, 1500 px chosen over 1200 and 2000).
 */
const OCR_LINE_HEIGHT = 33;
/** Tilts smaller than this are left alone: turning resamples the image and blurs it a little. */
const MIN_TILT_DEG = 0.4;

/**
 * Loads the image pipeline's OpenCV runtime now (~0.2 s) rather than on the first card: call it next to
 * `OcrPool.start()` when the server warms up card reading.
 */
export async function warmUpCardImage(): Promise<void> {
  await loadOpenCv();
}

export async function prepareCardImage(input: Buffer, options: PrepareCardOptions = {}): Promise<PreparedCard> {
  const settings = { ...DEFAULTS, ...options };
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - mark);
    mark = now;
  };
  const started = mark;

  const [photo, { cv }] = await Promise.all([decodeCardPhoto(input, settings), loadOpenCv()]);
  lap('decode');

  const { card, cardFound } = flattenCard(cv, photo);
  lap('findCard');

  const { edges, scale: cardEdgeScale } = grayAndEdges(cv, card, DETECT_SIDE);
  const orientation = findOrientation(edges, cardFound ? FLATTENED_MAX_TILT_DEG : PHOTO_MAX_TILT_DEG);
  const upright = Math.abs(orientation.rotate) >= MIN_TILT_DEG ? rotateImage(cv, card, orientation.rotate) : card;
  lap('orient');

  const uprightEdges = grayAndEdges(cv, upright, DETECT_SIDE);
  const qr = readQrCode(cv, upright, uprightEdges.edges, uprightEdges.scale);
  lap('qr');

  // Without an outline, the photo is cropped to its print so that OCR sees small text at the size it reads best.
  const lineHeight = (orientation.lineHeight / cardEdgeScale) * uprightEdges.scale;
  const area = cardFound || lineHeight === 0 ? null : textArea(uprightEdges.edges, (lineHeight * settings.ocrSide) / OCR_LINE_HEIGHT);
  const crop = area ? scaleBox(area, 1 / uprightEdges.scale, upright) : null;
  const framed = crop ? cropRgb(upright, crop) : upright;
  const qrOnFramed = qr && crop ? { ...qr, box: shiftBox(qr.box, crop) } : qr;
  lap('crop');

  const [ocrImage, thumbnail] = await Promise.all([ocrImageOf(cv, framed, qrOnFramed, settings.ocrSide), thumbnailOf(framed, settings.thumbnailWidth)]);
  lap('encode');
  timings.total = Math.round(performance.now() - started);

  return { ocrImage, qrText: qr?.text ?? null, thumbnail, cardFound, rotation: orientation.rotate, uprightCertainty: orientation.upright, timings };
}

/** The card's outline found in the photo and flattened; failing that, the whole photo (a scan, or a close-up). */
function flattenCard(cv: OpenCv, photo: RgbImage): { card: RgbImage; cardFound: boolean } {
  const detectScale = Math.min(1, DETECT_SIDE / Math.max(photo.width, photo.height));
  const small = detectScale < 1 ? resizeRgb(cv, photo, detectScale) : photo;
  const quad = findCardQuad(cv, small);
  if (!quad) return { card: photo, cardFound: false };
  const inPhoto = quad.map((p) => ({ x: p.x / detectScale, y: p.y / detectScale })) as Quad;
  const { w, h } = quadSize(inPhoto);
  const width = Math.round(w * (1 - 2 * CARD_INSET));
  const height = Math.round(h * (1 - 2 * CARD_INSET));
  return { card: warpQuad(cv, photo, inPhoto, width, height, CARD_INSET), cardFound: true };
}

async function ocrImageOf(cv: OpenCv, card: RgbImage, qr: FoundQr | null, side: number): Promise<Buffer> {
  const pixels = qr ? { ...card, data: blankOutQr(card, qr.box) } : card;
  const gray = ocrGray(cv, pixels, side);
  return sharp(gray.data, { raw: { width: gray.width, height: gray.height, channels: 1 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
}

function thumbnailOf(card: RgbImage, width: number): Promise<Buffer> {
  return sharp(card.data, { raw: { width: card.width, height: card.height, channels: 3 } })
    .resize({ width, withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}
