import { describe, expect, it } from 'vitest';
import { fieldsExact, normaliseField, type CardTruth } from './card-accuracy.js';
import type { CardDraft, CardField } from './card-types.js';

const field = <T>(value: T): CardField<T> => ({ value, confidence: 0.9, line: '', from: 'ocr' });

const truth: CardTruth = {
  name: 'Eleanor Hughes',
  title: 'Managing Director',
  company: 'Kestrel & Finch Ltd',
  email: 'e.hughes@kestrelfinch.co.uk',
  phone: ['+44 20 7946 0958', '07911 123456'],
  website: 'kestrelfinch.co.uk',
  address: '14 Cavendish Row, London W1G 9DQ, United Kingdom',
  country: 'GB',
};

function draft(overrides: Partial<CardDraft> = {}): CardDraft {
  return {
    name: field('Eleanor  Hughes '),
    title: field('Managing Director'),
    company: field('Kestrel & Finch Ltd'),
    emails: [field('E.Hughes@KestrelFinch.co.uk')],
    phones: [field({ number: '+447911123456', label: 'mobile' as const }), field({ number: '+442079460958', label: null })],
    websites: [field('https://kestrelfinch.co.uk/')],
    address: field('14 Cavendish Row ,London W1G 9DQ,  United Kingdom'),
    socials: [],
    note: [],
    ...overrides,
  };
}

describe('scoring a card reader against the truth', () => {
  it('spacing, the case of e-mails and websites, a scheme, and how a phone is written do not count', () => {
    expect(normaliseField('name', '  Eleanor   Hughes ', 'GB')).toBe('Eleanor Hughes');
    expect(normaliseField('email', 'E.Hughes@KestrelFinch.co.uk', 'GB')).toBe('e.hughes@kestrelfinch.co.uk');
    expect(normaliseField('website', 'HTTPS://www.Kestrelfinch.co.uk/', 'GB')).toBe('www.kestrelfinch.co.uk');
    expect(normaliseField('phone', '020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normaliseField('phone', '(212) 555-0187', 'US')).toBe('+12125550187');
    expect(normaliseField('address', 'Lindenstraße 42 ,10969 Berlin', 'DE')).toBe('Lindenstraße 42, 10969 Berlin');
  });

  it('a draft that says what the card says is exact in every field, phones in any order', () => {
    expect(fieldsExact(draft(), truth)).toEqual({ name: true, title: true, company: true, email: true, phone: true, website: true, address: true });
  });

  it('a missing, extra or different value is not exact; the case of a name is', () => {
    const exact = fieldsExact(
      draft({
        name: field('eleanor hughes'),
        title: null,
        phones: [field({ number: '+442079460958', label: null })],
        websites: [field('kestrelfinch.co.uk'), field('kestrel.co.uk')],
      }),
      truth,
    );
    expect(exact).toMatchObject({ name: false, title: false, phone: false, website: false, email: true });
  });

  it('a field the card does not have is exact only when the draft leaves it empty', () => {
    const bare: CardTruth = { ...truth, website: null, title: null };
    expect(fieldsExact(draft({ websites: [], title: null }), bare)).toMatchObject({ website: true, title: true });
    expect(fieldsExact(draft(), bare)).toMatchObject({ website: false, title: false });
  });
});
