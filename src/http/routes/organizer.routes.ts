// The organizer's API (issue 7): organizations, members, hosted events and their registrations. Each route is one
// call of OrganizerService with the caller's account; the service answers 404 to non-members (an organization's
// existence is not revealed) and 403 to a member whose role does not allow the change.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../build-app.js';
import { EventAnswer, Figures, HostedEvent, HostedEventIn, Member, OrgRole, Organization, OrganizationDetail, Registration, RegistrationStatus } from '../organizer-schemas.js';
import { accountOf } from '../auth.js';
import { ErrorBody, Id, Nullable, Paging } from '../schemas.js';
import { csvLine } from '../../core/contacts-csv.js';
import type { HostedEventRecord, RegistrationRecord } from '../../db/repositories/organizer.repository.js';

const OrgParams = Type.Object({ id: Id });
const MemberParams = Type.Object({ id: Id, accountId: Id });
const EventParams = Type.Object({ id: Id, eventId: Id });
const RegistrationParams = Type.Object({ id: Id, registrationId: Id });
const NameIn = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/** The registrations as a spreadsheet: one row each, a column per custom question; no cell can start a formula. */
function registrationsCsv(event: HostedEventRecord, registrations: RegistrationRecord[]): string {
  const header = ['Name', 'E-mail', 'Company', 'Title', 'Badge name', 'Status', 'Registered at', 'Checked in at', ...event.questions.map((q) => q.label)];
  const rows = registrations.map((r) =>
    csvLine([r.fullName, r.email, r.company ?? '', r.title ?? '', r.badgeName ?? '', r.status, r.createdAt, r.checkedInAt ?? '', ...event.questions.map((q) => r.answers[q.id] ?? '')]),
  );
  // The byte order mark makes Excel read the file as UTF-8.
  return '\uFEFF' + csvLine(header) + rows.join('');
}

/** A file name from the event's day and title, in the ASCII a Content-Disposition header can carry unquoted. */
function csvFileName(event: HostedEventRecord): string {
  const words = event.title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `registrations-${event.startsAt.slice(0, 10)}-${words || 'event'}.csv`;
}

export async function organizerRoutes(root: FastifyInstance, { services, authenticate }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const organizer = services.organizer;
  const common = { onRequest: authenticate };
  const tags = ['organizer'];

  app.get('/organizations', {
    ...common,
    schema: { tags, description: 'The organizations I am a member of, each with my role, by name.', response: { 200: Type.Object({ items: Type.Array(Organization) }), '4xx': ErrorBody } },
  }, async (request) => ({ items: await organizer.organizations(accountOf(request)) }));

  app.post('/organizations', {
    ...common,
    schema: { tags, description: 'Creates an organization (a chapter, an association); I am its owner.', body: NameIn, response: { 201: Type.Object({ organization: Organization }), '4xx': ErrorBody } },
  }, async (request, reply) => reply.status(201).send({ organization: await organizer.createOrganization(accountOf(request), request.body.name) }));

  app.get('/organizations/:id', {
    ...common,
    schema: { tags, description: 'An organization I am a member of, with my role and its members. Not a member: 404.', params: OrgParams, response: { 200: OrganizationDetail, '4xx': ErrorBody } },
  }, async (request) => organizer.organization(accountOf(request), request.params.id));

  app.patch('/organizations/:id', {
    ...common,
    schema: { tags, description: 'Renames the organization (owners only).', params: OrgParams, body: NameIn, response: { 200: OrganizationDetail, '4xx': ErrorBody } },
  }, async (request) => {
    const accountId = accountOf(request);
    await organizer.rename(accountId, request.params.id, request.body.name);
    return organizer.organization(accountId, request.params.id);
  });

  app.put('/organizations/:id/members', {
    ...common,
    schema: {
      tags,
      description: 'Adds someone who has a Kith account as a member, or changes their role (owners only). The last owner cannot be made anything else: 409.',
      params: OrgParams,
      body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role: OrgRole }, { additionalProperties: false }),
      response: { 200: Type.Object({ members: Type.Array(Member) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ members: await organizer.setMember(accountOf(request), request.params.id, request.body.email, request.body.role) }));

  app.delete('/organizations/:id/members/:accountId', {
    ...common,
    schema: { tags, description: 'Removes a member (owners), or leaves the organization (my own account id). The last owner cannot go: 409.', params: MemberParams, response: { 204: Type.Null(), '4xx': ErrorBody } },
  }, async (request, reply) => {
    await organizer.removeMember(accountOf(request), request.params.id, request.params.accountId);
    return reply.status(204).send(null);
  });

  app.get('/organizations/:id/events', {
    ...common,
    schema: {
      tags,
      description: "The organization's events, the latest first, with their registration counts (owners and organizers).",
      params: OrgParams,
      querystring: Type.Object(Paging.properties, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(HostedEvent) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await organizer.events(accountOf(request), request.params.id, request.query.limit ?? 50, request.query.offset ?? 0) }));

  app.post('/organizations/:id/events', {
    ...common,
    schema: { tags, description: 'Creates an event with its public RSVP page at publicPath (owners and organizers).', params: OrgParams, body: HostedEventIn, response: { 201: EventAnswer, '4xx': ErrorBody } },
  }, async (request, reply) => reply.status(201).send({ event: await organizer.createEvent(accountOf(request), request.params.id, request.body) }));

  app.get('/organizations/:id/events/:eventId', {
    ...common,
    schema: { tags, description: 'An event of the organization, with its registration counts.', params: EventParams, response: { 200: EventAnswer, '4xx': ErrorBody } },
  }, async (request) => ({ event: await organizer.event(accountOf(request), request.params.id, request.params.eventId) }));

  app.put('/organizations/:id/events/:eventId', {
    ...common,
    schema: {
      tags,
      description: 'Replaces the event (every field: one left out takes its default). A larger capacity offers the new seats to the waitlist at once.',
      params: EventParams,
      body: HostedEventIn,
      response: { 200: EventAnswer, '4xx': ErrorBody },
    },
  }, async (request) => ({ event: await organizer.updateEvent(accountOf(request), request.params.id, request.params.eventId, request.body) }));

  app.post('/organizations/:id/events/:eventId/clone-next-month', {
    ...common,
    schema: {
      tags,
      description: "Next month's meeting of the event's series: the same event on the same weekday of the month (the 2nd Tuesday stays the 2nd Tuesday), without registrations.",
      params: EventParams,
      response: { 201: EventAnswer, '4xx': ErrorBody },
    },
  }, async (request, reply) => reply.status(201).send({ event: await organizer.cloneNextMonth(accountOf(request), request.params.id, request.params.eventId) }));

  app.post('/organizations/:id/events/:eventId/cancel', {
    ...common,
    schema: { tags, description: 'Cancels the event: its page says so and takes no more registrations.', params: EventParams, response: { 200: EventAnswer, '4xx': ErrorBody } },
  }, async (request) => ({ event: await organizer.cancelEvent(accountOf(request), request.params.id, request.params.eventId) }));


  app.get('/organizations/:id/events/:eventId/figures', {
    ...common,
    schema: { tags, description: 'What happened: registered, came, no-shows, waitlist, cancelled, and (after the wrap-up) the people it brought.', params: EventParams, response: { 200: Type.Object({ figures: Figures }), '4xx': ErrorBody } },
  }, async (request) => ({ figures: await services.wrapUp.figures(accountOf(request), request.params.id, request.params.eventId) }));

  app.post('/organizations/:id/events/:eventId/wrap-up', {
    ...common,
    schema: {
      tags,
      description:
        'After the event: everyone who came becomes (or is merged into, by e-mail) a person in my contacts, met at the event, with their answers; a thank-you to those who came and a different note to no-shows (your words, or the default; unsubscribes honoured). Safe to run again: no one is added or mailed twice.',
      params: EventParams,
      body: Type.Object(
        {
          thankYou: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: 'the thank-you, in your words (paragraphs separated by a blank line)' }))),
          noShow: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: 'the note to those who did not come' }))),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ figures: Figures }), '4xx': ErrorBody },
    },
  }, async (request) => ({ figures: await services.wrapUp.wrapUp(accountOf(request), request.params.id, request.params.eventId, request.body) }));

  app.get('/organizations/:id/events/:eventId/registrations', {
    ...common,
    schema: {
      tags,
      description: "The event's registrations in the order they came, optionally of one status (owners and organizers).",
      params: EventParams,
      querystring: Type.Object({ status: Type.Optional(RegistrationStatus) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Registration) }), '4xx': ErrorBody },
    },
  }, async (request) => ({ items: await organizer.registrations(accountOf(request), request.params.id, request.params.eventId, request.query.status ?? null) }));

  app.get('/organizations/:id/events/:eventId/registrations.csv', {
    ...common,
    schema: {
      tags,
      description:
        "The event's registrations as CSV (UTF-8): name, e-mail, company, title, badge name, status, registered at, checked in at, and a column per custom question. " +
        'A cell starting with = + - or @ gets a leading apostrophe, so that a spreadsheet never runs it as a formula.',
      params: EventParams,
      produces: ['text/csv'],
      response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    const accountId = accountOf(request);
    const { id, eventId } = request.params;
    const event = await organizer.event(accountId, id, eventId);
    const registrations = await organizer.registrations(accountId, id, eventId, null);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${csvFileName(event)}"`);
    return reply.send(registrationsCsv(event, registrations));
  });

  app.post('/organizations/:id/registrations/:registrationId/approve', {
    ...common,
    schema: {
      tags,
      description: 'Approves a registration waiting for approval: a seat, or the waitlist when the event is full; the registrant is e-mailed. Not pending: 409.',
      params: RegistrationParams,
      response: { 200: Type.Object({ registration: Registration }), '4xx': ErrorBody },
    },
  }, async (request) => ({ registration: await organizer.decide(accountOf(request), request.params.id, request.params.registrationId, true) }));

  app.post('/organizations/:id/registrations/:registrationId/decline', {
    ...common,
    schema: {
      tags,
      description: 'Declines a registration waiting for approval; the registrant is e-mailed. Not pending: 409.',
      params: RegistrationParams,
      response: { 200: Type.Object({ registration: Registration }), '4xx': ErrorBody },
    },
  }, async (request) => ({ registration: await organizer.decide(accountOf(request), request.params.id, request.params.registrationId, false) }));
}
