// The card scan's answer, as the API sends it (see src/http/routes/cards.routes.ts).
import type { PossibleDuplicate } from '../../api/types';

export interface CardField<T = string> {
  value: T;
  confidence: number;
  line: string;
  from: 'ocr' | 'qr' | string;
}

export interface CardDraft {
  name: CardField | null;
  title: CardField | null;
  company: CardField | null;
  emails: CardField[];
  phones: CardField<{ number: string; label: string | null }>[];
  websites: CardField[];
  address: CardField | null;
  socials: CardField<{ network: string; handle: string }>[];
  note: string[];
}

export interface Labelled {
  value: string;
  label: string | null;
}

export interface CardPerson {
  fullName: string;
  company: string | null;
  title: string | null;
  emails: Labelled[];
  phones: Labelled[];
  links: Labelled[];
  addresses: Labelled[];
  notes: string | null;
}

export interface CardScanAnswer {
  scan: { id: string; eventId: string | null; expiresAt: string; draft: CardDraft; images: { id: string; side: string; width: number; height: number }[] };
  person: CardPerson;
  possibleDuplicates: PossibleDuplicate[];
  timings: Record<string, number>;
}

/** Below this a field is highlighted for checking. */
export const SURE = 0.75;
