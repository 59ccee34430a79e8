// Scoring a card reader against ground truth: which fields it read exactly, after the normalisation a person would
// not notice (spacing, case of e-mails and websites, a website's scheme, the way a phone number is written).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { CardDraft } from './card-types.js';

export const SCORED_CARD_FIELDS = ['name', 'title', 'company', 'email', 'phone', 'website', 'address'] as const;
export type ScoredCardField = (typeof SCORED_CARD_FIELDS)[number];

/** The ground truth of a card, as in the fixtures' cardNN.json (`phone` as printed, `country` its default region). */
export interface CardTruth {
  name?: string | null;
  title?: string | null;
  company?: string | null;
  email?: string | null;
  phone?: readonly string[] | null;
  website?: string | null;
  address?: string | null;
  country: string;
}

/** Spaces collapsed and trimmed; e-mails and websites lower-case, websites without scheme and trailing slash; phones
 * E.164 read in `region`; an address as one line with ", " between its parts. */
export function normaliseField(field: ScoredCardField, value: string, region: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  switch (field) {
    case 'email':
      return text.toLowerCase();
    case 'website':
      return text.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/+$/, '');
    case 'phone': {
      const parsed = parsePhoneNumberFromString(text, region as CountryCode);
      return parsed ? parsed.number : text.replace(/[^\d+]/g, '');
    }
    case 'address':
      return text.replace(/\s*,\s*/g, ', ');
    default:
      return text;
  }
}

/** For each scored field, whether the draft has exactly the truth: the same single value, or the same set of e-mails,
 * phones and websites (an extra or a missing one is not exact). A field absent from the truth must be absent. */
export function fieldsExact(draft: CardDraft, truth: CardTruth): Record<ScoredCardField, boolean> {
  const region = truth.country;
  const one = (field: ScoredCardField, got: string | null | undefined, want: string | null | undefined) =>
    normaliseField(field, got ?? '', region) === normaliseField(field, want ?? '', region);
  const many = (field: ScoredCardField, got: readonly string[], want: readonly string[]) => {
    const a = [...new Set(got.map((v) => normaliseField(field, v, region)))].sort();
    const b = [...new Set(want.filter(Boolean).map((v) => normaliseField(field, v, region)))].sort();
    return a.length === b.length && a.every((v, i) => v === b[i]);
  };
  return {
    name: one('name', draft.name?.value, truth.name),
    title: one('title', draft.title?.value, truth.title),
    company: one('company', draft.company?.value, truth.company),
    email: many('email', draft.emails.map((e) => e.value), truth.email ? [truth.email] : []),
    phone: many('phone', draft.phones.map((p) => p.value.number), truth.phone ?? []),
    website: many('website', draft.websites.map((w) => w.value), truth.website ? [truth.website] : []),
    address: one('address', draft.address?.value, truth.address),
  };
}
