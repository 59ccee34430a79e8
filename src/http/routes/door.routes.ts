// Door check-in (issue 7). Two sides:
// - door staff, without an account: /api/door/list and /api/door/actions, authenticated by the door link's token in
//   the X-Door-Token header (not in the URL, so that it stays out of logs and referrers). No token, or an unknown
//   one: 404; a revoked or expired link: 410.
// - organizers, signed in: door links of an event (create, list, revoke) and the printable badges, under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { DoorActionIn, DoorActionResult, DoorLink, DoorList, NewDoorLink } from '../organizer-schemas.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Id } from '../schemas.js';
import { escapeHtml as esc } from '../../core/digest-content.js';
import { NotFoundError } from '../../core/errors.js';
import { DOOR_LINK_HOURS_AFTER_END } from '../../core/organizer.js';
import type { HostedEventRecord, RegistrationRecord } from '../../db/repositories/organizer.repository.js';

export const DOOR_TOKEN_HEADER = 'x-door-token';

const EventParams = Type.Object({ id: Id, eventId: Id });
const LinkParams = Type.Object({ id: Id, linkId: Id });

/**
 * Label sheet: Avery L7163 (and its look-alikes): A4, 2 × 7 labels of 99.1 × 38.1 mm, 15.15 mm from the top and
 * 4.65 mm from the left, columns 101.6 mm apart (a 2.5 mm gap), rows touching.
 */
const BADGE_STYLE =
  '@page{size:A4;margin:0}*{box-sizing:border-box}body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#000}' +
  '.screen{padding:16px;max-width:720px}.screen p{margin:.25rem 0}' +
  '.sheet{width:210mm;height:297mm;padding:15.15mm 4.65mm 0;display:grid;grid-template-columns:99.1mm 99.1mm;column-gap:2.5mm;grid-auto-rows:38.1mm;page-break-after:always;break-after:page}' +
  '.sheet:last-child{page-break-after:auto;break-after:auto}' +
  '.badge{height:38.1mm;padding:4mm 6mm;display:flex;flex-direction:column;justify-content:center;overflow:hidden;text-align:center}' +
  '.name{font-size:20pt;font-weight:700;line-height:1.1;overflow-wrap:anywhere}.company{font-size:12pt;margin-top:2mm;overflow-wrap:anywhere}' +
  '@media screen{body{background:#e5e7eb}.sheet{background:#fff;margin:0 auto 16px;box-shadow:0 1px 4px rgba(0,0,0,.2)}.badge{outline:1px dashed #9ca3af}}' +
  '@media print{.screen{display:none}}';
const BADGES_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const PER_SHEET = 14;

function badgesPage(event: HostedEventRecord, organizationName: string, people: RegistrationRecord[]): string {
  const badges = people.map((p) => `<div class="badge"><div class="name">${esc(p.badgeName ?? p.fullName)}</div>${p.company ? `<div class="company">${esc(p.company)}</div>` : ''}</div>`);
  const sheets: string[] = [];
  for (let i = 0; i < badges.length; i += PER_SHEET) sheets.push(`<section class="sheet">${badges.slice(i, i + PER_SHEET).join('')}</section>`);
  const count = people.length === 1 ? '1 badge' : `${people.length} badges`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Badges: ${esc(event.title)}</title><style>${BADGE_STYLE}</style></head><body>` +
    `<div class="screen"><p><strong>${esc(organizationName)}: ${esc(event.title)}</strong></p><p>${count} for the confirmed registrants, on A4 label sheets of 2 × 7 labels of 99.1 × 38.1 mm (Avery L7163). ` +
    'Print at 100 % (no "fit to page"), without headers and footers.</p></div>' +
    sheets.join('') +
    '</body></html>'
  );
}

export async function doorRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const door = services.door;
  const tags = ['door'];
  const tokenOf = (headers: Record<string, string | string[] | undefined>): string => {
    const value = headers[DOOR_TOKEN_HEADER];
    return typeof value === 'string' ? value.trim() : '';
  };
  // Checked before the body is read or validated: without a door link there is nothing here (404).
  const requireToken = async (request: { headers: Record<string, string | string[] | undefined> }) => {
    if (!tokenOf(request.headers)) throw new NotFoundError('KITH_DOOR_LINK_NOT_FOUND', `send the door link's token in the ${DOOR_TOKEN_HEADER} header`);
  };
  const headers = Type.Object({ [DOOR_TOKEN_HEADER]: Type.String({ minLength: 1, maxLength: 100, description: 'the token of the door link (the last part of /door/<token>)' }) });

  app.get('/api/door/list', {
    onRequest: requireToken,
    schema: {
      tags,
      headers,
      description:
        `The door list of the link's event (token in the ${DOOR_TOKEN_HEADER} header): everyone confirmed, offered, waitlisted, pending or unconfirmed, by name, ` +
        'with whether they are checked in. Send the last version as If-None-Match: 304 when nothing changed. Unknown token: 404; revoked or expired: 410.',
      response: { 200: DoorList, 304: Type.Null(), '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    const list = await door.list(tokenOf(request.headers));
    const etag = `"${list.version}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
    return list;
  });

  app.post('/api/door/actions', {
    onRequest: requireToken,
    schema: {
      tags,
      headers,
      description:
        'Check-ins (by registration id or QR door code), undos and walk-ins, done in the order sent, each answered. Each carries an id made by the phone: ' +
        'sent again (a queue replayed after bad Wi-Fi), it is answered as the first time and done once. Two phones checking in one person: one check-in, ' +
        'the second answered already-in. A walk-in is confirmed and checked in at once, over capacity if need be.',
      body: Type.Object({ actions: Type.Array(DoorActionIn, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ results: Type.Array(DoorActionResult) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ results: await door.act(tokenOf(request.headers), request.body.actions) }));

  await root.register(async (scope) => {
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    const common = { onRequest: authenticate };

    api.post('/organizations/:id/events/:eventId/door-links', {
      ...common,
      schema: {
        tags,
        description:
          `A door link for the event (owners and organizers): path opens the door screen without an account, until revoked or ${DOOR_LINK_HOURS_AFTER_END} hours ` +
          'after the event ends. The token is shown in this answer only.',
        params: EventParams,
        body: Type.Object({ label: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. "Front desk"' })) }, { additionalProperties: false }),
        response: { 201: NewDoorLink, '4xx': ErrorBody },
      },
    }, async (request, reply) => reply.status(201).send(await door.createLink(accountOf(request), request.params.id, request.params.eventId, request.body.label)));

    api.get('/organizations/:id/events/:eventId/door-links', {
      ...common,
      schema: { tags, description: "The event's door links, active, revoked and expired (never their tokens).", params: EventParams, response: { 200: Type.Object({ items: Type.Array(DoorLink) }), '4xx': ErrorBody } },
    }, async (request) => ({ items: await door.links(accountOf(request), request.params.id, request.params.eventId) }));

    api.post('/organizations/:id/door-links/:linkId/revoke', {
      ...common,
      schema: { tags, description: 'Revokes a door link at once: phones holding it get 410 from their next request.', params: LinkParams, response: { 200: Type.Object({ link: DoorLink }), '4xx': ErrorBody } },
    }, async (request) => ({ link: await door.revokeLink(accountOf(request), request.params.id, request.params.linkId) }));

    api.get('/organizations/:id/events/:eventId/badges', {
      ...common,
      schema: {
        tags,
        description: 'Name badges of the confirmed registrants (badge name or name, and company) as a page to print on A4 label sheets of 2 × 7 labels of 99.1 × 38.1 mm (Avery L7163).',
        params: EventParams,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'text/html; charset=utf-8' }), '4xx': ErrorBody },
      },
    }, async (request, reply) => {
      const { event, organizationName, people } = await door.badges(accountOf(request), request.params.id, request.params.eventId);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', BADGES_CSP)
        .header('x-content-type-options', 'nosniff')
        .send(badgesPage(event, organizationName, people));
    });
  }, { prefix: '/api/v1' });
}
