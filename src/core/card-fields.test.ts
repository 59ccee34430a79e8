import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fieldsExact, SCORED_CARD_FIELDS, type CardTruth } from './card-accuracy.js';
import { extractCardFields } from './card-fields.js';
import { parseQrPayload } from './card-qr.js';
import type { CardDraft, OcrLine } from './card-types.js';

/** OCR lines from a block of text, one line per line, each with the same confidence. */
function ocr(text: string, confidence = 93): OcrLine[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*\|/, ''))
    .filter((line) => line.trim())
    .map((line) => ({ text: line, confidence }));
}

/** The values of a draft, without the evidence: what a person reviewing the card would see. */
function values(draft: CardDraft) {
  return {
    name: draft.name?.value ?? null,
    title: draft.title?.value ?? null,
    company: draft.company?.value ?? null,
    emails: draft.emails.map((e) => e.value),
    phones: draft.phones.map((p) => p.value),
    websites: draft.websites.map((w) => w.value),
    address: draft.address?.value ?? null,
    socials: draft.socials.map((s) => s.value),
    note: draft.note,
  };
}

function read(text: string, defaultRegion: string, confidence = 93) {
  return values(extractCardFields(ocr(text, confidence), { defaultRegion }));
}

describe('reading a business card: whole cards', () => {
  it('a clean US card gives every field, the address joined from its two lines', () => {
    const card = read(
      `Maria Gonzalez-Reyes
       VP, Business Development
       Northwind Traders LLC
       P 617.555.0199   F 617.555.0100
       maria.gonzalez@northwindtraders.com
       northwindtraders.com
       One Financial Center, 12th Floor
       Boston, MA 02111`,
      'US',
    );
    expect(card).toEqual({
      name: 'Maria Gonzalez-Reyes',
      title: 'VP, Business Development',
      company: 'Northwind Traders LLC',
      emails: ['maria.gonzalez@northwindtraders.com'],
      phones: [
        { number: '+16175550199', label: 'office' },
        { number: '+16175550100', label: 'fax' },
      ],
      websites: ['northwindtraders.com'],
      address: 'One Financial Center, 12th Floor, Boston, MA 02111',
      socials: [],
      note: [],
    });
  });

  it('a British card with its postcode on a line of its own, a fictional mobile and the company in capitals', () => {
    const card = read(
      `HOLLOWAY & PRICE
       Chartered Accountants
       James Whitaker ACA
       Partner
       Tel: 0161 496 0000
       Mobile: 07700 900 123
       Fax: 0161 496 0001
       j.whitaker@hollowayprice.co.uk
       45 King Street
       Manchester
       M2 4LQ`,
      'GB',
    );
    expect(card.name).toBe('James Whitaker ACA');
    expect(card.title).toBe('Partner');
    expect(card.company).toBe('HOLLOWAY & PRICE');
    expect(card.phones).toEqual([
      { number: '+441614960000', label: 'office' },
      { number: '+447700900123', label: 'mobile' },
      { number: '+441614960001', label: 'fax' },
    ]);
    expect(card.address).toBe('45 King Street, Manchester, M2 4LQ');
    expect(card.note).toEqual(['Chartered Accountants']);
  });

  it('a German card keeps ß and umlauts, knows Dipl.-Ing., Straße, "D-" before the postcode and GmbH & Co. KG', () => {
    const card = read(
      `Müller & Söhne GmbH & Co. KG
       Dipl.-Ing. Jörg Weißmann
       Technischer Leiter
       Industriestraße 12a
       D-74072 Heilbronn
       Tel.: +49 (0) 7131 123 456
       Fax: +49 (0) 7131 123 457
       Handy: 0171 2345678
       j.weissmann@mueller-soehne.de
       www.mueller-soehne.de`,
      'DE',
    );
    expect(card).toMatchObject({
      name: 'Dipl.-Ing. Jörg Weißmann',
      title: 'Technischer Leiter',
      company: 'Müller & Söhne GmbH & Co. KG',
      emails: ['j.weissmann@mueller-soehne.de'],
      websites: ['www.mueller-soehne.de'],
      address: 'Industriestraße 12a, D-74072 Heilbronn',
      note: [],
    });
    expect(card.phones).toEqual([
      { number: '+497131123456', label: 'office' },
      { number: '+497131123457', label: 'fax' },
      { number: '+491712345678', label: 'mobile' },
    ]);
  });

  it('a French card keeps its accents, knows Maître, "Tél. :", "Port." and a Cedex postcode', () => {
    const card = read(
      `CABINET DUPONT-LAMBERT
       Avocats à la Cour
       Maître Hélène Dupont-Lambert
       Avocate associée
       Tél. : 01 53 43 92 10
       Port. : 06 12 34 56 78
       h.dupont-lambert@dupont-lambert-avocats.fr
       14, boulevard Haussmann
       75009 Paris Cedex 09
       France`,
      'FR',
    );
    expect(card).toMatchObject({
      name: 'Maître Hélène Dupont-Lambert',
      title: 'Avocate associée',
      company: 'CABINET DUPONT-LAMBERT',
      phones: [
        { number: '+33153439210', label: 'office' },
        { number: '+33612345678', label: 'mobile' },
      ],
      address: '14, boulevard Haussmann, 75009 Paris Cedex 09, France',
      note: ['Avocats à la Cour'],
    });
  });

  it('a French card with "Bureau" and "Portable" and a German one with "Büro" and "Mobil" label their numbers', () => {
    const french = read('Bureau +33 4 72 00 11 22\nPortable 07 81 22 45 09', 'FR');
    const german = read('Büro 089 123456-0\nMobil +49 160 5551234', 'DE');
    expect(french.phones).toEqual([
      { number: '+33472001122', label: 'office' },
      { number: '+33781224509', label: 'mobile' },
    ]);
    expect(german.phones.map((p) => p.label)).toEqual(['office', 'mobile']);
  });
});

describe('reading a business card: phones', () => {
  it('a phone printed after "Fax" is labelled fax, after "Cell" or "C:" mobile, after "O:" or "Direct" office', () => {
    const card = read('Fax (312) 555-0100\nCell (312) 555-0101\nC: 312-555-0102\nO: 312.555.0103\nDirect +1 312 555 0104', 'US');
    expect(card.phones.map((p) => p.label)).toEqual(['fax', 'mobile', 'mobile', 'office', 'office']);
  });

  it('a number with no label printed keeps a null label', () => {
    expect(read('+44 20 7946 0958', 'GB').phones).toEqual([{ number: '+442079460958', label: null }]);
  });

  it('numbers in fictional ranges count, because they are possible numbers (US 555-01xx, UK 07700 900xxx)', () => {
    expect(read('(202) 555-0111', 'US').phones).toEqual([{ number: '+12025550111', label: null }]);
    expect(read('M 07700 900456', 'GB').phones).toEqual([{ number: '+447700900456', label: 'mobile' }]);
  });

  it('a house number next to a postcode is not read as a phone number', () => {
    const card = read('Lindenallee 42 10969 Berlin', 'DE');
    expect(card.phones).toEqual([]);
    expect(card.address).toBe('Lindenallee 42 10969 Berlin');
  });

  it('two numbers on one line without labels are read as two numbers', () => {
    expect(read('(212) 555-0187 (646) 555-0143', 'US').phones.map((p) => p.number)).toEqual(['+12125550187', '+16465550143']);
  });

  it('a number with the national prefix in brackets ("+44 (0)20") drops it', () => {
    expect(read('T +44 (0)20 7946 0321', 'GB').phones).toEqual([{ number: '+442079460321', label: 'office' }]);
  });

  it('O for 0 and l for 1 inside a phone number are read as digits', () => {
    expect(read('Office +l (415) 555-O132', 'US').phones).toEqual([{ number: '+14155550132', label: 'office' }]);
  });
});

describe('reading a business card: e-mails, websites and profiles', () => {
  it('an e-mail read with © for @, spaces around the dots and a trailing full stop is mended and lower-cased', () => {
    expect(read('E: Ana.Silva©lumen-labs .com.', 'US').emails).toEqual(['ana.silva@lumen-labs.com']);
    expect(read('ana.silva (a) lumen-labs.com', 'US').emails).toEqual(['ana.silva@lumen-labs.com']);
    expect(read('daniel .kim@cobalt .dev', 'US').emails).toEqual(['daniel.kim@cobalt.dev']);
  });

  it('an e-mail followed by a sentence does not run on into it', () => {
    expect(read('ana@lumen.com. Tel +1 617 555 0100', 'US').emails).toEqual(['ana@lumen.com']);
  });

  it('"www " with a space becomes "www.", and the e-mail\'s domain is not repeated as a website', () => {
    const card = read('ana@lumen-labs.com\nwww lumen-labs.com/team', 'US');
    expect(card.websites).toEqual(['www.lumen-labs.com/team']);
    expect(read('ana@lumen-labs.com', 'US').websites).toEqual([]);
  });

  it('abbreviations with dots are not websites ("Str. 7", "Dr. Kim", "Inc.")', () => {
    expect(read('Sendlinger Str.7, 80331 München\nDr.Kim\nAcme Inc.', 'DE').websites).toEqual([]);
  });

  it('a LinkedIn address becomes a social profile, not a website', () => {
    const card = read('LinkedIn: linkedin.com/in/ana-silva\nwww.lumen-labs.com\nTwitter: @anasilva', 'US');
    expect(card.socials).toEqual([
      { network: 'linkedin', handle: 'ana-silva' },
      { network: 'twitter', handle: 'anasilva' },
    ]);
    expect(card.websites).toEqual(['www.lumen-labs.com']);
    expect(card.note).toEqual([]);
  });
});

describe('reading a business card: name, title and company', () => {
  it('the e-mail address tells the name from the company when both look like names', () => {
    const card = read('Whitmore Grant\nOliver Grant\nSenior Solicitor\noliver.grant@whitmoregrant.co.uk', 'GB');
    expect(card).toMatchObject({ name: 'Oliver Grant', title: 'Senior Solicitor', company: 'Whitmore Grant', note: [] });
  });

  it('an e-mail of initial and surname ("kobrien") confirms a name with an apostrophe', () => {
    const card = read("Summit Logistics\nSiobhan O'Neill\nFleet Coordinator\nsoneill@summitlogistics.com", 'US');
    expect(card.name).toBe("Siobhan O'Neill");
    expect(card.company).toBe('Summit Logistics');
  });

  it('a company without a legal form is found by the e-mail and website domain', () => {
    const card = read('Lena Fischer\nProjektleiterin\nBlauwal Reisebüro\nlena@blauwal-reisebuero.de\nwww.blauwal-reisebuero.de', 'DE');
    expect(card).toMatchObject({ name: 'Lena Fischer', title: 'Projektleiterin', company: 'Blauwal Reisebüro' });
  });

  it('a tagline, logo letters and a department stay in the note: no line is dropped', () => {
    const card = read('NW\nNorthwind Traders LLC\nTrading the world, responsibly.\nMaria Lopez\nAccount Executive\nCustomer Success', 'US');
    expect(card).toMatchObject({ name: 'Maria Lopez', title: 'Account Executive', company: 'Northwind Traders LLC' });
    expect(card.note).toEqual(['NW', 'Trading the world, responsibly.', 'Customer Success']);
  });

  it('every line of a noisy card ends up in a field or in the note', () => {
    const lines = ocr(
      `~ Lumen Labs Inc. ~
       Ana Silva     Head of Growth
       Tel +1 (617) 555-0100 ext. 12
       ana.silva©lumenlabs.com     lumenlabs.com
       We make light work.
       221B Baker St, Suite 4, Boston, MA 02116
       ee Rn`,
      70,
    );
    const draft = extractCardFields(lines, { defaultRegion: 'US' });
    const lineOf = [draft.name, draft.title, draft.company, draft.address, ...draft.emails, ...draft.websites, ...draft.phones].map((f) => f?.line ?? '');
    for (const { text } of lines) {
      const kept = lineOf.some((l) => l.includes(text.trim())) || draft.note.some((n) => text.includes(n));
      expect(kept, text).toBe(true);
    }
    expect(draft.note).toEqual(['ext. 12', 'We make light work.', 'ee Rn']);
  });

  it('two columns read as one line with a wide gap are pulled apart', () => {
    const card = read(
      `Aisha Patel          Cell (408) 555-0123
       Staff Software Engineer      aisha.patel@quartzlabs.ai
       Quartz Labs, Inc.     www.quartzlabs.ai
       2100 Geng Rd, Ste 210, Palo Alto, CA 94303`,
      'US',
    );
    expect(card).toEqual({
      name: 'Aisha Patel',
      title: 'Staff Software Engineer',
      company: 'Quartz Labs, Inc.',
      emails: ['aisha.patel@quartzlabs.ai'],
      phones: [{ number: '+14085550123', label: 'mobile' }],
      websites: ['www.quartzlabs.ai'],
      address: '2100 Geng Rd, Ste 210, Palo Alto, CA 94303',
      socials: [],
      note: [],
    });
  });

  it('a name cut at a wide gap ("Priya    Raman") is joined again', () => {
    const card = read('Priya    Raman    Tel +44 (0)161 496 0734\nData Scientist\npriya.raman@halcyon.co.uk', 'GB');
    expect(card.name).toBe('Priya Raman');
    expect(card.title).toBe('Data Scientist');
  });

  it('a line break lost between name and title, or title and company, is found again', () => {
    const card = read('Jonas Becker Vertriebsleiter\nKlarwerk Software GmbH\nj.becker@klarwerk.de', 'DE');
    expect(card).toMatchObject({ name: 'Jonas Becker', title: 'Vertriebsleiter', company: 'Klarwerk Software GmbH' });
    const merged = read('Eleanor Hughes\nManaging Director Kestrel & Finch Ltd', 'GB');
    expect(merged).toMatchObject({ name: 'Eleanor Hughes', title: 'Managing Director', company: 'Kestrel & Finch Ltd' });
  });

  it('OCR noise is mended: 1 for l in a name, specks at the end of a line go to the note', () => {
    const card = read('Jordan Whitfie1d\nSenior Product Manager à ee 2\nBrightline Analytics, Inc. Bi. 4\njordan.whitfield@brightline.com', 'US');
    expect(card).toMatchObject({ name: 'Jordan Whitfield', title: 'Senior Product Manager', company: 'Brightline Analytics, Inc.' });
    expect(card.note).toEqual(['à ee 2', 'Bi. 4']);
  });

  it('a company name printed over two lines is read as one, with both lines as its source', () => {
    const draft = extractCardFields(ocr('Brightline\nAnalytics, Inc.\nJordan Whitfield\nSenior Product Manager\njw@brightline-analytics.com'), { defaultRegion: 'US' });
    expect(draft.company).toMatchObject({ value: 'Brightline Analytics, Inc.', line: 'Brightline\nAnalytics, Inc.' });
    expect(draft.note).toEqual([]);
  });

  it('a surname split by OCR is joined when the e-mail spells it', () => {
    expect(read('Dr. Matthias Ber ger\nHead of Engineering\nm.berger@nordwerk.de', 'DE').name).toBe('Dr. Matthias Berger');
  });

  it('a name found by its shape alone is less sure than one the e-mail confirms, and a poor OCR line lowers both', () => {
    const confirmed = extractCardFields(ocr('Nina Park\nArt Director\nnina.park@fernstudio.com'), { defaultRegion: 'US' });
    const shapeOnly = extractCardFields(ocr('Nina Park\nArt Director'), { defaultRegion: 'US' });
    const blurred = extractCardFields(ocr('Nina Park\nArt Director\nnina.park@fernstudio.com', 45), { defaultRegion: 'US' });
    expect(confirmed.name?.value).toBe('Nina Park');
    expect(shapeOnly.name?.value).toBe('Nina Park');
    expect(shapeOnly.name?.confidence).toBeLessThan(confirmed.name?.confidence ?? 0);
    expect(blurred.name?.confidence).toBeLessThan(0.5);
    expect(confirmed.name).toMatchObject({ line: 'Nina Park', from: 'ocr' });
  });
});

describe('reading a business card: addresses', () => {
  it('a British address with a building name and the street on one line keeps all of it', () => {
    expect(read('Riverside House, 9 Kings Rd, Reading RG1 3AR', 'GB').address).toBe('Riverside House, 9 Kings Rd, Reading RG1 3AR');
  });

  it('a UK postcode with I read for 1 is mended', () => {
    expect(read('22 Bedford Row\nLondon WCIR 4JS', 'GB').address).toBe('22 Bedford Row, London WC1R 4JS');
  });

  it('OCR specks before the house number go to the note, not into the address', () => {
    const card = read('Ty 1420 Fifth Avenue, Floor 22, Seattle, WA 98101', 'US');
    expect(card.address).toBe('1420 Fifth Avenue, Floor 22, Seattle, WA 98101');
    expect(card.note).toEqual(['Ty']);
  });

  it('a French street with no street word above its postcode line is still the street', () => {
    expect(read('45 La Canebière\n13001 Marseille', 'FR').address).toBe('45 La Canebière, 13001 Marseille');
  });

  it('text after the postcode that is no country stays out of the address', () => {
    const card = read('Chicago, IL 60601 SP', 'US');
    expect(card.address).toBe('Chicago, IL 60601');
    expect(card.note).toEqual(['SP']);
  });
});

describe('reading a business card with a QR code', () => {
  const vcard = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'N:Lindqvist;Astrid;;;',
    'FN:Astrid Lindqvist',
    'ORG:Fjord Analytics AB',
    'TITLE:Head of Data',
    'TEL;TYPE=WORK,VOICE:+46 8 123 456 78',
    'EMAIL;TYPE=INTERNET:astrid@fjordanalytics.se',
    'URL:https://fjordanalytics.se',
    'ADR;TYPE=WORK:;;Sveavägen 44;Stockholm;;111 34;Sweden',
    'END:VCARD',
  ].join('\n');

  it('the QR code gives the fields, and the OCR lines that say the same are not left in the note', () => {
    const lines = ocr('Fjord Analytics AB\nAstrid Lindqvlst\nHead of Data\nTel +46 8 123 456 78\nastrid@fjordanalytics.se\nSveavägen 44\n111 34 Stockholm\nData you can trust.');
    const draft = extractCardFields(lines, { defaultRegion: 'SE', qr: parseQrPayload(vcard) });
    expect(draft.name).toEqual({ value: 'Astrid Lindqvist', confidence: 0.99, line: 'Astrid Lindqvlst', from: 'qr' });
    expect(values(draft)).toMatchObject({
      title: 'Head of Data',
      company: 'Fjord Analytics AB',
      emails: ['astrid@fjordanalytics.se'],
      phones: [{ number: '+46812345678', label: 'office' }],
      websites: ['https://fjordanalytics.se'],
      address: 'Sveavägen 44, 111 34 Stockholm, Sweden',
      note: ['Data you can trust.'],
    });
    expect(draft.phones[0]?.from).toBe('qr');
  });

  it('an OCR number a digit off the QR number is the same number misread; a second number on the card is kept', () => {
    const lines = ocr('Tel +46 8 123 456 79\nMobile +46 70 123 45 67');
    const draft = extractCardFields(lines, { defaultRegion: 'SE', qr: parseQrPayload(vcard) });
    expect(draft.phones.map((p) => [p.value.number, p.value.label, p.from])).toEqual([
      ['+46812345678', 'office', 'qr'],
      ['+46701234567', 'mobile', 'ocr'],
    ]);
  });

  it('a QR code holding only a web address leaves the name to OCR', () => {
    const draft = extractCardFields(ocr('Astrid Lindqvist\nHead of Data\nwww.fjordanalytics.se'), {
      defaultRegion: 'SE',
      qr: parseQrPayload('https://www.fjordanalytics.se/'),
    });
    expect(draft.name).toMatchObject({ value: 'Astrid Lindqvist', from: 'ocr' });
    expect(draft.websites.map((w) => [w.value, w.from])).toEqual([['https://www.fjordanalytics.se/', 'qr']]);
  });
});

describe('reading the development cards (smoke check, not a benchmark)', () => {
  const folders = [fileURLToPath(new URL('../../test/fixtures/cards/', import.meta.url)), fileURLToPath(new URL('../../../shared/fixtures/cards/', import.meta.url))];
  const folder = folders.find((f) => existsSync(f));

  it('the printed lines of every fixture card, read at confidence 95, give at least 95% of the fields exactly', () => {
    expect(folder, `no fixture cards in ${folders.join(' or ')}`).toBeDefined();
    const files = readdirSync(folder as string).filter((f) => /^card\d+\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(20);
    let exact = 0;
    let total = 0;
    for (const file of files) {
      const truth = JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')) as CardTruth & { printedLines: string[] };
      const draft = extractCardFields(
        truth.printedLines.map((text) => ({ text, confidence: 95 })),
        { defaultRegion: truth.country },
      );
      const fields = fieldsExact(draft, truth);
      for (const field of SCORED_CARD_FIELDS) {
        total++;
        if (fields[field]) exact++;
      }
    }
    expect(exact / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('reading a business card: the copies of a domain and a name agree', () => {
  /** Lines with their own confidences: `[text, confidence]`. */
  const lines = (...rows: [string, number][]): OcrLine[] => rows.map(([text, confidence]) => ({ text, confidence }));

  it('a poorly read website is set to the domain of the well-read e-mail and the company', () => {
    const draft = extractCardFields(
      lines(['Neumann & Roth Consulting', 94], ['Sarah Neumann', 94], ['s.neumann@neumann-roth.de', 80], ['www. neumann-toth. de', 22]),
      { defaultRegion: 'DE' },
    );
    expect(draft.websites.map((w) => w.value)).toEqual(['www.neumann-roth.de']);
    // Corrected, it still asks to be looked at.
    expect(draft.websites[0]!.confidence).toBeLessThan(0.5);
    expect(draft.emails.map((e) => e.value)).toEqual(['s.neumann@neumann-roth.de']);
  });

  it('an e-mail read with spaces for its dot and a misread letter is set to the name and the company', () => {
    const draft = extractCardFields(
      lines(['Groupe Vireo', 92], ['Sophie Laurent', 96], ['Responsable RH', 84], ['sophie laurenr@vroupe-virso fr', 25]),
      { defaultRegion: 'FR' },
    );
    expect(draft.emails.map((e) => e.value)).toEqual(['sophie.laurent@groupe-vireo.fr']);
    expect(draft.emails[0]!.confidence).toBeLessThan(0.5);
  });

  it('a stray symbol before the "@" is dropped, and a website printed without its dot is taken from the note', () => {
    const draft = extractCardFields(
      lines(['Lukas Wagner', 96], ['Quellcode Kollektiv UG', 90], ['lukas&@ quellcode-kollektiv.de', 34], ['quellcode-kollcktiy de', 45]),
      { defaultRegion: 'DE' },
    );
    expect(draft.emails.map((e) => e.value)).toEqual(['lukas@quellcode-kollektiv.de']);
    expect(draft.websites.map((w) => w.value)).toEqual(['quellcode-kollektiv.de']);
    expect(draft.note).toEqual([]);
  });

  it('what was printed clearly is kept as printed, even when it differs from the company name', () => {
    const draft = extractCardFields(
      lines(['Acme Corp', 95], ['Jane Doe', 95], ['janed@acmeco.com', 95], ['www.acme-corp.net', 95]),
      { defaultRegion: 'US' },
    );
    expect(draft.emails.map((e) => e.value)).toEqual(['janed@acmeco.com']);
    expect(draft.websites.map((w) => w.value)).toEqual(['www.acme-corp.net']);
  });

  it('two close readings with nothing to prefer one are both left for the person to check', () => {
    const draft = extractCardFields(lines(['Jane Doe', 95], ['jane@brightline.io', 60], ['www.brightlime.io', 60]), { defaultRegion: 'US' });
    expect(draft.emails.map((e) => e.value)).toEqual(['jane@brightline.io']);
    expect(draft.websites.map((w) => w.value)).toEqual(['www.brightlime.io']);
  });
});
