// The QR code on a card is read exactly where OCR guesses: a field the QR code holds comes from it, and the OCR text
// that says the same thing is neither repeated nor left in the note.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Role } from './card-roles.js';
import { foldedKey, levenshtein, similarity } from './card-text.js';
import type { CardDraft, CardField, CardPhone, QrContent } from './card-types.js';
import { foldedWords } from './text-fold.js';

const QR_CONFIDENCE = 0.99;

/** The draft read by OCR, with every field the QR code holds taken from the QR code instead. */
export function mergeQr(ocr: CardDraft, qr: QrContent, region: string, matched: Partial<Record<Role, string[]>>): CardDraft {
  const fromQr = <T>(value: T, line: string): CardField<T> => ({ value, confidence: QR_CONFIDENCE, line, from: 'qr' });
  const single = (role: Role): CardField | null => {
    const value = qr[role];
    return value ? fromQr(value, matched[role]?.join('\n') ?? ocr[role]?.line ?? '') : ocr[role];
  };

  const sameEmail = (a: string, b: string) => similarity(a, b) >= 0.85;
  const emails = mergeList(
    qr.emails.map((e) => fromQr(e, ocr.emails.find((o) => sameEmail(o.value, e))?.line ?? '')),
    ocr.emails,
    sameEmail,
  );
  const sameWebsite = (a: string, b: string) => similarity(bareUrl(a), bareUrl(b)) >= 0.85;
  const websites = mergeList(
    qr.websites.map((w) => fromQr(w, ocr.websites.find((o) => sameWebsite(o.value, w))?.line ?? '')),
    ocr.websites,
    sameWebsite,
  );
  const unreadable: string[] = [];
  const qrPhones: CardField<CardPhone>[] = [];
  for (const phone of qr.phones) {
    const parsed = parsePhoneNumberFromString(phone.number, region as CountryCode);
    if (!parsed || !parsed.isPossible()) {
      unreadable.push(phone.number);
      continue;
    }
    const printed = ocr.phones.find((o) => o.value.number === parsed.number);
    if (qrPhones.some((p) => p.value.number === parsed.number)) continue;
    qrPhones.push(fromQr({ number: parsed.number, label: phone.label ?? printed?.value.label ?? null }, printed?.line ?? ''));
  }
  // An OCR number one or two digits off a QR number is the same number misread.
  const phones = mergeList(qrPhones, ocr.phones, (a, b) => levenshtein(a.number, b.number) <= 2);
  const socials = mergeList(
    qr.socials.map((s) => fromQr(s, '')),
    ocr.socials,
    (a, b) => a.network === b.network && a.handle.toLowerCase() === b.handle.toLowerCase(),
  );
  const address = qr.address ? fromQr(qr.address, ocr.address?.line ?? '') : ocr.address;

  const said = [qr.name, qr.title, qr.company, qr.address, ...qr.emails, ...qr.websites, ...qr.phones.map((p) => p.number)].filter(
    (v): v is string => !!v,
  );
  const note = [...ocr.note.filter((line) => !repeats(line, said)), ...qr.note, ...unreadable];
  return { name: single('name'), title: single('title'), company: single('company'), emails, phones, websites, address, socials, note };
}

/** The QR values, then the OCR values that are not one of them read differently. */
function mergeList<T>(qr: CardField<T>[], ocr: CardField<T>[], same: (a: T, b: T) => boolean): CardField<T>[] {
  if (!qr.length) return ocr;
  return [...qr, ...ocr.filter((o) => !qr.some((q) => same(q.value, o.value)))];
}

/** A note line that is a QR value, or a piece of one ("Suite 1200" of the QR address). */
function repeats(line: string, said: readonly string[]): boolean {
  const key = foldedKey(line);
  if (!key) return true;
  const single = !/\s/.test(line.trim());
  return said.some((value) => {
    if (similarity(line, value) >= 0.75) return true;
    // One word repeats a value only as a whole word of it ("Stockholm" of the address, not "Data" of "Databank").
    return key.length >= 4 && (single ? foldedWords(value).includes(key) : foldedKey(value).includes(key));
  });
}

function bareUrl(url: string): string {
  return url.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/+$/, '');
}
