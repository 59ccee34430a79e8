// The one place the CardDAV server turns people into vCards and back, through core/vcard.ts (the same mapping as
// import and export, so a card synced from a phone and a card imported from a file give the same person).
import { contactFromPerson, formatVCard, parseVCards, personInputFromContact, type PersonForVCard, type VCardPhoto } from '../core/vcard.js';
import type { PersonInput } from './people.service.js';

export type VCardVersion = '3.0' | '4.0';

export interface ParsedCard {
  uid: string | null;
  input: PersonInput;
  /** What the card carries beyond the person's fields, kept with the person (core/vcard.ts). */
  birthday: string | null;
  extra: string[];
  photo: VCardPhoto | null;
}

export function formatPersonVCard(person: PersonForVCard, uid: string, version: VCardVersion): string {
  return formatVCard({ ...contactFromPerson(person), uid }, version);
}

/** The person a body holds; null unless it is exactly one readable vCard. */
export function parsePersonVCard(text: string): ParsedCard | null {
  const { contacts, errors } = parseVCards(text);
  if (contacts.length !== 1 || errors.length > 0) return null;
  const mapping = personInputFromContact(contacts[0]!.contact, 'carddav');
  return { uid: mapping.uid, input: { ...mapping.input, commonalities: mapping.commonalities }, birthday: mapping.birthday, extra: mapping.extra, photo: mapping.photo };
}
