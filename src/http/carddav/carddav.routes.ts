// The CardDAV server (RFC 6352 over WebDAV, RFC 4918; sync-collection, RFC 6578; current-user-principal, RFC 5397;
// well-known discovery, RFC 6764), outside /api/v1. One address book per account, `contacts/`, holding its people.
// Clients sign in with HTTP Basic: the account e-mail and an app password.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../build-app.js';
import type { Services } from '../../app/services.js';
import { CardDavError } from '../../app/carddav.service.js';
import type { VCardVersion } from '../../app/carddav-vcard.js';
import { KithError } from '../../core/errors.js';
import { NS, child, children, davError, escapeXml, multistatus, parseXml, propstats, response, type PropResult, type XmlNode } from './dav-xml.js';
import { matchesFilter } from './address-filter.js';
import { CardDavAuthLimiter } from './carddav-auth.js';

const DAV_METHODS = ['PROPFIND', 'PROPPATCH', 'REPORT', 'MKCOL'] as const;
const ALLOW = 'OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT';
const DAV_HEADER = '1, 3, access-control, addressbook, extended-mkcol';
/** The largest card accepted (photos included). */
export const MAX_RESOURCE_SIZE = 4 * 1024 * 1024;
const BOOK = 'contacts';
const XML_TYPE = 'application/xml; charset=utf-8';
const VCARD_TYPE = 'text/vcard; charset=utf-8';

type Target =
  | { kind: 'root' }
  | { kind: 'principal'; accountId: string }
  | { kind: 'home'; accountId: string }
  | { kind: 'book'; accountId: string }
  | { kind: 'card'; accountId: string; name: string }
  | { kind: 'none' };

export const davPaths = {
  principal: (accountId: string) => `/dav/principals/${encodeURIComponent(accountId)}/`,
  home: (accountId: string) => `/dav/addressbooks/${encodeURIComponent(accountId)}/`,
  book: (accountId: string) => `/dav/addressbooks/${encodeURIComponent(accountId)}/${BOOK}/`,
  card: (accountId: string, name: string) => `/dav/addressbooks/${encodeURIComponent(accountId)}/${BOOK}/${encodeURIComponent(name)}`,
};

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** What a path (or an href from a client, possibly a full URL) points at. */
export function targetOf(pathOrUrl: string): Target {
  let path = pathOrUrl;
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return { kind: 'none' };
    }
  }
  path = path.split('?')[0]!;
  const parts = path.split('/').filter(Boolean).map(decode);
  if (parts.some((p) => p === null) || parts[0] !== 'dav') return { kind: 'none' };
  const [, area, accountId, book, name, ...rest] = parts as string[];
  if (!area) return { kind: 'root' };
  if (!accountId) return { kind: 'none' };
  if (area === 'principals' && !book) return { kind: 'principal', accountId };
  if (area !== 'addressbooks') return { kind: 'none' };
  if (!book) return { kind: 'home', accountId };
  if (book !== BOOK) return { kind: 'none' };
  if (!name) return { kind: 'book', accountId };
  if (rest.length > 0) return { kind: 'none' };
  return { kind: 'card', accountId, name };
}

function syncTokenUri(token: number): string {
  return `http://kith.invalid/ns/sync/${token}`;
}

function tokenOfUri(uri: string): number | null | 'bad' {
  const text = uri.trim();
  if (!text) return null;
  const match = /^http:\/\/kith\.invalid\/ns\/sync\/(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : 'bad';
}

/** The ETags of an If-Match header: a list, `*`, and Evolution's escaped quotes. */
function etagList(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const cleaned = header.replace(/\\"/g, '"');
  if (cleaned.trim() === '*') return ['*'];
  return [...cleaned.matchAll(/(?:W\/)?"[^"]*"/g)].map((m) => m[0].replace(/^W\//, ''));
}

function versionOfAccept(accept: string | undefined): VCardVersion {
  return accept && /text\/vcard[^,]*version\s*=\s*"?4\.0/i.test(accept) ? '4.0' : '3.0';
}

const PRIVILEGES = '<d:privilege><d:read/></d:privilege><d:privilege><d:write/></d:privilege><d:privilege><d:write-content/></d:privilege><d:privilege><d:write-properties/></d:privilege><d:privilege><d:bind/></d:privilege><d:privilege><d:unbind/></d:privilege><d:privilege><d:all/></d:privilege>';
const BOOK_REPORTS = ['addressbook-multiget', 'addressbook-query', 'sync-collection'];

type PropName = { ns: string; name: string };

const ALLPROP: PropName[] = [
  { ns: NS.dav, name: 'resourcetype' },
  { ns: NS.dav, name: 'displayname' },
  { ns: NS.dav, name: 'getetag' },
  { ns: NS.dav, name: 'getcontenttype' },
  { ns: NS.cs, name: 'getctag' },
  { ns: NS.dav, name: 'sync-token' },
];

interface Context {
  accountId: string;
  token: () => Promise<number>;
}

function href(path: string): string {
  return `<d:href>${escapeXml(path)}</d:href>`;
}

/** The value of one property of one resource; null when it has none. */
async function propValue(target: Target, prop: PropName, ctx: Context, card?: { etag: string }): Promise<string | null> {
  const { ns, name } = prop;
  const a = ctx.accountId;
  if (ns === NS.dav) {
    switch (name) {
      case 'current-user-principal':
        return href(davPaths.principal(a));
      case 'principal-URL':
        return target.kind === 'principal' ? href(davPaths.principal(a)) : null;
      case 'principal-collection-set':
        return href('/dav/principals/');
      case 'owner':
        return target.kind === 'root' ? null : href(davPaths.principal(a));
      case 'current-user-privilege-set':
        return PRIVILEGES;
      case 'resourcetype':
        if (target.kind === 'principal') return '<d:principal/><d:collection/>';
        if (target.kind === 'book') return '<d:collection/><card:addressbook/>';
        if (target.kind === 'card') return '';
        return '<d:collection/>';
      case 'displayname':
        if (target.kind === 'book') return 'Kith';
        if (target.kind === 'principal') return 'Kith';
        return target.kind === 'card' ? null : 'Kith';
      case 'supported-report-set': {
        const reports = target.kind === 'book' ? BOOK_REPORTS.map((r) => (r === 'sync-collection' ? '<d:sync-collection/>' : `<card:${r}/>`)) : target.kind === 'card' ? [] : ['<d:expand-property/>'];
        return reports.map((r) => `<d:supported-report><d:report>${r}</d:report></d:supported-report>`).join('');
      }
      case 'sync-token':
        return target.kind === 'book' ? escapeXml(syncTokenUri(await ctx.token())) : null;
      case 'getetag':
        return card ? escapeXml(card.etag) : null;
      case 'getcontenttype':
        return card ? VCARD_TYPE : null;
      default:
        return null;
    }
  }
  if (ns === NS.card) {
    if (name === 'addressbook-home-set') return target.kind === 'principal' || target.kind === 'root' ? href(davPaths.home(a)) : null;
    if (target.kind !== 'book') return null;
    if (name === 'supported-address-data') return '<card:address-data-type content-type="text/vcard" version="3.0"/><card:address-data-type content-type="text/vcard" version="4.0"/>';
    if (name === 'max-resource-size') return String(MAX_RESOURCE_SIZE);
    if (name === 'addressbook-description') return 'The people you keep in Kith';
    return null;
  }
  if (ns === NS.cs && name === 'getctag') return target.kind === 'book' ? String(await ctx.token()) : null;
  return null;
}

async function propsOf(target: Target, requested: PropName[] | null, ctx: Context, card?: { etag: string }): Promise<string> {
  const names = requested ?? ALLPROP;
  const results: PropResult[] = [];
  for (const p of names) {
    const value = await propValue(target, p, ctx, card);
    // allprop lists only what the resource has.
    if (value === null && requested === null) continue;
    results.push({ ns: p.ns, name: p.name, value });
  }
  return propstats(results);
}

function requestedProps(root: XmlNode | null): PropName[] | null {
  const prop = child(root, NS.dav, 'prop');
  if (!root || child(root, NS.dav, 'allprop') || !prop) return null;
  return prop.children.map((c) => ({ ns: c.ns, name: c.name }));
}

function sendXml(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('content-type', XML_TYPE).header('dav', DAV_HEADER).send(body);
}

function unauthorized(reply: FastifyReply) {
  return reply
    .status(401)
    .header('www-authenticate', 'Basic realm="Kith CardDAV", charset="UTF-8"')
    .header('content-type', 'text/plain; charset=utf-8')
    .send('Sign in with your Kith e-mail and an app password (Settings → Phone sync).');
}

async function bodyText(request: FastifyRequest): Promise<string> {
  const body = request.body;
  return typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
}

export async function carddavRoutes(root: FastifyInstance, { services }: RouteDeps): Promise<void> {
  for (const method of DAV_METHODS) if (!root.supportedMethods.includes(method)) root.addHttpMethod(method, { hasBody: true });
  const limiter = new CardDavAuthLimiter();

  await root.register(async (dav) => {
    // Bodies of any type (XML, vCard, or none) arrive as text; the handlers check what they hold.
    dav.removeAllContentTypeParsers();
    dav.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_RESOURCE_SIZE }, (_request, body, done) => done(null, body));
    // Discovery without auth, for every method (macOS sends PROPFIND here).
    dav.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', ...DAV_METHODS],
      url: '/.well-known/carddav',
      schema: { hide: true },
      handler: async (_request, reply) => reply.status(301).header('location', '/dav/').send(),
    });
    dav.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
      if (error instanceof CardDavError) {
        if (error.element === 'no-uid-conflict') {
          const where = typeof error.details === 'object' && error.details && 'href' in error.details ? String(error.details.href) : '';
          const accountId = request.identity?.accountId ?? '';
          return sendXml(reply, error.status, davError('no-uid-conflict', NS.card, where ? href(davPaths.card(accountId, where)) : ''));
        }
        if (error.element) return sendXml(reply, error.status, davError(error.element, error.element === 'valid-sync-token' ? NS.dav : NS.card));
        return reply.status(error.status).header('content-type', 'text/plain; charset=utf-8').send(error.message);
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendXml(reply, 413, davError('max-resource-size', NS.card));
      if (error instanceof KithError && error.code === 'KITH_VALIDATION') {
        return sendXml(reply, 403, davError('valid-address-data', NS.card));
      }
      // Fastify's own refusals (a malformed header, an unsupported body) keep their 4xx status.
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.status(error.statusCode).header('content-type', 'text/plain; charset=utf-8').send(error.message);
      }
      request.log.error(error);
      return reply.status(500).header('content-type', 'text/plain; charset=utf-8').send('internal error');
    });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.raw.url ?? '/';
      if (request.method === 'OPTIONS') {
        return reply.status(200).header('dav', DAV_HEADER).header('allow', ALLOW).header('content-length', '0').send();
      }
      const accountId = await authenticateBasic(services, limiter, request, reply);
      if (!accountId) return reply;
      request.identity = { accountId, csrfToken: null };
      const target = targetOf(path);
      if (target.kind === 'none') return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
      if (target.kind !== 'root' && target.accountId !== accountId) {
        return reply.status(403).header('content-type', 'text/plain; charset=utf-8').send('This address book belongs to another account.');
      }
      let cached: number | null = null;
      const ctx: Context = { accountId, token: async () => (cached ??= await services.carddav.currentToken(accountId)) };
      switch (request.method) {
        case 'PROPFIND':
          return propfind(services, request, reply, target, ctx);
        case 'REPORT':
          return report(services, request, reply, target, ctx);
        case 'GET':
        case 'HEAD':
          return get(services, request, reply, target, ctx);
        case 'PUT':
          return put(services, request, reply, target, ctx);
        case 'DELETE':
          return remove(services, request, reply, target, ctx);
        case 'PROPPATCH':
          return proppatch(request, reply, target);
        default:
          return sendXml(reply, 403, davError('resource-must-be-null', NS.dav));
      }
    };
    dav.route({ method: ['OPTIONS', 'GET', 'HEAD', 'PUT', 'DELETE', 'POST', ...DAV_METHODS], url: '/dav', schema: { hide: true }, handler });
    dav.route({ method: ['OPTIONS', 'GET', 'HEAD', 'PUT', 'DELETE', 'POST', ...DAV_METHODS], url: '/dav/*', schema: { hide: true }, handler });
  });
}

async function authenticateBasic(services: Services, limiter: CardDavAuthLimiter, request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
  const wait = limiter.blockedFor(request.ip);
  if (wait > 0) {
    void reply.status(429).header('retry-after', String(Math.ceil(wait / 1000))).header('content-type', 'text/plain; charset=utf-8').send('Too many failed sign-ins; wait a minute.');
    return null;
  }
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    void unauthorized(reply);
    return null;
  }
  // iOS sends the @ of the e-mail as %40.
  const user = decode(decoded.slice(0, colon)) ?? decoded.slice(0, colon);
  const accountId = await services.carddav.authenticate(user, decoded.slice(colon + 1));
  if (!accountId) {
    limiter.fail(request.ip);
    void unauthorized(reply);
    return null;
  }
  return accountId;
}

async function propfind(services: Services, request: FastifyRequest, reply: FastifyReply, target: Target, ctx: Context) {
  let rootNode: XmlNode | null;
  try {
    rootNode = parseXml(await bodyText(request));
  } catch (error) {
    return reply.status(400).header('content-type', 'text/plain; charset=utf-8').send(error instanceof Error ? error.message : 'malformed XML');
  }
  if (rootNode && !(rootNode.ns === NS.dav && rootNode.name === 'propfind')) return reply.status(400).header('content-type', 'text/plain; charset=utf-8').send('expected a DAV:propfind body');
  const requested = rootNode && child(rootNode, NS.dav, 'propname') ? [] : requestedProps(rootNode);
  const depth = request.headers.depth === '0' ? 0 : 1;
  const a = ctx.accountId;
  const responses: string[] = [];
  const self = target.kind === 'root' ? '/dav/' : target.kind === 'principal' ? davPaths.principal(a) : target.kind === 'home' ? davPaths.home(a) : target.kind === 'book' ? davPaths.book(a) : null;
  if (target.kind === 'card') {
    const bodies = await services.carddav.cards(a, [target.name], '3.0');
    const card = bodies.get(target.name);
    if (!card) return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
    responses.push(response(davPaths.card(a, target.name), await propsOf(target, requested, ctx, card)));
    return sendXml(reply, 207, multistatus(responses));
  }
  responses.push(response(self!, await propsOf(target, requested, ctx)));
  if (depth === 1) {
    if (target.kind === 'root') {
      responses.push(response(davPaths.principal(a), await propsOf({ kind: 'principal', accountId: a }, requested, ctx)));
    } else if (target.kind === 'home') {
      responses.push(response(davPaths.book(a), await propsOf({ kind: 'book', accountId: a }, requested, ctx)));
    } else if (target.kind === 'book') {
      const { cards } = await services.carddav.listing(a);
      for (const card of cards) {
        responses.push(response(davPaths.card(a, card.hrefName), await propsOf({ kind: 'card', accountId: a, name: card.hrefName }, requested, ctx, card)));
      }
    }
  }
  return sendXml(reply, 207, multistatus(responses));
}

function addressDataVersion(prop: XmlNode | undefined): VCardVersion {
  return child(prop, NS.card, 'address-data')?.attrs.version === '4.0' ? '4.0' : '3.0';
}

async function cardProps(prop: XmlNode | undefined, target: Target, ctx: Context, card: { etag: string; text: string }): Promise<string> {
  const names: PropName[] = prop ? prop.children.map((c) => ({ ns: c.ns, name: c.name })) : [{ ns: NS.dav, name: 'getetag' }];
  const results: PropResult[] = [];
  for (const p of names) {
    if (p.ns === NS.card && p.name === 'address-data') results.push({ ...p, value: escapeXml(card.text) });
    else results.push({ ...p, value: await propValue(target, p, ctx, card) });
  }
  return propstats(results);
}

async function report(services: Services, request: FastifyRequest, reply: FastifyReply, target: Target, ctx: Context) {
  let rootNode: XmlNode | null;
  try {
    rootNode = parseXml(await bodyText(request));
  } catch (error) {
    return reply.status(400).header('content-type', 'text/plain; charset=utf-8').send(error instanceof Error ? error.message : 'malformed XML');
  }
  if (!rootNode) return reply.status(400).header('content-type', 'text/plain; charset=utf-8').send('a REPORT needs a body');
  const a = ctx.accountId;
  const prop = child(rootNode, NS.dav, 'prop');
  const kind = `${rootNode.ns}|${rootNode.name}`;
  // Principal searches and expand-property: nothing to find here, and an empty answer is the right one.
  if (kind === `${NS.dav}|expand-property` || kind === `${NS.dav}|principal-property-search` || kind === `${NS.dav}|principal-search-property-set`) {
    return sendXml(reply, 207, multistatus([]));
  }
  if (target.kind !== 'book') return sendXml(reply, 403, davError('supported-report', NS.dav));
  const version = addressDataVersion(prop);
  if (kind === `${NS.card}|addressbook-multiget`) {
    const wanted = children(rootNode, NS.dav, 'href').map((h) => h.text.trim());
    const names = wanted.map((h) => {
      const t = targetOf(h);
      return t.kind === 'card' && t.accountId === a ? t.name : null;
    });
    const bodies = await services.carddav.cards(a, names.filter((n): n is string => n !== null), version);
    const responses: string[] = [];
    const seen = new Set<string>();
    for (const [i, h] of wanted.entries()) {
      if (seen.has(h)) continue;
      seen.add(h);
      const name = names[i];
      const card = name ? bodies.get(name) : null;
      if (!name || !card) {
        responses.push(response(h, '<d:status>HTTP/1.1 404 Not Found</d:status>'));
        continue;
      }
      responses.push(response(davPaths.card(a, name), await cardProps(prop, { kind: 'card', accountId: a, name }, ctx, card)));
    }
    return sendXml(reply, 207, multistatus(responses));
  }
  if (kind === `${NS.card}|addressbook-query`) {
    const filter = child(rootNode, NS.card, 'filter');
    const limitText = child(child(rootNode, NS.card, 'limit'), NS.card, 'nresults')?.text.trim();
    const limit = limitText && /^\d+$/.test(limitText) ? Number(limitText) : Infinity;
    const cards = (await services.carddav.allCards(a, version)).filter((c) => matchesFilter(filter, c.text));
    const responses: string[] = [];
    for (const card of cards.slice(0, limit)) {
      responses.push(response(davPaths.card(a, card.hrefName), await cardProps(prop, { kind: 'card', accountId: a, name: card.hrefName }, ctx, card)));
    }
    const truncated = cards.length > limit ? response(davPaths.book(a), '<d:status>HTTP/1.1 507 Insufficient Storage</d:status>') : '';
    return sendXml(reply, 207, multistatus(responses, truncated));
  }
  if (kind === `${NS.dav}|sync-collection`) {
    const given = tokenOfUri(child(rootNode, NS.dav, 'sync-token')?.text ?? '');
    if (given === 'bad') return sendXml(reply, 403, davError('valid-sync-token', NS.dav));
    const changes = await services.carddav.changesSince(a, given);
    const wantsData = child(prop, NS.card, 'address-data') !== undefined;
    const bodies = wantsData ? await services.carddav.cards(a, changes.changed.map((c) => c.hrefName), version) : null;
    const responses: string[] = [];
    for (const card of changes.changed) {
      const body = bodies?.get(card.hrefName) ?? { etag: card.etag, text: '' };
      responses.push(response(davPaths.card(a, card.hrefName), await cardProps(prop, { kind: 'card', accountId: a, name: card.hrefName }, ctx, body)));
    }
    for (const name of changes.deleted) responses.push(response(davPaths.card(a, name), '<d:status>HTTP/1.1 404 Not Found</d:status>'));
    return sendXml(reply, 207, multistatus(responses, `<d:sync-token>${escapeXml(syncTokenUri(changes.token))}</d:sync-token>`));
  }
  return sendXml(reply, 403, davError('supported-report', NS.dav));
}

async function get(services: Services, request: FastifyRequest, reply: FastifyReply, target: Target, ctx: Context) {
  if (target.kind !== 'card') {
    return reply.status(200).header('content-type', 'text/plain; charset=utf-8').send('Kith CardDAV: add this server to your phone\'s contacts accounts (see Settings → Phone sync).');
  }
  const version = versionOfAccept(request.headers.accept);
  const card = (await services.carddav.cards(ctx.accountId, [target.name], version)).get(target.name);
  if (!card) return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
  const type = version === '4.0' ? 'text/vcard; charset=utf-8; version=4.0' : VCARD_TYPE;
  return reply.status(200).header('content-type', type).header('etag', card.etag).header('cache-control', 'no-cache').send(card.text);
}

async function put(services: Services, request: FastifyRequest, reply: FastifyReply, target: Target, ctx: Context) {
  if (target.kind !== 'card') return sendXml(reply, 405, davError('resource-must-be-null', NS.dav));
  const text = await bodyText(request);
  const ifNoneMatch = request.headers['if-none-match'];
  const { created } = await services.carddav.put(ctx.accountId, target.name, text, {
    ifMatch: etagList(request.headers['if-match']),
    ifNoneMatchAny: typeof ifNoneMatch === 'string' && ifNoneMatch.trim() === '*',
  });
  // No ETag: Kith stores the card's fields, not its bytes, so the client must read the card back (RFC 4918 §8.6).
  return reply.status(created ? 201 : 204).send();
}

async function remove(services: Services, request: FastifyRequest, reply: FastifyReply, target: Target, ctx: Context) {
  if (target.kind !== 'card') return sendXml(reply, 403, davError('need-privileges', NS.dav));
  await services.carddav.delete(ctx.accountId, target.name, { ifMatch: etagList(request.headers['if-match']) });
  return reply.status(204).send();
}

async function proppatch(request: FastifyRequest, reply: FastifyReply, target: Target) {
  let rootNode: XmlNode | null;
  try {
    rootNode = parseXml(await bodyText(request));
  } catch (error) {
    return reply.status(400).header('content-type', 'text/plain; charset=utf-8').send(error instanceof Error ? error.message : 'malformed XML');
  }
  // Nothing of a collection's properties is stored: each is refused with 403, as RFC 4918 §9.2 allows.
  const props = [...children(rootNode, NS.dav, 'set'), ...children(rootNode, NS.dav, 'remove')].flatMap((s) => child(s, NS.dav, 'prop')?.children ?? []);
  const path = request.raw.url ?? '/';
  const inner = props.length > 0 ? `<d:propstat><d:prop>${props.map((p) => (p.ns === NS.dav ? `<d:${p.name}/>` : `<x:${p.name} xmlns:x="${escapeXml(p.ns)}"/>`)).join('')}</d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>` : '';
  return target.kind === 'none' ? reply.status(404).send() : sendXml(reply, 207, multistatus([response(path.split('?')[0]!, inner)]));
}
