// One person: everything about them, editable; what we have in common, promises, the timeline of touches, the
// stage and its history; log a touch in one tap; delete with undo.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import { STAGES, TOUCH_KINDS, type PersonDetail } from '../../api/types';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { formatDay, formatInstant } from '../../components/dates';
import { PersonForm } from './PersonForm';
import { Commonalities } from './Commonalities';
import { Promises } from './Promises';

const TOUCH_LABELS: Record<string, string> = {
  email: 'E-mail',
  call: 'Call',
  message: 'Message',
  meeting: 'Meeting',
  sent_something: 'Sent something',
  event_together: 'Event together',
  note: 'Note',
  met: 'Met',
};

export default function PersonScreen({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const path = `/people/${encodeURIComponent(id)}`;
  const detail = useQuery({ queryKey: keys.person(id), queryFn: () => api<PersonDetail>('GET', path) });
  const cardImages = useQuery({
    queryKey: [...keys.person(id), 'card-images'],
    queryFn: () => api<{ items: { id: string; side: string; width: number; height: number }[] }>('GET', `${path}/card-images`),
    enabled: detail.data?.person.source === 'card',
  });
  const refresh = () => queryClient.invalidateQueries();

  const touch = useMutation({
    mutationFn: (kind: string) => api('POST', `${path}/touches`, { kind }),
    onSuccess: (_d, kind) => {
      toast.show(`Logged: ${TOUCH_LABELS[kind]?.toLowerCase() ?? kind}. The next follow-up moves on.`);
      void refresh();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const stage = useMutation({
    mutationFn: (next: string) => api('POST', `${path}/stage`, { stage: next }),
    onSuccess: () => void refresh(),
    onError: (error) => toast.show(messageOf(error)),
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', path),
    onSuccess: () => {
      const name = detail.data?.person.fullName ?? 'This person';
      void refresh();
      navigate('/people');
      toast.show(`${name} was deleted.`, {
        label: 'Undo',
        run: () =>
          void api('POST', `${path}/restore`).then(
            () => {
              void refresh();
              toast.show(`${name} is back.`);
            },
            (error: unknown) => toast.show(messageOf(error)),
          ),
      });
    },
    onError: (error) => toast.show(messageOf(error)),
  });

  if (detail.isPending) return <Loading what="this person" />;
  if (detail.isError) return <p role="alert">{messageOf(detail.error)}</p>;
  const { person, promises, interactions, stageHistory, events } = detail.data;
  // Touches and the events where we met, newest first; an event already logged as a "met" touch is not repeated.
  const loggedEvents = new Set(interactions.filter((i) => i.kind === 'met' && i.eventId).map((i) => i.eventId));
  const timeline = [
    ...interactions.map((i) => ({ key: i.id, on: i.occurredOn, what: TOUCH_LABELS[i.kind] ?? i.kind, detail: i.summary })),
    ...events.filter((e) => !loggedEvents.has(e.eventId)).map((e) => ({ key: e.eventId, on: e.metOn, what: e.isNew ? 'Met' : 'Saw again', detail: `at ${e.name}` })),
  ].sort((a, b) => b.on.localeCompare(a.on));

  return (
    <>
      <PageTitle title={person.fullName} />
      <p className="muted">
        {[person.title, person.company].filter(Boolean).join(' at ')}
        {person.metOn ? ` · met ${formatDay(person.metOn)}` : ''}
        {person.followUp ? ` · follow up ${formatDay(person.followUp.dueOn)}` : ''}
      </p>

      <section aria-labelledby="touch-heading" className="log-touch">
        <h2 id="touch-heading">Log a touch</h2>
        <div className="row wrap">
          {TOUCH_KINDS.map((kind) => (
            <button key={kind} type="button" className="secondary" onClick={() => touch.mutate(kind)} disabled={touch.isPending}>
              {TOUCH_LABELS[kind]}
            </button>
          ))}
        </div>
      </section>

      <section aria-labelledby="stage-heading">
        <h2 id="stage-heading">Stage</h2>
        <label htmlFor="stage-select">Where this relationship is</label>
        <select id="stage-select" value={person.stage} onChange={(e) => stage.mutate(e.target.value)} disabled={stage.isPending}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <ol className="history" aria-label="Stage history">
          {stageHistory.map((change) => (
            <li key={change.id}>
              {formatInstant(change.changedAt)}: {change.fromStage ? `${change.fromStage} → ` : ''}
              {change.toStage}
            </li>
          ))}
        </ol>
      </section>

      <Commonalities personId={id} items={person.commonalities} />
      <Promises personId={id} items={promises} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {timeline.length === 0 ? <p className="empty">No touches yet.</p> : null}
        <ol className="timeline">
          {timeline.map((entry) => (
            <li key={entry.key}>
              <time dateTime={entry.on}>{formatDay(entry.on)}</time> <strong>{entry.what}</strong>
              {entry.detail ? `: ${entry.detail}` : ''}
            </li>
          ))}
        </ol>
      </section>

      {cardImages.data && cardImages.data.items.length > 0 ? (
        <section aria-labelledby="card-heading">
          <h2 id="card-heading">Their card</h2>
          <div className="card-pictures">
            {cardImages.data.items.map((image) => (
              <img key={image.id} className="card-picture" src={`/api/v1/cards/images/${image.id}`} alt={`The ${image.side} of ${person.fullName}'s card`} width={image.width} height={image.height} loading="lazy" />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <PersonForm key={person.updatedAt} person={person} />
      </section>

      <section aria-labelledby="danger-heading">
        <h2 id="danger-heading">Delete</h2>
        <p className="muted">Deleting hides {person.fullName} everywhere; you can undo it right after.</p>
        <button type="button" className="secondary outline danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          Delete {person.fullName}
        </button>
      </section>
    </>
  );
}
