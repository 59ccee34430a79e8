// addressbook-query filters (RFC 6352 §10.5): prop-filter with is-not-defined, text-match (equals, contains,
// starts-with, ends-with; i;unicode-casemap and i;ascii-casemap fold case, i;octet does not), param-filter,
// negate-condition, and anyof/allof at both levels. Cards are read with ical.js.
import ICAL from 'ical.js';
import { NS, child, children, type XmlNode } from './dav-xml.js';

type Prop = { name: string; params: Record<string, string[]>; values: string[] };

function valuesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(valuesOf);
  return value === null || value === undefined ? [] : [String(value)];
}

export function propertiesOf(vcard: string): Prop[] {
  try {
    const jcal = ICAL.parse(vcard) as [string, [string, Record<string, unknown>, string, ...unknown[]][]];
    return jcal[1].map(([name, params, , ...values]) => ({
      name: name.toUpperCase(),
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toUpperCase(), valuesOf(v)])),
      values: [valuesOf(values).join(' ')],
    }));
  } catch {
    return [];
  }
}

function textMatches(tm: XmlNode, candidates: string[]): boolean {
  const collation = tm.attrs.collation ?? 'i;unicode-casemap';
  const fold = collation === 'i;octet' ? (s: string) => s : (s: string) => s.normalize('NFKC').toLowerCase();
  const needle = fold(tm.text);
  const type = tm.attrs['match-type'] ?? 'contains';
  const test = (value: string) => {
    const v = fold(value);
    if (type === 'equals') return v === needle;
    if (type === 'starts-with') return v.startsWith(needle);
    if (type === 'ends-with') return v.endsWith(needle);
    return v.includes(needle);
  };
  const hit = candidates.some(test);
  return tm.attrs['negate-condition'] === 'yes' ? !hit : hit;
}

function combine(tests: boolean[], allof: boolean): boolean {
  return allof ? tests.every(Boolean) : tests.some(Boolean);
}

function paramMatches(pf: XmlNode, prop: Prop): boolean {
  const values = prop.params[(pf.attrs.name ?? '').toUpperCase()];
  if (child(pf, NS.card, 'is-not-defined')) return values === undefined;
  if (values === undefined) return false;
  const tm = child(pf, NS.card, 'text-match');
  return tm ? textMatches(tm, values) : true;
}

function propFilterMatches(pf: XmlNode, props: Prop[]): boolean {
  const name = (pf.attrs.name ?? '').toUpperCase();
  const named = props.filter((p) => p.name === name);
  if (child(pf, NS.card, 'is-not-defined')) return named.length === 0;
  if (named.length === 0) return false;
  const tests = [
    ...children(pf, NS.card, 'text-match').map((tm) => textMatches(tm, named.flatMap((p) => p.values))),
    ...children(pf, NS.card, 'param-filter').map((param) => named.some((p) => paramMatches(param, p))),
  ];
  return tests.length === 0 ? true : combine(tests, pf.attrs.test === 'allof');
}

/** Whether a card passes a `<card:filter>`; no filter (or an empty one) passes every card. */
export function matchesFilter(filter: XmlNode | undefined, vcard: string): boolean {
  const propFilters = children(filter, NS.card, 'prop-filter');
  if (!filter || propFilters.length === 0) return true;
  const props = propertiesOf(vcard);
  return combine(propFilters.map((pf) => propFilterMatches(pf, props)), filter.attrs.test === 'allof');
}
