import { describe, expect, it } from 'vitest';
import { defaultRegionOf, isValidRegion, normaliseEmails, normaliseLinks, normalisePhones, regionOfTimeZone } from './contact-values.js';
import { foldText, foldedWords } from './text-fold.js';
import { ValidationError } from './errors.js';

describe('folding text for search', () => {
  it('ignores case and accents, and spells out letters that do not decompose', () => {
    expect(foldText('José Müller-Lüdenscheidt')).toBe('jose muller-ludenscheidt');
    expect(foldText('Straße Łódź Ørsted Æble')).toBe('strasse lodz orsted aeble');
  });

  it('cuts words at anything that is not a letter or a digit', () => {
    expect(foldedWords("Zoë O'Brien <zoe@acme.io>, +44 20")).toEqual(['zoe', 'o', 'brien', 'zoe', 'acme', 'io', '44', '20']);
  });
});

describe('contact values', () => {
  it('e-mails are trimmed, lower-cased and kept once', () => {
    expect(normaliseEmails([{ value: ' Jane@Acme.COM ', label: ' work ' }, { value: 'jane@acme.com' }])).toEqual([{ value: 'jane@acme.com', label: 'work' }]);
  });

  it('phones become E.164, read in the default region when they have no country code', () => {
    expect(normalisePhones([{ value: '020 7946 0958' }, { value: '+1 (415) 555-2671', label: 'mobile' }], 'GB')).toEqual([
      { value: '+442079460958', label: null },
      { value: '+14155552671', label: 'mobile' },
    ]);
  });

  it('the phone region of a time zone is its country, US for a zone of no country', () => {
    expect(['Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Calcutta', 'Australia/Sydney', 'Europe/Zurich'].map(regionOfTimeZone)).toEqual(['DE', 'GB', 'US', 'IN', 'AU', 'CH']);
    expect(regionOfTimeZone('UTC')).toBeNull();
    expect(regionOfTimeZone('Not/AZone')).toBeNull();
    expect(defaultRegionOf('Etc/UTC')).toBe('US');
    expect(normalisePhones([{ value: '0171 1234567' }], defaultRegionOf('Europe/Berlin'))).toEqual([{ value: '+491711234567', label: null }]);
  });

  it('every bad value is named by its position', () => {
    try {
      normalisePhones([{ value: '+44 20 7946 0958' }, { value: 'call me' }, { value: '12' }], 'GB');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['phones[1].value', 'phones[2].value']);
    }
  });

  it('the issues of a person sent inside another object are named from the outer field', () => {
    try {
      normaliseEmails([{ value: 'jane@' }]);
      expect.unreachable();
    } catch (error) {
      const nested = (error as ValidationError).under('person');
      expect(nested.issues).toEqual([{ path: 'person.emails[0].value', message: '"jane@" is not an e-mail address' }]);
      expect(nested.details).toEqual({ issues: nested.issues });
      expect(nested.code).toBe('KITH_VALIDATION');
    }
  });

  it('links get https:// when it is missing, and only web addresses are accepted', () => {
    expect(normaliseLinks([{ value: 'acme.com/team' }])).toEqual([{ value: 'https://acme.com/team', label: null }]);
    expect(() => normaliseLinks([{ value: 'javascript:alert(1)' }])).toThrow('links[0].value: "javascript:alert(1)" is not a web address');
    expect(() => normaliseLinks([{ value: 'localhost' }])).toThrow(ValidationError);
  });

  it('a region is a two-letter country the phone library knows', () => {
    expect(isValidRegion('GB')).toBe(true);
    expect(isValidRegion('XX')).toBe(false);
    expect(isValidRegion('gb')).toBe(false);
  });
});
