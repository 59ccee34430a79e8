// Normalising the e-mails, phones and links of a person, with an error that names the field.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { getCountryForTimezone } from 'countries-and-timezones';
import { ValidationError, type FieldIssue } from './errors.js';
import type { LabelledValue } from './types.js';

/** A value as typed: the label may be left out. */
export interface LabelledValueInput {
  value: string;
  label?: string | null | undefined;
}

/** An e-mail address as Kith accepts one typed into a field: something@somewhere.tld, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmails(values: LabelledValueInput[], path = 'emails'): LabelledValue[] {
  const issues: FieldIssue[] = [];
  const out = values.map((v, i) => {
    const value = v.value.trim().toLowerCase();
    if (!EMAIL.test(value)) issues.push({ path: `${path}[${i}].value`, message: `"${v.value}" is not an e-mail address` });
    return { value, label: cleanLabel(v.label ?? null) };
  });
  if (issues.length) throw new ValidationError(issues);
  return dedupe(out);
}

/** Phones become E.164 ("+442079460958"); a number without a country code is read in `region`. */
export function normalisePhones(values: LabelledValueInput[], region: string, path = 'phones'): LabelledValue[] {
  const issues: FieldIssue[] = [];
  const out = values.map((v, i) => {
    const parsed = parsePhoneNumberFromString(v.value, region as CountryCode);
    if (!parsed || !parsed.isPossible()) {
      issues.push({ path: `${path}[${i}].value`, message: `"${v.value}" is not a phone number (add the country code, e.g. +44)` });
      return { value: v.value, label: null };
    }
    return { value: parsed.number, label: cleanLabel(v.label ?? null) };
  });
  if (issues.length) throw new ValidationError(issues);
  return dedupe(out);
}

/** Postal addresses as printed, one line each ("500 Harbor Blvd, Suite 1200, San Francisco, CA 94111"). */
export function normaliseAddresses(values: LabelledValueInput[], path = 'addresses'): LabelledValue[] {
  const issues: FieldIssue[] = [];
  const out = values.map((v, i) => {
    const value = v.value.replace(/\s*\n\s*/g, ', ').replace(/\s+/g, ' ').trim();
    if (!value) issues.push({ path: `${path}[${i}].value`, message: 'an address cannot be empty' });
    return { value, label: cleanLabel(v.label ?? null) };
  });
  if (issues.length) throw new ValidationError(issues);
  return dedupe(out);
}

export function normaliseLinks(values: LabelledValueInput[], path = 'links'): LabelledValue[] {
  const issues: FieldIssue[] = [];
  const out = values.map((v, i) => {
    const raw = v.value.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
    let url: URL | null = null;
    try {
      url = new URL(withScheme);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
      issues.push({ path: `${path}[${i}].value`, message: `"${v.value}" is not a web address` });
      return { value: v.value, label: null };
    }
    return { value: url.toString(), label: cleanLabel(v.label ?? null) };
  });
  if (issues.length) throw new ValidationError(issues);
  return dedupe(out);
}

function cleanLabel(label: string | null): string | null {
  const trimmed = label?.trim();
  return trimmed ? trimmed : null;
}

function dedupe(values: LabelledValue[]): LabelledValue[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v.value) ? false : (seen.add(v.value), true)));
}

export function isValidRegion(region: string): boolean {
  return /^[A-Z]{2}$/.test(region) && isSupportedCountry(region);
}

/**
 * The country whose phone numbers a person in this time zone most likely types without +code: the zone's own
 * country in the IANA zone tables (Europe/Berlin → DE, America/New_York → US), through countries-and-timezones;
 * null for zones of no country (UTC) or a country libphonenumber does not know.
 */
export function regionOfTimeZone(timeZone: string): string | null {
  const region = getCountryForTimezone(timeZone)?.id ?? null;
  return region !== null && isValidRegion(region) ? region : null;
}

/** The phone region a new account gets, and keeps following its time zone until the person picks one: US for UTC. */
export const defaultRegionOf = (timeZone: string): string => regionOfTimeZone(timeZone) ?? 'US';
