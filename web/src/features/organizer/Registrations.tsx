// An event's registrations as its organizers see them: filtered by status, with approve or decline for those that
// wait for approval, and the whole list as CSV (a plain link: the session cookie is enough for a GET).
import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import type { HostedEvent, Registration, RegistrationStatus } from '../../api/types';
import { formatInstant } from '../../components/dates';
import { Loading } from '../../components/Layout';
import { useToast } from '../../components/Toasts';
import { eventPath, organizerKeys, orgPath, useRegistrations } from './organizer-api';

export const STATUS_WORDS: Record<RegistrationStatus, string> = {
  confirmed: 'Confirmed',
  waitlisted: 'Waitlist',
  offered: 'Seat offered',
  pending: 'Waiting for approval',
  unconfirmed: 'E-mail not confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
};
const STATUSES = Object.keys(STATUS_WORDS) as RegistrationStatus[];

function Decide({ orgId, event, registration }: { orgId: string; event: HostedEvent; registration: Registration }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const decide = useMutation({
    mutationFn: (approve: boolean) => api<{ registration: Registration }>('POST', `${orgPath(orgId)}/registrations/${encodeURIComponent(registration.id)}/${approve ? 'approve' : 'decline'}`),
    onSuccess: ({ registration: r }) => {
      toast.show(`${r.fullName}: ${STATUS_WORDS[r.status].toLowerCase()}.`);
      void queryClient.invalidateQueries({ queryKey: organizerKeys.event(orgId, event.id) });
      void queryClient.invalidateQueries({ queryKey: organizerKeys.events(orgId) });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  return (
    <div className="row">
      <button type="button" disabled={decide.isPending} onClick={() => decide.mutate(true)} aria-label={`Approve ${registration.fullName}`}>
        Approve
      </button>
      <button type="button" className="secondary outline" disabled={decide.isPending} onClick={() => decide.mutate(false)} aria-label={`Decline ${registration.fullName}`}>
        Decline
      </button>
    </div>
  );
}

export function Registrations({ orgId, event, canDecide }: { orgId: string; event: HostedEvent; canDecide: boolean }) {
  const filterId = useId();
  const [status, setStatus] = useState<RegistrationStatus | null>(null);
  const registrations = useRegistrations(orgId, event.id, status);
  const items = registrations.data?.items ?? [];
  return (
    <section aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">Registrations</h2>
      <div className="row wrap registrations-tools">
        <label htmlFor={filterId}>
          Show
          <select id={filterId} value={status ?? ''} onChange={(e) => setStatus((e.target.value || null) as RegistrationStatus | null)}>
            <option value="">Everyone</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </label>
        <a href={`/api/v1${eventPath(orgId, event.id)}/registrations.csv`} download role="button" className="secondary outline">
          Download CSV
        </a>
      </div>
      {registrations.isPending ? <Loading what="the registrations" /> : null}
      {registrations.isError ? <p className="form-error" role="alert">{messageOf(registrations.error)}</p> : null}
      {registrations.data && items.length === 0 ? <p className="empty">{status ? 'Nobody with this status.' : 'Nobody has registered yet: share the public page.'}</p> : null}
      {items.length ? (
        <div className="table-scroll">
          <table className="striped registrations">
            <caption className="visually-hidden">Registrations{status ? `: ${STATUS_WORDS[status]}` : ''}, in the order they came</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">Registered</th>
                {canDecide ? (
                  <th scope="col">
                    <span className="visually-hidden">Decision</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.fullName}
                    <br />
                    <small className="muted">{r.email}</small>
                  </th>
                  <td data-label="Company">{[r.title, r.company].filter(Boolean).join(', ')}</td>
                  <td data-label="Status">
                    {STATUS_WORDS[r.status]}
                    {r.status === 'offered' && r.offeredUntil ? <small className="muted"> until {formatInstant(r.offeredUntil)}</small> : null}
                    {r.checkedInAt ? <small className="muted"> · checked in</small> : null}
                  </td>
                  <td data-label="Registered">{formatInstant(r.createdAt)}</td>
                  {canDecide ? <td>{r.status === 'pending' ? <Decide orgId={orgId} event={event} registration={r} /> : null}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
