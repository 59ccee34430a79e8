// WebDAV XML in and out. Requests are parsed with fast-xml-parser and their namespaces resolved here (clients use
// any prefixes: D:, d:, A:, none); answers are written with fixed prefixes and every text escaped.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const NS = { dav: 'DAV:', card: 'urn:ietf:params:xml:ns:carddav', cs: 'http://calendarserver.org/ns/' } as const;

/** An element with its namespace resolved. */
export interface XmlNode {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

function resolve(items: Ordered[], scope: Record<string, string>): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const tag = Object.keys(item).find((k) => k !== ':@');
    if (!tag || tag === '#text' || tag.startsWith('?') || tag === '#comment') continue;
    const rawAttrs = item[':@'] ?? {};
    const local: Record<string, string> = { ...scope };
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns') local[''] = String(v);
      else if (k.startsWith('xmlns:')) local[k.slice(6)] = String(v);
      else attrs[k.includes(':') ? k.slice(k.indexOf(':') + 1) : k] = String(v);
    }
    const colon = tag.indexOf(':');
    const prefix = colon >= 0 ? tag.slice(0, colon) : '';
    const name = colon >= 0 ? tag.slice(colon + 1) : tag;
    const content = (item[tag] as Ordered[] | undefined) ?? [];
    const text = content.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');
    nodes.push({ ns: local[prefix] ?? '', name, attrs, children: resolve(content, local), text });
  }
  return nodes;
}

/** The root element of an XML body; null for an empty body. Throws on malformed XML. */
export function parseXml(body: string): XmlNode | null {
  if (!body.trim()) return null;
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const root = resolve(parser.parse(body) as Ordered[], {})[0];
  return root ?? null;
}

export function child(node: XmlNode | null | undefined, ns: string, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.ns === ns && c.name === name);
}

export function children(node: XmlNode | null | undefined, ns: string, name: string): XmlNode[] {
  return node?.children.filter((c) => c.ns === ns && c.name === name) ?? [];
}

export function escapeXml(text: string): string {
  // XML 1.0 cannot carry most control characters; vdirsyncer strips them too.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PREFIX: Record<string, string> = { [NS.dav]: 'd', [NS.card]: 'card', [NS.cs]: 'cs' };

/** `<prefix:name/>` for a property the server does not have, in its own namespace. */
export function emptyElement(ns: string, name: string): string {
  const prefix = PREFIX[ns];
  return prefix ? `<${prefix}:${name}/>` : `<x:${name} xmlns:x="${escapeXml(ns)}"/>`;
}

export function element(ns: string, name: string, inner: string): string {
  const prefix = PREFIX[ns];
  return prefix ? `<${prefix}:${name}>${inner}</${prefix}:${name}>` : `<x:${name} xmlns:x="${escapeXml(ns)}">${inner}</x:${name}>`;
}

export interface PropResult {
  ns: string;
  name: string;
  /** The property's inner XML; null when the resource has no such property (reported under 404). */
  value: string | null;
}

export function propstats(props: PropResult[]): string {
  const found = props.filter((p) => p.value !== null);
  const missing = props.filter((p) => p.value === null);
  let out = '';
  if (found.length > 0 || missing.length === 0) {
    out += `<d:propstat><d:prop>${found.map((p) => (p.value === '' ? emptyElement(p.ns, p.name) : element(p.ns, p.name, p.value!))).join('')}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`;
  }
  if (missing.length > 0) {
    out += `<d:propstat><d:prop>${missing.map((p) => emptyElement(p.ns, p.name)).join('')}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`;
  }
  return out;
}

export function response(href: string, inner: string): string {
  return `<d:response><d:href>${escapeXml(href)}</d:href>${inner}</d:response>`;
}

export function multistatus(responses: string[], extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:card="${NS.card}" xmlns:cs="${NS.cs}">${responses.join('')}${extra}</d:multistatus>`;
}

export function davError(element: string, ns: string, inner = ''): string {
  const prefix = PREFIX[ns] ?? 'd';
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:card="${NS.card}">${inner ? `<${prefix}:${element}>${inner}</${prefix}:${element}>` : `<${prefix}:${element}/>`}</d:error>`;
}
