// One hosted event for its organizers: the counts, the public page, edit, clone next month, cancel (with a
// confirm step), the registrations, the door (links for door staff, badges) and, after the event, the wrap-up.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, ApiError, messageOf } from '../../api/client';
import type { HostedEvent, HostedEventInput } from '../../api/types';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { EventForm } from './EventForm';
import { eventPath, may, organizerKeys, useHostedEvent, useOrganization } from './organizer-api';
import { PublicLink } from './PublicLink';
import { Registrations } from './Registrations';
import { DoorLinks } from './DoorLinks';
import { WrapUp } from './WrapUp';
import { formatInZone } from './zoned-time';

function Counts({ event }: { event: HostedEvent }) {
  const c = event.counts;
  const figures: [string, number | string][] = [
    [event.capacity === null ? 'Registered (no limit)' : 'Registered', event.capacity === null ? c.confirmed : `${c.confirmed} of ${event.capacity}`],
    ['Waitlist', c.waitlisted],
    ['Offered', c.offered],
    ['Pending', c.pending],
    ['Checked in', c.checkedIn],
    ['Cancelled', c.cancelled],
  ];
  return (
    <dl className="event-counts" aria-label="Registrations at a glance">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Actions({ orgId, event }: { orgId: string; event: HostedEvent }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [editing, setEditing] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: organizerKeys.events(orgId) });
  const update = useMutation({
    mutationFn: (input: HostedEventInput) => api<{ event: HostedEvent }>('PUT', eventPath(orgId, event.id), input),
    onSuccess: () => {
      toast.show('Event saved.');
      setEditing(false);
      void refresh();
    },
  });
  const clone = useMutation({
    mutationFn: () => api<{ event: HostedEvent }>('POST', `${eventPath(orgId, event.id)}/clone-next-month`),
    onSuccess: ({ event: next }) => {
      toast.show(`Next month's meeting: ${formatInZone(next.startsAt, next.timeZone)}.`);
      void refresh();
      navigate(`/host/${orgId}/events/${next.id}`);
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const cancel = useMutation({
    mutationFn: () => api<{ event: HostedEvent }>('POST', `${eventPath(orgId, event.id)}/cancel`),
    onSuccess: () => {
      toast.show('Event cancelled: its page takes no more registrations.');
      setConfirmingCancel(false);
      void refresh();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  return (
    <section aria-labelledby="manage-heading" className="event-manage">
      <h2 id="manage-heading" className="visually-hidden">
        Manage the event
      </h2>
      <div className="row wrap">
        <button type="button" className="secondary" aria-expanded={editing} aria-controls="edit-event" onClick={() => setEditing((e) => !e)}>
          {editing ? 'Close the editor' : 'Edit'}
        </button>
        <button type="button" className="secondary" aria-busy={clone.isPending} disabled={clone.isPending} onClick={() => clone.mutate()}>
          Clone next month
        </button>
        {!event.cancelledAt && !confirmingCancel ? (
          <button type="button" className="secondary outline danger" onClick={() => setConfirmingCancel(true)}>
            Cancel event…
          </button>
        ) : null}
      </div>
      {confirmingCancel ? (
        <div className="notice confirm-cancel" role="group" aria-labelledby="cancel-question">
          <p id="cancel-question">
            <strong>Cancel {event.title}?</strong> Its page will say so and take no more registrations. This cannot be undone.
          </p>
          <div className="row wrap">
            <button type="button" className="danger" aria-busy={cancel.isPending} disabled={cancel.isPending} onClick={() => cancel.mutate()} autoFocus>
              Yes, cancel the event
            </button>
            <button type="button" className="secondary outline" onClick={() => setConfirmingCancel(false)}>
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
      {editing ? (
        <div id="edit-event">
          <EventForm event={event} label="Edit the event" submitLabel="Save the event" busy={update.isPending} onSubmit={(input) => update.mutateAsync(input)} />
        </div>
      ) : null}
    </section>
  );
}

export default function HostedEventScreen({ orgId, eventId }: { orgId: string; eventId: string }) {
  const organization = useOrganization(orgId);
  const answer = useHostedEvent(orgId, eventId);
  const back = (
    <p className="breadcrumb">
      <Link href={`/host/${orgId}`}>← {organization.data?.organization.name ?? 'The organization'}</Link>
    </p>
  );
  if (answer.isPending) return <Loading what="the event" />;
  if (answer.isError) {
    const status = answer.error instanceof ApiError ? answer.error.status : 0;
    return (
      <>
        {back}
        <PageTitle title={status === 404 ? 'Event not found' : 'Event'} />
        <p className="form-error" role="alert">
          {status === 404 ? 'There is no such event here.' : status === 403 ? 'Door staff do not see the events here: the organizers share a door link with you.' : messageOf(answer.error)}
        </p>
      </>
    );
  }
  const { event } = answer.data;
  const role = organization.data?.organization.role;
  const canRun = role !== undefined && may.manageEvents(role);
  // Once the event is over, its wrap-up comes before the door (which stays open for late check-ins).
  const over = Date.parse(event.endsAt) <= Date.now();
  return (
    <>
      {back}
      <PageTitle title={event.title} />
      <p>
        {formatInZone(event.startsAt, event.timeZone)} to {formatInZone(event.endsAt, event.timeZone)} ({event.timeZone.replaceAll('_', ' ')})
        {event.place ? <> · {event.place}</> : null}
        {event.link ? (
          <>
            {' '}
            · <a href={event.link}>online link</a>
          </>
        ) : null}
      </p>
      {event.cancelledAt ? (
        <p className="notice" role="status">
          <strong>Cancelled.</strong> The public page says so and takes no registrations.
        </p>
      ) : null}
      <Counts event={event} />
      {!event.cancelledAt ? <PublicLink event={event} /> : null}
      {canRun ? <Actions key={event.updatedAt} orgId={orgId} event={event} /> : null}
      {canRun && !over ? <DoorLinks orgId={orgId} event={event} /> : null}
      {canRun ? <WrapUp orgId={orgId} event={event} /> : null}
      {canRun && over ? <DoorLinks orgId={orgId} event={event} /> : null}
      <Registrations orgId={orgId} event={event} canDecide={canRun} />
    </>
  );
}
