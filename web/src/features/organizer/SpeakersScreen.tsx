// An organization's speakers along the pipeline (prospect → invited → accepted / declined → confirmed → spoke), for
// owners and organizers: the counts at each step, the speakers grouped by step (optionally of one event), a new
// speaker, and the organization's reminder for invitations left unanswered.
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, ApiError, messageOf } from '../../api/client';
import type { HostedEvent, Speaker, SpeakerInput, SpeakerSettings, SpeakerStatus } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { may, orgPath, speakerKeys, useHostedEvents, useOrganization, useSpeakers, useSpeakerSettings } from './organizer-api';
import { SPEAKER_STATUS_WORDS, SpeakerCard } from './SpeakerCard';
import { eventWords, SpeakerForm } from './SpeakerForm';

const PIPELINE: SpeakerStatus[] = ['prospect', 'invited', 'accepted', 'declined', 'confirmed', 'spoke'];
const SECTION_WORDS: Record<SpeakerStatus, string> = { prospect: 'Prospects', invited: 'Invited', accepted: 'Accepted', declined: 'Declined', confirmed: 'Confirmed', spoke: 'Spoke' };

function NewSpeaker({ orgId, events, eventId, open }: { orgId: string; events: HostedEvent[]; eventId: string | null; open: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (input: SpeakerInput) => api<{ speaker: Speaker }>('POST', `${orgPath(orgId)}/speakers`, input),
    onSuccess: ({ speaker }) => {
      toast.show(`${speaker.fullName} added as a prospect.`);
      void queryClient.invalidateQueries({ queryKey: speakerKeys.all(orgId) });
    },
  });
  return (
    <section aria-labelledby="new-speaker-heading">
      <details className="new-speaker" open={open}>
        <summary role="button" className="secondary">
          <span id="new-speaker-heading">Add a speaker</span>
        </summary>
        <SpeakerForm key={eventId ?? ''} events={events} defaultEventId={eventId} label="Add a speaker" submitLabel="Add speaker" busy={create.isPending} onSubmit={(input) => create.mutateAsync(input)} />
      </details>
    </section>
  );
}

function NudgeSetting({ orgId }: { orgId: string }) {
  const settings = useSpeakerSettings(orgId);
  if (settings.isPending) return <Loading what="the reminder setting" />;
  if (settings.isError) return <p className="form-error" role="alert">{messageOf(settings.error)}</p>;
  return <NudgeForm key={String(settings.data.nudgeAfterDays)} orgId={orgId} current={settings.data.nudgeAfterDays} />;
}

function NudgeForm({ orgId, current }: { orgId: string; current: number | null }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [on, setOn] = useState(current !== null);
  const [days, setDays] = useState(String(current ?? 5));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const save = useMutation({
    // A value that is not a whole number goes as typed, so that the server names the field.
    mutationFn: () => api<SpeakerSettings>('PUT', `${orgPath(orgId)}/speaker-settings`, { nudgeAfterDays: on ? (/^\s*-?\d+\s*$/.test(days) ? Number(days) : (days as unknown as number)) : null }),
    onSuccess: ({ nudgeAfterDays }) => {
      toast.show(nudgeAfterDays === null ? 'Reminders are off.' : `Invited speakers are reminded after ${nudgeAfterDays} ${nudgeAfterDays === 1 ? 'day' : 'days'} without an answer.`);
      queryClient.setQueryData(speakerKeys.settings(orgId), { nudgeAfterDays });
    },
    onError: (error) => setErrors(formErrorsOf(error, ['nudgeAfterDays'])),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Reminder" className="nudge-form">
      <FormError error={errors.form} />
      <label className="checkbox">
        <input type="checkbox" role="switch" name="nudge" checked={on} onChange={(e) => setOn(e.target.checked)} /> Remind invited speakers who have not answered
      </label>
      {on ? (
        <Field label="Days without an answer" name="nudgeAfterDays" type="number" inputMode="numeric" min={1} max={60} value={days} onChange={(e) => setDays(e.target.value)} error={errors.fields.nudgeAfterDays} hint="One reminder, with the same link; 1 to 60 days." />
      ) : null}
      <small className="muted">Applies to invitations sent from now on.</small>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        Save the reminder
      </button>
    </form>
  );
}

function Pipeline({ speakers }: { speakers: Speaker[] }) {
  return (
    <ol className="pipeline" aria-label="Speakers at each step">
      {PIPELINE.map((status) => {
        const count = speakers.filter((s) => s.status === status).length;
        return (
          <li key={status} className={count ? undefined : 'muted'}>
            {count ? <a href={`#speakers-${status}`}>{SPEAKER_STATUS_WORDS[status]}</a> : SPEAKER_STATUS_WORDS[status]} <strong>{count}</strong>
          </li>
        );
      })}
    </ol>
  );
}

function Pipelined({ orgId, events }: { orgId: string; events: HostedEvent[] }) {
  const filterId = useId();
  const [eventId, setEventId] = useState<string | null>(null);
  const speakers = useSpeakers(orgId, eventId);
  const items = speakers.data?.items ?? [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const sortedEvents = [...events].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <>
      <NewSpeaker orgId={orgId} events={events} eventId={eventId} open={speakers.data !== undefined && items.length === 0 && eventId === null} />
      <section aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">Pipeline</h2>
        <div className="row wrap speakers-tools">
          <label htmlFor={filterId}>
            Speakers for
            <select id={filterId} value={eventId ?? ''} onChange={(e) => setEventId(e.target.value || null)}>
              <option value="">All events</option>
              {sortedEvents.map((e) => (
                <option key={e.id} value={e.id}>
                  {eventWords(e)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {speakers.isPending ? <Loading what="the speakers" /> : null}
        {speakers.isError ? <p className="form-error" role="alert">{messageOf(speakers.error)}</p> : null}
        {speakers.data ? <Pipeline speakers={items} /> : null}
        {speakers.data && items.length === 0 ? <p className="empty">{eventId ? 'No speakers for this event yet.' : 'No speakers yet: add the first one above.'}</p> : null}
      </section>
      {PIPELINE.map((status) => {
        const group = items.filter((s) => s.status === status);
        if (!group.length) return null;
        return (
          <section key={status} id={`speakers-${status}`} aria-labelledby={`speakers-${status}-heading`} className="speaker-group">
            <h2 id={`speakers-${status}-heading`}>
              {SECTION_WORDS[status]} <span className="badge">{group.length}</span>
            </h2>
            <ul className="cards speaker-list" aria-label={SECTION_WORDS[status]}>
              {group.map((s) => (
                <SpeakerCard key={s.id} orgId={orgId} speaker={s} event={s.hostedEventId ? (byId.get(s.hostedEventId) ?? null) : null} events={events} />
              ))}
            </ul>
          </section>
        );
      })}
      <section aria-labelledby="nudge-heading">
        <h2 id="nudge-heading">Reminder</h2>
        <NudgeSetting orgId={orgId} />
      </section>
    </>
  );
}

export default function SpeakersScreen({ orgId }: { orgId: string }) {
  const organization = useOrganization(orgId);
  const role = organization.data?.organization.role;
  const canRun = role !== undefined && may.manageEvents(role);
  const events = useHostedEvents(orgId);
  const back = (
    <p className="breadcrumb">
      <Link href={`/host/${orgId}`}>← {organization.data?.organization.name ?? 'The organization'}</Link>
    </p>
  );
  if (organization.isPending) return <Loading what="the organization" />;
  if (organization.isError) {
    const missing = organization.error instanceof ApiError && organization.error.status === 404;
    return (
      <>
        <p className="breadcrumb">
          <Link href="/host">← Your organizations</Link>
        </p>
        <PageTitle title="Speakers" />
        <p className="form-error" role="alert">
          {missing ? 'There is no such organization, or you are not one of its members.' : messageOf(organization.error)}
        </p>
      </>
    );
  }
  return (
    <>
      {back}
      <PageTitle title="Speakers" />
      {!canRun ? (
        <p className="notice">Speakers are for the owners and organizers of {organization.data.organization.name}.</p>
      ) : events.isPending ? (
        <Loading what="the events" />
      ) : (
        <>
          <p className="muted">Prospect → invited → accepted or declined → confirmed → spoke: each step dated. An invited speaker answers on the page their e-mail links to; a yes or no given by phone is recorded on their behalf.</p>
          {events.isError ? <p className="form-error" role="alert">{messageOf(events.error)}</p> : null}
          <Pipelined orgId={orgId} events={events.data?.items ?? []} />
        </>
      )}
    </>
  );
}
