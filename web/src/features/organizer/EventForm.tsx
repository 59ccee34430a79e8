// A hosted event's form, for a new event and for changing one: times typed as the wall clock of the event's own
// time zone, the seats, the three choices (approval, e-mail confirmation, claim window) and the custom questions.
import { useId, useState, type FormEvent } from 'react';
import { useSettings } from '../../api/queries';
import type { EventQuestion, HostedEvent, HostedEventInput } from '../../api/types';
import { Field, FormError, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { TimeZoneSelect } from '../settings/TimeZoneSelect';
import { browserTimeZone, instantOfLocalInput, localInputIn } from './zoned-time';

interface Draft {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string;
  link: string;
  capacity: string;
  requiresApproval: boolean;
  confirmEmail: boolean;
  claimHours: string;
  questions: EventQuestion[];
}

const FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'timeZone', 'place', 'link', 'capacity', 'requiresApproval', 'confirmEmail', 'claimHours', 'questions'];

function draftOf(event: HostedEvent | undefined, defaultZone: string): Draft {
  if (!event) {
    return { title: '', description: '', startsAt: '', endsAt: '', timeZone: defaultZone, place: '', link: '', capacity: '', requiresApproval: false, confirmEmail: false, claimHours: '24', questions: [] };
  }
  return {
    title: event.title,
    description: event.description,
    startsAt: localInputIn(event.startsAt, event.timeZone),
    endsAt: localInputIn(event.endsAt, event.timeZone),
    timeZone: event.timeZone,
    place: event.place ?? '',
    link: event.link ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    requiresApproval: event.requiresApproval,
    confirmEmail: event.confirmEmail,
    claimHours: String(event.claimHours),
    questions: event.questions,
  };
}

/** A question's id keys its answers: kept once made, new ones from the label ("Dietary needs" → dietary-needs). */
function questionId(label: string, taken: Set<string>): string {
  const base = label.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'question';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The API's body; a value that is not a number or a time goes as typed, so the server names the field in error. */
function inputOf(draft: Draft): HostedEventInput {
  const number = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : (text as unknown as number));
  const input: HostedEventInput = {
    title: draft.title.trim(),
    description: draft.description,
    startsAt: instantOfLocalInput(draft.startsAt, draft.timeZone) ?? draft.startsAt,
    timeZone: draft.timeZone,
    place: draft.place.trim() || null,
    link: draft.link.trim() || null,
    capacity: draft.capacity.trim() === '' ? null : number(draft.capacity),
    requiresApproval: draft.requiresApproval,
    confirmEmail: draft.confirmEmail,
    claimHours: number(draft.claimHours || '24'),
    questions: draft.questions.map((q) => ({ ...q, label: q.label.trim() })),
  };
  if (draft.endsAt) input.endsAt = instantOfLocalInput(draft.endsAt, draft.timeZone) ?? draft.endsAt;
  return input;
}

function Questions({ questions, onChange, error }: { questions: EventQuestion[]; onChange: (questions: EventQuestion[]) => void; error: string | undefined }) {
  const headingId = useId();
  const [label, setLabel] = useState('');
  const [required, setRequired] = useState(false);
  const add = () => {
    if (!label.trim()) return;
    onChange([...questions, { id: questionId(label, new Set(questions.map((q) => q.id))), label: label.trim(), required }]);
    setLabel('');
    setRequired(false);
  };
  return (
    <fieldset aria-labelledby={headingId} className="questions">
      <legend id={headingId}>Custom questions</legend>
      <small>Asked on top of name, e-mail, company, title and the name for the badge.</small>
      {questions.length ? (
        <ul className="plain question-list">
          {questions.map((q) => (
            <li key={q.id} className="row wrap">
              <span>
                {q.label} <span className="muted">{q.required ? '(required)' : '(optional)'}</span>
              </span>
              <button type="button" className="secondary outline" aria-label={`Remove the question ${q.label}`} onClick={() => onChange(questions.filter((other) => other.id !== q.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row wrap question-add">
        <Field
          label="New question"
          name="questionLabel"
          value={label}
          maxLength={200}
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          placeholder="Dietary needs"
        />
        <label className="checkbox">
          <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> Required
        </label>
        <button type="button" className="secondary" onClick={add} disabled={!label.trim() || questions.length >= 20}>
          Add question
        </button>
      </div>
      {error ? (
        <small className="field-error" role="alert">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}

export function EventForm({ event, label, submitLabel, busy, onSubmit }: { event?: HostedEvent; label: string; submitLabel: string; busy: boolean; onSubmit: (input: HostedEventInput) => Promise<unknown> }) {
  const settings = useSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(event, settings.data?.timeZone ?? browserTimeZone()));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const text = (field: 'title' | 'description' | 'startsAt' | 'endsAt' | 'place' | 'link' | 'capacity' | 'claimHours') => ({
    name: field,
    value: draft[field],
    error: errors.fields[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.startsAt) {
      setErrors({ fields: { startsAt: 'Choose the day and time it starts.' }, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await onSubmit(inputOf(draft));
      if (!event) setDraft(draftOf(undefined, draft.timeZone));
    } catch (error) {
      setErrors(formErrorsOf(error, FIELDS));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={label} className="event-form">
      <FormError error={errors.form} />
      <Field label="Title" required maxLength={200} placeholder="Monthly breakfast" {...text('title')} />
      <TextArea label="Description" rows={4} {...text('description')} />
      <div className="grid">
        <Field label="Starts" type="datetime-local" required {...text('startsAt')} />
        <Field label="Ends" type="datetime-local" hint="Empty: two hours after the start." {...text('endsAt')} />
      </div>
      <TimeZoneSelect value={draft.timeZone} onChange={(zone) => set('timeZone', zone)} error={errors.fields.timeZone} hint="The times above are in this zone, as the event's page shows them." />
      <div className="grid">
        <Field label="Place" maxLength={500} placeholder="Address, room" {...text('place')} />
        <Field label="Link (online events)" type="url" inputMode="url" placeholder="https://…" {...text('link')} />
      </div>
      <div className="grid">
        <Field label="Seats" type="number" inputMode="numeric" min={1} max={100000} hint="Empty: no limit." {...text('capacity')} />
        <Field label="Hours to claim a freed seat" type="number" inputMode="numeric" min={1} max={168} hint="A seat offered from the waitlist waits this long." {...text('claimHours')} />
      </div>
      <fieldset>
        <legend>Registrations</legend>
        <label className="checkbox">
          <input type="checkbox" role="switch" name="requiresApproval" checked={draft.requiresApproval} onChange={(e) => set('requiresApproval', e.target.checked)} />
          Approve each registration
        </label>
        <label className="checkbox">
          <input type="checkbox" role="switch" name="confirmEmail" checked={draft.confirmEmail} onChange={(e) => set('confirmEmail', e.target.checked)} />
          Ask registrants to confirm their e-mail first
        </label>
      </fieldset>
      <Questions questions={draft.questions} onChange={(questions) => set('questions', questions)} error={errors.fields.questions} />
      <button type="submit" aria-busy={busy} disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
