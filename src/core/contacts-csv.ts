// Contacts as CSV: which program wrote a header, the column mapping (proposed, then confirmed by the person), a row
// read into a VCardContact (so CSV and vCard share one mapping to people), and Google-compatible CSV out.
//
// The bytes → text → rows part (csv-parse, iconv-lite, chardet) lives in app/contacts-file.ts: core's lint fence
// keeps I/O and those libraries out of core; what is here is pure and tested without them.
import { emptyContact, type VCardContact } from './vcard.js';

export type CsvKind = 'linkedin' | 'google' | 'outlook' | 'generic';

export const CSV_FIELDS = [
  'fullName',
  'givenName',
  'middleName',
  'familyName',
  'prefix',
  'suffix',
  'company',
  'department',
  'title',
  'notes',
  'email',
  'phone',
  'url',
  'address',
  'birthday',
  'categories',
  'uid',
  'connectedOn',
  'ignore',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/**
 * Column name → what it holds: a field ("email"), a field with a fixed label ("phone:cell", "address:work": all
 * address columns with one label make one address, in column order), "labelOf:<column>" (this column holds the
 * label of that column's value, as Google's "E-mail 1 - Label"), or "ignore".
 */
export type CsvMapping = Record<string, string>;

export interface CsvMappingProblem {
  column: string;
  message: string;
}

const norm = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, ' ');

export function detectCsvKind(header: string[]): CsvKind {
  const h = new Set(header.map(norm));
  if (h.has('first name') && h.has('last name') && h.has('connected on')) return 'linkedin';
  if (h.has('e-mail 1 - value') || h.has('given name') || h.has('organization name') || h.has('organization 1 - name')) return 'google';
  if (h.has('job title') && (h.has('e-mail address') || h.has('business phone') || h.has('mobile phone'))) return 'outlook';
  return 'generic';
}

const SIMPLE: Record<string, string> = {
  name: 'fullName',
  'full name': 'fullName',
  'display name': 'fullName',
  'first name': 'givenName',
  'given name': 'givenName',
  'middle name': 'middleName',
  'additional name': 'middleName',
  'last name': 'familyName',
  'family name': 'familyName',
  surname: 'familyName',
  'name prefix': 'prefix',
  'name suffix': 'suffix',
  suffix: 'suffix',
  company: 'company',
  organization: 'company',
  organisation: 'company',
  'organization name': 'company',
  'organization 1 - name': 'company',
  department: 'department',
  'organization department': 'department',
  'organization 1 - department': 'department',
  'job title': 'title',
  position: 'title',
  'organization title': 'title',
  'organization 1 - title': 'title',
  notes: 'notes',
  note: 'notes',
  birthday: 'birthday',
  labels: 'categories',
  'group membership': 'categories',
  categories: 'categories',
  tags: 'categories',
  url: 'url:LinkedIn',
  'web page': 'url',
  website: 'url',
  'email address': 'email',
  email: 'email',
  'e-mail': 'email',
  'e-mail address': 'email',
  'e-mail 2 address': 'email',
  'e-mail 3 address': 'email',
  phone: 'phone',
  'phone number': 'phone',
  mobile: 'phone:cell',
  'mobile phone': 'phone:cell',
  'business phone': 'phone:work',
  'business phone 2': 'phone:work',
  'home phone': 'phone:home',
  'home phone 2': 'phone:home',
  'other phone': 'phone:other',
  'business fax': 'phone:fax',
  'connected on': 'connectedOn',
  uid: 'uid',
  address: 'address',
};

/** What Kith proposes for each column of a header; the person confirms or corrects it before the import. */
export function proposeMapping(header: string[]): CsvMapping {
  const kind = detectCsvKind(header);
  const mapping: CsvMapping = {};
  for (const column of header) {
    const h = norm(column);
    let target = SIMPLE[h] ?? 'ignore';
    // Outlook's "Title" is the honorific (Mr., Dr.); its job title is "Job Title".
    if (h === 'title') target = kind === 'outlook' ? 'prefix' : 'title';
    if (h === 'url' && kind !== 'linkedin') target = 'url';
    const google = /^(e-mail|phone|address|website|relation|event|custom field|im) (\d+) - (value|formatted|label|type)$/.exec(h);
    if (google) {
      const [, what, n, part] = google;
      const field = { 'e-mail': 'email', phone: 'phone', address: 'address', website: 'url' }[what!];
      if (!field) target = 'ignore';
      else if (part === 'label' || part === 'type') {
        const valueColumn = header.find((c) => new RegExp(`^${what} ${n} - (value|formatted)$`).test(norm(c)));
        target = valueColumn ? `labelOf:${valueColumn}` : 'ignore';
      } else if (what === 'address' && part === 'value') target = 'ignore';
      else target = field;
    }
    const outlookAddress = /^(business|home|other) (street|street 2|street 3|city|state|postal code|country\/region|country|po box)$/.exec(h);
    if (outlookAddress) target = `address:${outlookAddress[1] === 'business' ? 'work' : outlookAddress[1]}`;
    mapping[column] = target;
  }
  return mapping;
}

function fieldOf(target: string): { field: string; label: string | null } {
  const colon = target.indexOf(':');
  if (colon < 0) return { field: target, label: null };
  return { field: target.slice(0, colon), label: target.slice(colon + 1) || null };
}

/** Problems with a mapping the person sent: columns the file does not have, targets Kith does not know. */
export function checkMapping(header: string[], mapping: CsvMapping): CsvMappingProblem[] {
  const problems: CsvMappingProblem[] = [];
  const columns = new Set(header);
  for (const [column, target] of Object.entries(mapping)) {
    if (!columns.has(column)) problems.push({ column, message: `the file has no column "${column}" (its columns: ${header.join(', ')})` });
    const { field, label } = fieldOf(target);
    if (field === 'labelOf') {
      if (!label || !columns.has(label)) problems.push({ column, message: `"${target}" names no column of the file` });
    } else if (!(CSV_FIELDS as readonly string[]).includes(field)) {
      problems.push({ column, message: `"${target}" is not a field Kith knows (one of ${CSV_FIELDS.join(', ')})` });
    }
  }
  if (!Object.values(mapping).some((t) => ['fullName', 'givenName', 'familyName', 'company', 'email', 'phone'].includes(fieldOf(t).field))) {
    problems.push({ column: '', message: 'map at least one column to a name, company, e-mail or phone' });
  }
  return problems;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** A date as exports write it: ISO, --MM-DD, US m/d/yyyy (Outlook), "12 Mar 2024" (LinkedIn); null for none (0/0/00). */
export function parseCsvDate(text: string): string | null {
  const v = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^--(\d{2})-?(\d{2})$/.exec(v);
  if (m) return `--${m[1]}-${m[2]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (m) {
    const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo === 0 || d === 0 || mo > 12 || d > 31) return null;
    const year = m[3]!.length === 2 ? (y > 30 ? 1900 + y : 2000 + y) : y;
    return `${year}-${pad(mo)}-${pad(d)}`;
  }
  m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(v);
  if (m && MONTHS.includes(m[2]!.toLowerCase())) return `${m[3]}-${pad(MONTHS.indexOf(m[2]!.toLowerCase()) + 1)}-${pad(Number(m[1]))}`;
  return null;
}

function categoriesOf(text: string): string[] {
  // Google: "* myContacts ::: Friends"; Outlook: "Business;Golf"; others: commas.
  const parts = text.includes(':::') ? text.split(':::') : text.split(/[;,]/);
  return parts.map((p) => p.replace(/^\s*\*\s*/, '').trim()).filter((p) => p !== '' && p !== 'myContacts' && p !== 'starred');
}

/** One CSV row as a contact, by a mapping checked with checkMapping. */
export function contactFromCsvRow(header: string[], row: string[], mapping: CsvMapping): VCardContact {
  const c = emptyContact();
  const cell = new Map<string, string>();
  header.forEach((h, i) => cell.set(h, (row[i] ?? '').trim()));
  const addresses = new Map<string, string[]>();
  const labelColumns = new Map<string, string>();
  for (const [column, target] of Object.entries(mapping)) if (target.startsWith('labelOf:')) labelColumns.set(target.slice('labelOf:'.length), column);
  for (const column of header) {
    const target = mapping[column];
    const value = cell.get(column) ?? '';
    if (!target || value === '') continue;
    const { field, label: fixed } = fieldOf(target);
    const labelColumn = labelColumns.get(column);
    const label = (labelColumn ? cell.get(labelColumn)?.replace(/^\*\s*/, '') : null) || fixed;
    switch (field) {
      case 'fullName':
        c.fullName = value;
        break;
      case 'givenName':
        c.givenName = value;
        break;
      case 'middleName':
        c.additionalNames = value;
        break;
      case 'familyName':
        c.familyName = value;
        break;
      case 'prefix':
        c.prefix = value;
        break;
      case 'suffix':
        c.suffix = value;
        break;
      case 'company':
        c.company = value;
        break;
      case 'department':
        c.department = value;
        break;
      case 'title':
        c.title = value;
        break;
      case 'notes':
        c.notes = c.notes ? `${c.notes}\n${value}` : value;
        break;
      case 'email':
      case 'phone':
      case 'url': {
        const list = field === 'email' ? c.emails : field === 'phone' ? c.phones : c.urls;
        // Google puts several values in one cell: "a@x.com ::: b@y.com".
        for (const v of value.split(':::').map((s) => s.trim()).filter((s) => s !== '')) list.push({ value: v, types: [], label: label ?? null });
        break;
      }
      case 'address': {
        const key = label ?? '';
        addresses.set(key, [...(addresses.get(key) ?? []), value]);
        break;
      }
      case 'birthday':
        c.birthday = parseCsvDate(value);
        if (!c.birthday) c.extra.push(`X-KITH-CSV-BIRTHDAY:${value}`);
        break;
      case 'categories':
        for (const k of categoriesOf(value)) if (!c.categories.includes(k)) c.categories.push(k);
        break;
      case 'uid':
        c.uid = value;
        break;
      case 'connectedOn':
        c.extra.push(`X-LINKEDIN-CONNECTED-ON:${parseCsvDate(value) ?? value}`);
        break;
      default:
        break;
    }
  }
  for (const [label, parts] of addresses) c.addresses.push({ value: parts.join(', '), types: [], label: label || null });
  if (!c.fullName) {
    c.fullName = [c.prefix, c.givenName, c.additionalNames, c.familyName, c.suffix].filter((p) => p !== '').join(' ') || c.company || c.emails[0]?.value || c.phones[0]?.value || '';
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * A cell as a spreadsheet will not run it: a value starting with = + - @ (or a tab or CR, which some spreadsheets
 * skip before looking) gets a leading apostrophe (OWASP's advice against CSV formula injection).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvLine(cells: string[]): string {
  return (
    cells
      .map((raw) => {
        const v = neutraliseCell(raw);
        return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
      })
      .join(',') + '\r\n'
  );
}

export interface CsvShape {
  emails: number;
  phones: number;
  addresses: number;
  urls: number;
}

/** Google Contacts' CSV header, with as many numbered e-mail/phone/address/website columns as the contacts need. */
export function googleCsvHeader(shape: CsvShape): string[] {
  const h = ['First Name', 'Middle Name', 'Last Name', 'Name Prefix', 'Name Suffix', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Notes', 'Labels'];
  for (let i = 1; i <= shape.emails; i++) h.push(`E-mail ${i} - Label`, `E-mail ${i} - Value`);
  for (let i = 1; i <= shape.phones; i++) h.push(`Phone ${i} - Label`, `Phone ${i} - Value`);
  for (let i = 1; i <= shape.addresses; i++) h.push(`Address ${i} - Label`, `Address ${i} - Formatted`);
  for (let i = 1; i <= shape.urls; i++) h.push(`Website ${i} - Label`, `Website ${i} - Value`);
  return h;
}

export function googleCsvRow(c: VCardContact, shape: CsvShape): string[] {
  const label = (v: { types: string[]; label: string | null }): string => v.label ?? v.types.filter((t) => t !== 'pref' && t !== 'internet' && t !== 'voice')[0] ?? '';
  const row = [c.givenName, c.additionalNames, c.familyName, c.prefix, c.suffix, c.company ?? '', c.title ?? '', c.department ?? '', c.birthday ?? '', c.notes ?? '', c.categories.join(' ::: ')];
  const pairs = (list: { value: string; types: string[]; label: string | null }[], n: number): void => {
    for (let i = 0; i < n; i++) row.push(list[i] ? label(list[i]!) : '', list[i]?.value ?? '');
  };
  pairs(c.emails, shape.emails);
  pairs(c.phones, shape.phones);
  pairs(c.addresses, shape.addresses);
  pairs(c.urls, shape.urls);
  return row;
}
