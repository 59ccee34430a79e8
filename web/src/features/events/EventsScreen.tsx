// Events: plan one with a goal, say "I'm here", and see how past events went against their goals.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api } from '../../api/client';
import { keys, useCurrentEvent, useSettings } from '../../api/queries';
import type { EventWithProgress, KithEvent } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { formatInstant, toLocalInput } from '../../components/dates';
import { useDraft } from '../../components/use-draft';

function NewEventForm() {
  const settings = useSettings();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [draft, setDraft, clearDraft] = useDraft('new-event', { name: '', startsAt: toLocalInput(new Date()), place: '', goal: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    mutationFn: () => {
      const startsAt = new Date(draft.startsAt);
      return api<{ event: KithEvent }>('POST', '/events', {
        name: draft.name,
        startsAt: Number.isNaN(startsAt.getTime()) ? draft.startsAt : startsAt.toISOString(),
        place: draft.place || null,
        goal: draft.goal === '' ? settings.data?.defaultGoal ?? 3 : Number(draft.goal),
      });
    },
    onSuccess: ({ event }) => {
      clearDraft();
      void queryClient.invalidateQueries({ queryKey: ['events'] });
      navigate(`/events/${event.id}`);
    },
    onError: (error) => setErrors(formErrorsOf(error, ['name', 'startsAt', 'place', 'goal'])),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    create.mutate();
  };
  const set = (field: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.target.value }));
  return (
    <details className="new-event" open={draft.name !== ''}>
      <summary role="button" className="secondary">
        New event
      </summary>
      <form onSubmit={submit} noValidate aria-label="New event">
        <FormError error={errors.form} />
        <Field label="Name" name="name" required value={draft.name} onChange={set('name')} error={errors.fields.name} placeholder="Chamber mixer" />
        <div className="grid">
          <Field label="Starts" type="datetime-local" name="startsAt" required value={draft.startsAt} onChange={set('startsAt')} error={errors.fields.startsAt} />
          <Field
            label="Goal: new people to meet"
            type="number"
            inputMode="numeric"
            name="goal"
            min={0}
            max={1000}
            value={draft.goal}
            placeholder={String(settings.data?.defaultGoal ?? 3)}
            onChange={set('goal')}
            error={errors.fields.goal}
          />
        </div>
        <Field label="Place" name="place" value={draft.place} onChange={set('place')} error={errors.fields.place} placeholder="optional" />
        <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
          Create event
        </button>
      </form>
    </details>
  );
}

export default function EventsScreen() {
  const current = useCurrentEvent();
  const events = useQuery({ queryKey: keys.events, queryFn: () => api<{ items: EventWithProgress[]; total: number }>('GET', '/events?limit=100') });
  return (
    <>
      <PageTitle title="Events" />
      {current.data?.event ? (
        <p className="notice">
          You are at <Link href={`/events/${current.data.event.id}`}>{current.data.event.name}</Link> ({current.data.progress?.label}).
        </p>
      ) : null}
      <NewEventForm />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Your events and goals</h2>
        {events.isPending ? <Loading what="events" /> : null}
        {events.data && events.data.items.length === 0 ? <p className="empty">No events yet. Create the next one you will go to, with a goal.</p> : null}
        {events.data && events.data.items.length > 0 ? (
          <table className="striped goal-history">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When</th>
                <th scope="col">Goal</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((event) => (
                <tr key={event.id}>
                  <td>
                    <Link href={`/events/${event.id}`}>{event.name}</Link>
                  </td>
                  <td>{formatInstant(event.startsAt)}</td>
                  <td>
                    {event.progress ? (
                      <span className={event.progress.reached ? 'goal-met' : undefined}>
                        {event.progress.met} of {event.progress.goal}
                        {event.progress.reached ? ' ✓' : ''}
                      </span>
                    ) : (
                      event.goal
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
