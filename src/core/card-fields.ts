// Reading a business card: the OCR lines (and the card's QR code, when there is one) become a draft contact in which
// every field carries its confidence and the line it came from, and every line that fits nowhere lands in the note.
import { extractAddress } from './card-address.js';
import { extractEmails, extractSocials, extractWebsites, organisationDomains } from './card-contacts.js';
import { reconcileContacts } from './card-consensus.js';
import { extractPeople } from './card-people.js';
import { extractPhones } from './card-phones.js';
import { mergeQr } from './card-qr-merge.js';
import { fragmentsOf, segmentLines } from './card-text.js';
import type { CardDraft, OcrLine, QrContent } from './card-types.js';

export type { CardDraft, CardField, CardPhone, CardSocial, OcrLine, PhoneLabel, QrContent } from './card-types.js';

export interface CardFieldOptions {
  /** The region numbers without a country code are read in: 'US', 'GB', 'DE', 'FR', … */
  defaultRegion: string;
  /** The card's QR code, parsed with `parseQrPayload`; its fields take precedence over OCR. */
  qr?: QrContent | null;
}

export function extractCardFields(lines: readonly OcrLine[], options: CardFieldOptions): CardDraft {
  const region = options.defaultRegion.toUpperCase();
  const qr = options.qr ?? null;
  // Order matters: each extractor claims its text, so a website is not read inside an e-mail, nor a phone in a URL.
  const segments = segmentLines(lines);
  const emails = extractEmails(segments);
  const socials = extractSocials(segments);
  const websites = extractWebsites(segments);
  const phones = extractPhones(segments, region);
  const { address, rest } = extractAddress(fragmentsOf(segments), region);

  const allEmails = [...emails.map((e) => e.value), ...(qr?.emails ?? [])];
  const context = {
    emailLocals: allEmails.map((e) => e.split('@')[0] ?? ''),
    domains: organisationDomains(allEmails, [...websites.map((w) => w.value), ...(qr?.websites ?? [])]),
  };
  const people = extractPeople(rest, context, { name: qr?.name, title: qr?.title, company: qr?.company });
  const draft: CardDraft = reconcileContacts({
    name: people.name,
    title: people.title,
    company: people.company,
    emails,
    phones,
    websites,
    address,
    socials,
    note: people.rest.map((f) => f.text),
  });
  return qr ? mergeQr(draft, qr, region, people.matched) : draft;
}
