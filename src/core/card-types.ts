// The shapes of reading a business card: OCR lines in, a draft contact out, and what a card's QR code holds.
// Everything here is plain JSON so that the CLI can print a draft and the web app can send it back edited.

/** One line of OCR output, in reading order. */
export interface OcrLine {
  text: string;
  /** Tesseract's confidence for the line, 0–100. */
  confidence: number;
}

export type CardFieldSource = 'ocr' | 'qr';

/** One extracted value with the evidence behind it. */
export interface CardField<T = string> {
  value: T;
  /** 0–1: how sure the extractor is, from the evidence it found and the OCR confidence of the line(s). */
  confidence: number;
  /** The OCR line(s) the value came from, joined with "\n"; for a value from the QR code, the OCR line it matched, or ''. */
  line: string;
  from: CardFieldSource;
}

export const PHONE_LABELS = ['mobile', 'office', 'fax', 'home', 'other'] as const;
export type PhoneLabel = (typeof PHONE_LABELS)[number];

export interface CardPhone {
  /** E.164, e.g. "+442079460958". */
  number: string;
  /** From the label printed next to the number ("M:", "Fax", "Büro", "Portable"), or null when none was printed. */
  label: PhoneLabel | null;
}

export interface CardSocial {
  /** Lower-case network name: 'linkedin', 'twitter', 'instagram', 'github', 'xing', 'facebook', 'mastodon'. */
  network: string;
  /** The profile's handle or path as printed, without a leading '@'. */
  handle: string;
}

export interface CardDraft {
  name: CardField | null;
  title: CardField | null;
  company: CardField | null;
  /** Lower-case addresses, in reading order. */
  emails: CardField[];
  phones: CardField<CardPhone>[];
  /** Lower-case, as printed (no scheme is added); from a QR code, as encoded. */
  websites: CardField[];
  /** One line, its parts joined with ", " in reading order: "500 Harbor Blvd, Suite 1200, San Francisco, CA 94111". */
  address: CardField | null;
  socials: CardField<CardSocial>[];
  /** Every OCR text that fits no field (taglines, logo letters, departments), plus any note in the QR code. */
  note: string[];
}

/** What a QR code on a card holds, already split into contact fields (phone numbers as encoded, not yet E.164). */
export interface QrContent {
  format: 'vcard' | 'mecard' | 'url';
  name: string | null;
  title: string | null;
  company: string | null;
  emails: string[];
  phones: { number: string; label: PhoneLabel | null }[];
  websites: string[];
  /** One line, comma-joined like `CardDraft.address`. */
  address: string | null;
  socials: CardSocial[];
  /** NOTE, a department (the second part of ORG) and the like. */
  note: string[];
}
