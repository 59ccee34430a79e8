// Reading an uploaded photo safely: a size cap before anything is decoded, a pixel cap checked on the header (so a
// decompression bomb is refused before its pixels exist), truncated files refused rather than read half grey,
// and the camera's EXIF orientation applied.
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { ValidationError } from '../../core/errors.js';
import type { RgbImage } from './card-quad.js';

export interface DecodeLimits {
  /** Largest upload read, in bytes. */
  maxBytes: number;
  /** Largest image read, in pixels (width × height, before EXIF rotation). */
  maxPixels: number;
  /** The decoded image is shrunk to at most this many pixels on its long side: more only costs time. */
  maxSide: number;
}

const READABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif']);

function refuse(code: string, message: string): ValidationError {
  return new ValidationError([{ path: 'image', message }], code);
}

/** The photo as RGB pixels, upright as the camera recorded it, on a white background where it was transparent. */
export async function decodeCardPhoto(input: Buffer, limits: DecodeLimits): Promise<RgbImage> {
  if (input.length === 0) throw refuse('KITH_CARD_NOT_AN_IMAGE', 'the file is empty');
  if (input.length > limits.maxBytes) {
    throw refuse('KITH_CARD_TOO_LARGE', `the file is ${(input.length / 1e6).toFixed(1)} MB; send a photo of at most ${Math.floor(limits.maxBytes / 1e6)} MB`);
  }
  const options: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' };
  let metadata: Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message))) throw tooManyPixels(limits.maxPixels);
    throw refuse('KITH_CARD_NOT_AN_IMAGE', 'the file is not an image Kith can read; send a JPEG, PNG, WebP or AVIF photo');
  }
  if (!READABLE_FORMATS.has(metadata.format ?? '')) {
    throw refuse('KITH_CARD_NOT_AN_IMAGE', `${metadata.format ?? 'this'} files are not read as card photos; send a JPEG, PNG, WebP or AVIF photo`);
  }
  // The bundled libvips decodes AVIF but not HEVC-compressed HEIC (a patent-encumbered codec it leaves out).
  if (metadata.format === 'heif' && metadata.compression === 'hevc') {
    throw refuse('KITH_CARD_NOT_AN_IMAGE', 'HEIC photos cannot be read by this server; set the camera to "Most Compatible" (JPEG) or send a screenshot');
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > limits.maxPixels) throw tooManyPixels(limits.maxPixels);

  try {
    // Turning by EXIF orientation makes libvips hold the whole decoded image; most photos need no turn.
    const decoder = (metadata.orientation ?? 1) > 1 ? sharp(input, options).rotate() : sharp(input, options);
    const { data, info } = await decoder
      .flatten({ background: '#ffffff' })
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, channels: 3 };
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message))) throw tooManyPixels(limits.maxPixels);
    throw refuse('KITH_CARD_TRUNCATED', 'the image is cut short or damaged (was the upload interrupted?); send the photo again');
  }
}

function tooManyPixels(maxPixels: number): ValidationError {
  return refuse('KITH_CARD_TOO_MANY_PIXELS', `the image has more than ${Math.round(maxPixels / 1e6)} megapixels; send a smaller photo`);
}
