// Event mode, the heart of "set a goal for every event": the goal ring, a quick add made for one thumb, the people
// met so far (and those still waiting on this phone), and after the event its recap.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys, useCurrentEvent, useEvent } from '../../api/queries';
import type { EventRecap } from '../../api/types';
import { GoalRing } from '../../components/GoalRing';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { formatInstant } from '../../components/dates';
import { useToast } from '../../components/Toasts';
import { usePendingCaptures } from '../../offline/use-offline';
import { QuickAdd } from './QuickAdd';

export default function EventScreen({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const detail = useEvent(id);
  const current = useCurrentEvent();
  const pending = usePendingCaptures().filter((p) => p.eventId === id);
  const here = current.data?.event?.id === id;
  const ended = detail.data ? new Date(detail.data.event.endsAt).getTime() < Date.now() : false;
  const recap = useQuery({
    queryKey: [...keys.event(id), 'recap'],
    queryFn: () => api<EventRecap>('GET', `/events/${encodeURIComponent(id)}/recap`),
    enabled: current.isSuccess && !here && (ended || (detail.data?.people.length ?? 0) > 0),
  });
  const setHere = useMutation({
    mutationFn: (now: boolean) => (now ? api('POST', `/events/${encodeURIComponent(id)}/here`) : api('DELETE', '/events/current')),
    onSuccess: (_data, now) => {
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      toast.show(now ? 'You are here: people you add now count toward the goal.' : 'You have left the event. Here is how it went.');
    },
    onError: (error) => toast.show(messageOf(error)),
  });

  if (detail.isPending) return <Loading what="the event" />;
  if (detail.isError) return <p role="alert">{messageOf(detail.error)}</p>;
  const { event, progress, people } = detail.data;
  const waiting = pending.filter((p) => !p.error).length;
  const met = progress.met + waiting;

  return (
    <>
      <PageTitle title={here ? `I'm at ${event.name}` : event.name} />
      <p className="muted">
        {formatInstant(event.startsAt)}
        {event.place ? ` · ${event.place}` : ''}
      </p>
      <div className="event-mode">
        <div className="ring-block">
          <GoalRing met={met} goal={progress.goal} />
          <p className="ring-caption" aria-live="polite">
            {progress.goal === 0
              ? 'No goal this time: just enjoy it.'
              : met >= progress.goal
                ? 'Goal reached. Anyone else is a bonus.'
                : `${progress.goal - met} more to reach your goal.`}
            {waiting > 0 ? ` (${waiting} waiting to send)` : ''}
          </p>
        </div>
        {here ? (
          <div>
            <QuickAdd eventId={id} />
            <p>
              <Link href="/scan">Scan their business card instead</Link>
            </p>
          </div>
        ) : !ended ? (
          <button type="button" className="big" onClick={() => setHere.mutate(true)} aria-busy={setHere.isPending} disabled={setHere.isPending}>
            I'm here
          </button>
        ) : null}
      </div>

      <section aria-labelledby="met-heading">
        <h2 id="met-heading">Met here</h2>
        {people.length === 0 && pending.length === 0 ? <p className="empty">Nobody yet. One good conversation is a fine start.</p> : null}
        <ul className="met-list">
          {pending.map((p) => (
            <li key={p.requestId} className="pending">
              {p.text} <span className="badge">{p.error ? `not saved: ${p.error}` : 'saved on this phone'}</span>
            </li>
          ))}
          {people.map((person) => (
            <li key={person.personId}>
              <Link href={`/people/${person.personId}`}>{person.fullName}</Link>
              {person.company ? <span className="muted"> · {person.company}</span> : null}
              {person.isNew ? null : <span className="badge">already knew</span>}
            </li>
          ))}
        </ul>
      </section>

      {here ? (
        <button type="button" className="secondary outline" onClick={() => setHere.mutate(false)} disabled={setHere.isPending}>
          I have left
        </button>
      ) : null}

      {recap.data && !here ? (
        <section aria-labelledby="recap-heading" className="recap">
          <h2 id="recap-heading">Recap</h2>
          <p>{recap.data.summary}</p>
          <dl className="figures">
            <div>
              <dt>Met</dt>
              <dd>
                {recap.data.progress.met} of {recap.data.progress.goal}
              </dd>
            </div>
            <div>
              <dt>Follow-ups scheduled</dt>
              <dd>{recap.data.followUpsScheduled}</dd>
            </div>
            <div>
              <dt>Promises made</dt>
              <dd>{recap.data.promisesMade}</dd>
            </div>
          </dl>
          <p>
            <Link href="/events">All events and goals</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
