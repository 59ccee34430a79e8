// A speaker's form, for a new speaker and for changing one: name (the only required field), how to reach them, the
// topic, the event they would speak at (one of the organization's), and the organizer's own notes.
import { useState, type FormEvent } from 'react';
import type { HostedEvent, Speaker, SpeakerInput } from '../../api/types';
import { Field, FormError, Select, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { formatInZone } from './zoned-time';

interface Draft {
  fullName: string;
  email: string;
  company: string;
  title: string;
  topic: string;
  notes: string;
  hostedEventId: string;
}

const FIELDS = ['fullName', 'email', 'company', 'title', 'topic', 'notes', 'hostedEventId'];

function draftOf(speaker: Speaker | undefined, eventId: string | null): Draft {
  return {
    fullName: speaker?.fullName ?? '',
    email: speaker?.email ?? '',
    company: speaker?.company ?? '',
    title: speaker?.title ?? '',
    topic: speaker?.topic ?? '',
    notes: speaker?.notes ?? '',
    hostedEventId: speaker ? (speaker.hostedEventId ?? '') : (eventId ?? ''),
  };
}

/** Every field is sent: an emptied one clears (null). */
function inputOf(draft: Draft): SpeakerInput {
  const orNull = (text: string) => text.trim() || null;
  return {
    fullName: draft.fullName.trim(),
    email: orNull(draft.email),
    company: orNull(draft.company),
    title: orNull(draft.title),
    topic: orNull(draft.topic),
    notes: orNull(draft.notes),
    hostedEventId: draft.hostedEventId || null,
  };
}

/** Events one can still speak at (upcoming, not cancelled), soonest first; and the speaker's own, whatever it is. */
export function eventChoices(events: HostedEvent[], currentId: string | null, now: number): HostedEvent[] {
  return events
    .filter((e) => e.id === currentId || (!e.cancelledAt && Date.parse(e.endsAt) >= now))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export const eventWords = (event: HostedEvent): string => `${event.title} · ${formatInZone(event.startsAt, event.timeZone)}`;

export function SpeakerForm({
  speaker,
  events,
  defaultEventId = null,
  label,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  speaker?: Speaker;
  events: HostedEvent[];
  defaultEventId?: string | null;
  label: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: SpeakerInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(speaker, defaultEventId));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const text = (field: Exclude<keyof Draft, 'hostedEventId'>) => ({
    name: field,
    value: draft[field],
    error: errors.fields[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.fullName.trim()) {
      setErrors({ fields: { fullName: 'A speaker needs a name.' }, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await onSubmit(inputOf(draft));
      if (!speaker) setDraft(draftOf(undefined, draft.hostedEventId || null));
    } catch (error) {
      setErrors(formErrorsOf(error, FIELDS));
    }
  };
  const choices = eventChoices(events, speaker?.hostedEventId ?? null, Date.now());
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={label} className="speaker-form">
      <FormError error={errors.form} />
      <div className="grid">
        <Field label="Full name" required maxLength={200} autoComplete="off" {...text('fullName')} />
        <Field label="E-mail" type="email" inputMode="email" autoComplete="off" hint="Needed to invite them by e-mail." {...text('email')} />
      </div>
      <div className="grid">
        <Field label="Company" maxLength={200} autoComplete="off" {...text('company')} />
        <Field label="Job title" maxLength={200} autoComplete="off" {...text('title')} />
      </div>
      <Field label="Topic" maxLength={500} placeholder="What they would speak about" {...text('topic')} />
      <Select label="Event" name="hostedEventId" value={draft.hostedEventId} error={errors.fields.hostedEventId} onChange={(e) => setDraft((d) => ({ ...d, hostedEventId: e.target.value }))}>
        <option value="">No event yet</option>
        {choices.map((event) => (
          <option key={event.id} value={event.id}>
            {eventWords(event)}
            {event.cancelledAt ? ' (cancelled)' : ''}
          </option>
        ))}
      </Select>
      <TextArea label="Notes" rows={2} hint="For the organizers only." {...text('notes')} />
      <div className="row wrap">
        <button type="submit" aria-busy={busy} disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="secondary outline" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
