// After a hosted event, for its owners and organizers: the figures (registered, came, no-shows, waitlist, cancelled,
// and after the wrap-up the people it brought) and, once the event has ended, the wrap-up: everyone who came into my
// contacts, met at the event, a thank-you to them and a different note to those who held a seat and did not come.
// The server makes the wrap-up safe to run again (no one added or mailed twice): the screen says so.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import type { EventFigures, HostedEvent } from '../../api/types';
import { FormError, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { formatInstant } from '../../components/dates';
import { Loading } from '../../components/Layout';
import { useToast } from '../../components/Toasts';
import { eventDeskKeys, eventPath, organizerKeys, useEventFigures } from './organizer-api';
import { formatInZone } from './zoned-time';
import { defaultNoShow, defaultThankYou } from '../../../../src/core/wrap-up-words.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** True from the event's end on; turns true by itself if the screen stays open while the event ends. */
function useHasEnded(endsAt: string): boolean {
  const endMs = Date.parse(endsAt);
  const [ended, setEnded] = useState(() => endMs <= Date.now());
  useEffect(() => {
    const wait = endMs - Date.now();
    if (wait <= 0) {
      setEnded(true);
      return;
    }
    setEnded(false);
    // setTimeout holds at most ~24.8 days; an event further off is not waited for on an open screen.
    if (wait > 2 ** 31 - 1) return;
    const timer = window.setTimeout(() => setEnded(true), wait);
    return () => window.clearTimeout(timer);
  }, [endMs]);
  return ended;
}

function Figures({ figures, ended }: { figures: EventFigures; ended: boolean }) {
  const afterWrapUp = (n: number) => (figures.wrappedUpAt ? n : 'not yet');
  const rows: [string, number | string][] = [
    ['Registered', figures.registered],
    ['Came', figures.came],
    ['No-shows', figures.noShows],
    ['Waitlist', figures.waitlist],
    ['Cancelled', figures.cancelled],
    ['In my contacts', afterWrapUp(figures.inContacts)],
    ['New people', afterWrapUp(figures.newPeople)],
  ];
  return (
    <>
      <dl className="event-figures" aria-label="The event's figures">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={typeof value === 'string' ? 'muted' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted figures-note">
        {ended ? null : 'Until the event ends, the no-shows are those holding a seat who have not come in yet. '}
        {figures.wrappedUpAt
          ? `Wrapped up ${formatInstant(figures.wrappedUpAt)}: “in my contacts” counts those who came; “new people” those new to your contacts, speakers included.`
          : 'The people it brought are counted once you wrap up.'}
      </p>
    </>
  );
}

function WrapUpForm({ orgId, event, before }: { orgId: string; event: HostedEvent; before: EventFigures }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [thankYou, setThankYou] = useState('');
  const [noShow, setNoShow] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const wrapUp = useMutation({
    // The figures before this run ride along as the variables: what it added is the difference.
    mutationFn: (_before: EventFigures) => api<{ figures: EventFigures }>('POST', `${eventPath(orgId, event.id)}/wrap-up`, { thankYou: thankYou.trim() || null, noShow: noShow.trim() || null }),
    onSuccess: ({ figures }, previous) => {
      setErrors(NO_ERRORS);
      queryClient.setQueryData(eventDeskKeys.figures(orgId, event.id), { figures });
      void queryClient.invalidateQueries({ queryKey: organizerKeys.events(orgId) });
      void queryClient.invalidateQueries({ queryKey: keys.people });
      void queryClient.invalidateQueries({ queryKey: keys.events });
      const joined = figures.newPeople - (previous.wrappedUpAt ? previous.newPeople : 0);
      const words = joined > 0 ? `${plural(joined, 'person', 'people')} joined your contacts` : 'no one new joined your contacts';
      toast.show(`Wrapped up: ${words}.`, { label: 'Open People', run: () => navigate('/people') });
    },
    onError: (error) => setErrors(formErrorsOf(error, ['thankYou', 'noShow'])),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    wrapUp.mutate(before);
  };
  // The defaults are the mail's own words (src/core/wrap-up-words.ts), shown so that an empty box is not a mystery.
  return (
    <form onSubmit={submit} noValidate aria-label="Wrap up" className="wrap-up">
      <p>
        Everyone who came (checked in at the door) and every confirmed speaker becomes a person in <strong>your</strong> contacts, met at {event.title}, with their company, title and answers;
        someone you have already is met again, not doubled. A thank-you goes to those who came and a different note to those who held a seat and did not come.
      </p>
      <FormError error={errors.form} />
      <TextArea
        label="Thank-you to those who came (optional)"
        name="thankYou"
        rows={4}
        maxLength={4000}
        value={thankYou}
        onChange={(e) => setThankYou(e.target.value)}
        placeholder={defaultThankYou(event.title)}
        hint="Empty: the words shown in the box. A blank line starts a new paragraph."
        error={errors.fields.thankYou}
      />
      <TextArea
        label="Note to those who did not come (optional)"
        name="noShow"
        rows={4}
        maxLength={4000}
        value={noShow}
        onChange={(e) => setNoShow(e.target.value)}
        placeholder={defaultNoShow(event.title)}
        hint="Empty: the words shown in the box."
        error={errors.fields.noShow}
      />
      <button type="submit" aria-busy={wrapUp.isPending} disabled={wrapUp.isPending}>
        {before.wrappedUpAt ? 'Wrap up again' : 'Wrap up'}
      </button>
      <p className="muted">
        Safe to run again, after late check-ins say: no one is added twice and no one is mailed twice{before.wrappedUpAt ? ' (your words go only to those not mailed yet)' : ''}.
      </p>
    </form>
  );
}

export function WrapUp({ orgId, event }: { orgId: string; event: HostedEvent }) {
  const answer = useEventFigures(orgId, event.id);
  const ended = useHasEnded(event.endsAt);
  return (
    <section aria-labelledby="after-heading" className="event-after">
      <h2 id="after-heading">After the event</h2>
      {answer.isPending ? <Loading what="the figures" /> : null}
      {answer.isError ? (
        <p className="form-error" role="alert">
          {messageOf(answer.error)}
        </p>
      ) : null}
      {answer.data ? <Figures figures={answer.data.figures} ended={ended} /> : null}
      {event.cancelledAt ? null : ended ? (
        answer.data ? <WrapUpForm orgId={orgId} event={event} before={answer.data.figures} /> : null
      ) : (
        <p className="notice">
          You can wrap up once the event has ended: from {formatInZone(event.endsAt, event.timeZone)} ({event.timeZone.replaceAll('_', ' ')}). Then everyone who came joins your contacts, and the
          thank-you and no-show notes go out.
        </p>
      )}
    </section>
  );
}
