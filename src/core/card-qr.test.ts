import { describe, expect, it } from 'vitest';
import { formatAddress, parseQrPayload } from './card-qr.js';

describe('reading the QR code of a card', () => {
  it('a vCard 3.0 gives name, title, company, typed phones, e-mail, website and a one-line address', () => {
    const qr = parseQrPayload(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:Okonkwo;Chidi;;;',
        'FN:Chidi Okonkwo',
        'ORG:Harbor Point Partners\\, LLC',
        'TITLE:Managing Partner',
        'TEL;TYPE=WORK,VOICE:(617) 555-0142',
        'TEL;TYPE=CELL:(617) 555-0199',
        'TEL;TYPE=WORK,FAX:(617) 555-0100',
        'EMAIL;TYPE=INTERNET:Chidi@HarborPoint.com',
        'URL:https://harborpoint.com',
        'URL:https://www.linkedin.com/in/chidi-okonkwo/',
        'ADR;TYPE=WORK:;Suite 400;75 State Street;Boston;MA;02109;USA',
        'NOTE:Met at the SaaStr meetup',
        'END:VCARD',
      ].join('\r\n'),
    );
    expect(qr).toEqual({
      format: 'vcard',
      name: 'Chidi Okonkwo',
      title: 'Managing Partner',
      company: 'Harbor Point Partners, LLC',
      emails: ['chidi@harborpoint.com'],
      phones: [
        { number: '(617) 555-0142', label: 'office' },
        { number: '(617) 555-0199', label: 'mobile' },
        { number: '(617) 555-0100', label: 'fax' },
      ],
      websites: ['https://harborpoint.com'],
      address: '75 State Street, Suite 400, Boston, MA 02109, USA',
      socials: [{ network: 'linkedin', handle: 'chidi-okonkwo' }],
      note: ['Met at the SaaStr meetup'],
    });
  });

  it('a vCard whose locality holds "City, ST 12345" keeps it as one part of the line', () => {
    const qr = parseQrPayload('BEGIN:VCARD\nVERSION:3.0\nFN:A B\nADR;TYPE=WORK:;;1250 Avenue of the Americas;New York, NY 10020;;;\nEND:VCARD');
    expect(qr?.address).toBe('1250 Avenue of the Americas, New York, NY 10020');
  });

  it('a vCard 4.0 with tel: URIs, a structured name without FN and a department after the company', () => {
    const qr = parseQrPayload(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'N:Weißmann;Jörg;;Dr.;',
        'ORG:Müller & Söhne GmbH;Vertrieb',
        'TEL;TYPE="work,voice";VALUE=uri:tel:+49-7131-123456;ext=12',
        'TEL;TYPE=cell;VALUE=uri:tel:+49-171-2345678',
        'EMAIL:j.weissmann@mueller-soehne.de',
        'ADR;TYPE=work:;;Industriestraße 12a;Heilbronn;;74072;Deutschland',
        'END:VCARD',
      ].join('\n'),
    );
    expect(qr).toMatchObject({
      name: 'Dr. Jörg Weißmann',
      company: 'Müller & Söhne GmbH',
      phones: [
        { number: '+49-7131-123456', label: 'office' },
        { number: '+49-171-2345678', label: 'mobile' },
      ],
      address: 'Industriestraße 12a, 74072 Heilbronn, Deutschland',
      note: ['Vertrieb'],
    });
  });

  it('a vCard 2.1 with bare parameters and quoted-printable accents', () => {
    const qr = parseQrPayload(
      [
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dubois;=C3=89milie',
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89milie Dubois',
        'TITLE;ENCODING=QUOTED-PRINTABLE:Charg=C3=A9e de Communicat=',
        'ion',
        'TEL;WORK;VOICE:+33 5 56 44 12 87',
        'TEL;CELL:+33 7 81 22 45 09',
        'EMAIL;INTERNET:emilie.dubois@maison-verdier.fr',
        'ADR;WORK:;;12 cours de l\'Intendance;Bordeaux;;33000;France',
        'END:VCARD',
      ].join('\r\n'),
    );
    expect(qr).toMatchObject({
      name: 'Émilie Dubois',
      title: 'Chargée de Communication',
      phones: [
        { number: '+33 5 56 44 12 87', label: 'office' },
        { number: '+33 7 81 22 45 09', label: 'mobile' },
      ],
      emails: ['emilie.dubois@maison-verdier.fr'],
      address: "12 cours de l'Intendance, 33000 Bordeaux, France",
    });
  });

  it('a MECARD with escaped separators is read field by field', () => {
    const qr = parseQrPayload(
      'MECARD:N:Hughes,Eleanor;ORG:Kestrel & Finch Ltd;TEL:+44 20 7946 0958;TEL:+44 7911 123456;EMAIL:e.hughes@kestrelfinch.co.uk;' +
        'URL:https\\://kestrelfinch.co.uk;ADR:14 Cavendish Row\\, London W1G 9DQ;NOTE:Tea\\; not coffee;;',
    );
    expect(qr).toEqual({
      format: 'mecard',
      name: 'Eleanor Hughes',
      title: null,
      company: 'Kestrel & Finch Ltd',
      emails: ['e.hughes@kestrelfinch.co.uk'],
      phones: [
        { number: '+44 20 7946 0958', label: null },
        { number: '+44 7911 123456', label: null },
      ],
      websites: ['https://kestrelfinch.co.uk'],
      address: '14 Cavendish Row, London W1G 9DQ',
      socials: [],
      note: ['Tea; not coffee'],
    });
  });

  it('a plain https or www address is a website, and a LinkedIn profile is a social profile', () => {
    expect(parseQrPayload('https://www.brightline-analytics.com/team/jordan')).toMatchObject({
      format: 'url',
      websites: ['https://www.brightline-analytics.com/team/jordan'],
      socials: [],
    });
    expect(parseQrPayload('www.kestrelfinch.co.uk')?.websites).toEqual(['www.kestrelfinch.co.uk']);
    expect(parseQrPayload('https://linkedin.com/in/eleanor-hughes-1a2b3c')).toMatchObject({
      websites: [],
      socials: [{ network: 'linkedin', handle: 'eleanor-hughes-1a2b3c' }],
    });
  });

  it('anything else is not a contact: a Wi-Fi login, plain text, a mail link, a broken vCard, an empty MECARD', () => {
    expect(parseQrPayload('WIFI:T:WPA;S:Guest;P:secret;;')).toBeNull();
    expect(parseQrPayload('Hello there')).toBeNull();
    expect(parseQrPayload('mailto:jane@example.com')).toBeNull();
    expect(parseQrPayload('BEGIN:VCARD\nVERSION:3.0\nFN;TYPE=":Jane\nEND:VCARD')).toBeNull();
    expect(parseQrPayload('MECARD:;;')).toBeNull();
  });

  it('an address is written the way its country writes it', () => {
    expect(formatAddress(['', '', '500 Harbor Blvd', 'San Francisco', 'CA', '94111', 'USA'])).toBe('500 Harbor Blvd, San Francisco, CA 94111, USA');
    expect(formatAddress(['', '', '22 Bedford Row', 'London', '', 'WC1R 4JS', 'United Kingdom'])).toBe('22 Bedford Row, London WC1R 4JS, United Kingdom');
    expect(formatAddress(['', '', 'Lindenstraße 42', 'Berlin', '', '10969', ''])).toBe('Lindenstraße 42, 10969 Berlin');
    expect(formatAddress(['', '', '', '', '', '', ''])).toBeNull();
  });
});
