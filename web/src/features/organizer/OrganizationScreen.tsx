// One organization: its events (upcoming first, with their counts and public links), a new event, and its members.
// Door staff see the organization and its members only: the events are for owners and organizers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, ApiError, messageOf } from '../../api/client';
import type { HostedEvent, HostedEventInput } from '../../api/types';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { EventForm } from './EventForm';
import { Members } from './Members';
import { may, organizerKeys, orgPath, ROLE_WORDS, useHostedEvents, useOrganization } from './organizer-api';
import { PublicLink } from './PublicLink';
import { formatInZone } from './zoned-time';

/** Upcoming events first, the soonest at the top; then past ones, the latest first. */
function upcomingFirst(events: HostedEvent[], now: number): HostedEvent[] {
  const upcoming = events.filter((e) => Date.parse(e.endsAt) >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = events.filter((e) => Date.parse(e.endsAt) < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [...upcoming, ...past];
}

export function seatsWords(event: HostedEvent): string {
  const { confirmed, waitlisted } = event.counts;
  const seats = event.capacity === null ? `${confirmed} registered (no seat limit)` : `${confirmed} of ${event.capacity} seats taken`;
  return waitlisted ? `${seats} · ${waitlisted} on the waitlist` : seats;
}

function EventItem({ orgId, event, past }: { orgId: string; event: HostedEvent; past: boolean }) {
  const headingId = `event-${event.id}`;
  return (
    <li>
      <article className="hosted-event" aria-labelledby={headingId}>
        <h3 id={headingId}>
          <Link href={`/host/${orgId}/events/${event.id}`}>{event.title}</Link>
          {event.cancelledAt ? <span className="badge badge-overdue">Cancelled</span> : past ? <span className="badge">Past</span> : null}
        </h3>
        <p className="muted">
          {formatInZone(event.startsAt, event.timeZone)} ({event.timeZone.replaceAll('_', ' ')}){event.place ? ` · ${event.place}` : ''}
        </p>
        <p>{seatsWords(event)}</p>
        {!past && !event.cancelledAt ? <PublicLink event={event} /> : null}
      </article>
    </li>
  );
}

function Events({ orgId }: { orgId: string }) {
  const events = useHostedEvents(orgId);
  const now = Date.now();
  const items = upcomingFirst(events.data?.items ?? [], now);
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">Events</h2>
      {events.isPending ? <Loading what="the events" /> : null}
      {events.isError ? <p className="form-error" role="alert">{messageOf(events.error)}</p> : null}
      {events.data && items.length === 0 ? <p className="empty">No events yet: create the first one below.</p> : null}
      {items.length ? (
        <ul className="cards" aria-label="Events, upcoming first">
          {items.map((e) => (
            <EventItem key={e.id} orgId={orgId} event={e} past={Date.parse(e.endsAt) < now} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function NewEvent({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation({
    mutationFn: (input: HostedEventInput) => api<{ event: HostedEvent }>('POST', `${orgPath(orgId)}/events`, input),
    onSuccess: ({ event }) => {
      void queryClient.invalidateQueries({ queryKey: organizerKeys.events(orgId) });
      navigate(`/host/${orgId}/events/${event.id}`);
    },
  });
  return (
    <section aria-labelledby="new-event-heading">
      <details className="new-event">
        <summary role="button" className="secondary">
          <span id="new-event-heading">New event</span>
        </summary>
        <EventForm label="New event" submitLabel="Create event" busy={create.isPending} onSubmit={(input) => create.mutateAsync(input)} />
      </details>
    </section>
  );
}

export default function OrganizationScreen({ orgId }: { orgId: string }) {
  const organization = useOrganization(orgId);
  if (organization.isPending) return <Loading what="the organization" />;
  if (organization.isError) {
    const missing = organization.error instanceof ApiError && organization.error.status === 404;
    return (
      <>
        <PageTitle title={missing ? 'Organization not found' : 'Organization'} />
        <p className="form-error" role="alert">
          {missing ? 'There is no such organization, or you are not one of its members.' : messageOf(organization.error)}
        </p>
        <p>
          <Link href="/host">← Your organizations</Link>
        </p>
      </>
    );
  }
  const detail = organization.data;
  const { role, name } = detail.organization;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/host">← Your organizations</Link>
      </p>
      <PageTitle title={name} />
      <p className="muted">You are {role === 'door' ? 'door staff' : `an ${ROLE_WORDS[role].toLowerCase()}`} here.</p>
      {may.manageEvents(role) ? (
        <>
          <p className="org-links">
            <Link href={`/host/${orgId}/speakers`}>Speakers</Link> <span className="muted">· invite them, record their answers, introduce them to attendees</span>
          </p>
          <Events orgId={orgId} />
          <NewEvent orgId={orgId} />
        </>
      ) : (
        <p className="notice">As door staff you check people in with the door link the organizers share with you; events and registrations are theirs to run.</p>
      )}
      <Members orgId={orgId} detail={detail} />
    </>
  );
}
