// One speaker on the pipeline: who they are, their event, every step with its date (and whether an answer was given
// on their behalf), and the moves the API allows from where they stand; the invitation and the introduction to the
// attendees each with the organizer's optional words; edit, and remove (asked first).
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import type { HostedEvent, Speaker, SpeakerInput, SpeakerIntroduction, SpeakerStatus } from '../../api/types';
import { FormError, TextArea } from '../../components/Field';
import { formatInstant } from '../../components/dates';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { canInvite as invitable, isAnswer, ORGANIZER_MOVES } from '../../../../src/core/speaker-pipeline.js';
import { speakerKeys, speakerPath } from './organizer-api';
import { eventWords, SpeakerForm } from './SpeakerForm';

export const SPEAKER_STATUS_WORDS: Record<SpeakerStatus, string> = {
  prospect: 'Prospect',
  invited: 'Invited',
  accepted: 'Accepted',
  declined: 'Declined',
  confirmed: 'Confirmed',
  spoke: 'Spoke',
};

interface Move {
  to: SpeakerStatus;
  label: string;
  onBehalf: boolean;
}

/** The words of each move the API allows (src/core/speaker-pipeline.ts); "invited" by e-mail is the Invite button. */
const MOVE_WORDS: Record<SpeakerStatus, string> = {
  accepted: 'Accepted on their behalf',
  declined: 'Declined on their behalf',
  invited: 'Invited another way',
  prospect: 'Back to prospect',
  confirmed: 'Confirm',
  spoke: 'Spoke',
};

const movesFrom = (status: SpeakerStatus): Move[] =>
  ORGANIZER_MOVES[status].map((to) => ({ to, label: MOVE_WORDS[to], onBehalf: isAnswer(to) }));

type Panel = 'invite' | 'introduce' | 'edit' | 'remove' | null;

function Steps({ speaker }: { speaker: Speaker }) {
  return (
    <ol className="speaker-steps" aria-label={`Steps of ${speaker.fullName}`}>
      {speaker.steps.map((step, i) => (
        <li key={`${step.status}-${step.at}-${i}`}>
          <span className="step-status">{i === 0 && step.status === 'prospect' ? 'Added' : SPEAKER_STATUS_WORDS[step.status]}</span>{' '}
          <time dateTime={step.at}>{formatInstant(step.at)}</time>
          {step.onBehalf ? <span className="badge">on their behalf</span> : null}
          {step.byAccountId === null ? <span className="muted"> · their own answer</span> : null}
          {step.note ? <q className="step-note">{step.note}</q> : null}
        </li>
      ))}
    </ol>
  );
}

function InvitationState({ speaker }: { speaker: Speaker }) {
  const i = speaker.invitation;
  if (speaker.status !== 'invited' || !i || i.revokedAt || i.answeredAt) return null;
  const reminder = i.nudgedAt ? `reminded ${formatInstant(i.nudgedAt)}` : i.nudgeAt ? `a reminder goes ${formatInstant(i.nudgeAt)}` : 'no reminder';
  return (
    <p className="muted speaker-invitation">
      Invitation e-mailed {formatInstant(i.sentAt)}, no answer yet: {reminder}.
    </p>
  );
}

/** The invitation or the introduction: the organizer's optional words, then send. */
function WordsForm({ label, hint, submitLabel, onSend, onCancel }: { label: string; hint: string; submitLabel: string; onSend: (message: string | null) => Promise<unknown>; onCancel: () => void }) {
  const [words, setWords] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      await onSend(words.trim() || null);
    } catch (error) {
      setErrors(formErrorsOf(error, ['message']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={label} className="speaker-panel">
      <FormError error={errors.form} />
      <TextArea label="Your words (optional)" name="message" rows={3} maxLength={4000} value={words} onChange={(e) => setWords(e.target.value)} error={errors.fields.message} hint={hint} />
      <div className="row wrap">
        <button type="submit" aria-busy={busy} disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="secondary outline" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function introductionWords(result: SpeakerIntroduction): string {
  const parts = [`${result.written} ${result.written === 1 ? 'attendee' : 'attendees'} written to`];
  if (result.alreadySent) parts.push(`${result.alreadySent} already had it`);
  if (result.unsubscribed) parts.push(`${result.unsubscribed} unsubscribed`);
  return parts.join(' · ');
}

export function SpeakerCard({ orgId, speaker, event, events }: { orgId: string; speaker: Speaker; event: HostedEvent | null; events: HostedEvent[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [panel, setPanel] = useState<Panel>(null);
  const [error, setError] = useState<string | null>(null);
  const [introduced, setIntroduced] = useState<SpeakerIntroduction | null>(null);
  const name = speaker.fullName;
  const path = speakerPath(orgId, speaker.id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: speakerKeys.all(orgId) });
  const toggle = (next: Panel) => {
    setError(null);
    setPanel((open) => (open === next ? null : next));
  };

  const move = useMutation({
    mutationFn: (m: Move) => api<{ speaker: Speaker }>('POST', `${path}/status`, { status: m.to, ...(m.onBehalf ? { onBehalf: true } : {}) }),
    onSuccess: ({ speaker: s }, m) => {
      setError(null);
      const withdrawn = m.to === 'prospect' && speaker.status === 'invited';
      toast.show(withdrawn ? `${s.fullName}: invitation withdrawn, its link no longer works.` : `${s.fullName}: ${SPEAKER_STATUS_WORDS[s.status].toLowerCase()}${m.onBehalf ? ' (on their behalf)' : ''}.`);
      void refresh();
    },
    onError: (e) => setError(messageOf(e)),
  });
  const invite = async (message: string | null) => {
    await api<{ speaker: Speaker }>('POST', `${path}/invite`, { message });
    toast.show(`Invitation e-mailed to ${name}.`);
    setPanel(null);
    void refresh();
  };
  const introduce = async (message: string | null) => {
    const result = await api<SpeakerIntroduction>('POST', `${path}/introduce`, { message });
    setIntroduced(result);
    toast.show(`${name} introduced: ${introductionWords(result)}.`);
    setPanel(null);
  };
  const save = useMutation({
    mutationFn: (input: SpeakerInput) => api<{ speaker: Speaker }>('PATCH', path, input),
    onSuccess: () => {
      toast.show(`${name}: saved.`);
      setPanel(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', path),
    onSuccess: () => {
      toast.show(`${name} was removed.`);
      void refresh();
    },
    onError: (e) => setError(messageOf(e)),
  });

  const headingId = `speaker-${speaker.id}`;
  const errorId = `speaker-error-${speaker.id}`;
  const begun = !event || Date.parse(event.startsAt) <= Date.now();
  const moves = movesFrom(speaker.status).filter((m) => m.to !== 'spoke' || begun);
  const canInvite = invitable(speaker.status);
  const canIntroduce = speaker.status === 'confirmed' && event !== null && !event.cancelledAt;
  const who = [speaker.title, speaker.company].filter(Boolean).join(', ');
  return (
    <li>
      <article className="speaker" aria-labelledby={headingId}>
        <h3 id={headingId}>{name}</h3>
        {who ? <p className="muted">{who}</p> : null}
        <p>
          {speaker.topic ? <>Topic: {speaker.topic}</> : <span className="muted">No topic yet</span>}
          <br />
          {event ? <>Event: {eventWords(event)}{event.cancelledAt ? ' (cancelled)' : ''}</> : <span className="muted">No event yet</span>}
          <br />
          {speaker.email ? <span className="speaker-email">{speaker.email}</span> : <span className="muted">No e-mail address</span>}
        </p>
        {speaker.notes ? <p className="speaker-notes">{speaker.notes}</p> : null}
        <Steps speaker={speaker} />
        <InvitationState speaker={speaker} />
        {speaker.status === 'confirmed' && event && !begun ? <p className="muted">“Spoke” comes once the event has begun.</p> : null}
        {introduced ? (
          <p className="notice" role="status">
            Introduction: {introductionWords(introduced)}.
          </p>
        ) : null}
        <div className="row wrap speaker-actions">
          {canInvite && speaker.email ? (
            <button type="button" aria-expanded={panel === 'invite'} aria-label={`${speaker.status === 'invited' ? 'Invite again' : 'Invite'}… ${name}`} onClick={() => toggle('invite')}>
              {speaker.status === 'invited' ? 'Invite again…' : 'Invite…'}
            </button>
          ) : null}
          {moves.map((m) => (
            <button key={m.label} type="button" className={m.to === 'confirmed' || m.to === 'spoke' ? undefined : 'secondary outline'} aria-label={`${m.label}: ${name}`} disabled={move.isPending} aria-describedby={error ? errorId : undefined} onClick={() => move.mutate(m)}>
              {m.label}
            </button>
          ))}
          {canIntroduce ? (
            <button type="button" className="secondary" aria-expanded={panel === 'introduce'} aria-label={`Introduce to attendees: ${name}`} onClick={() => toggle('introduce')}>
              Introduce to attendees…
            </button>
          ) : null}
        </div>
        {canInvite && !speaker.email ? <p className="muted">Add an e-mail address to invite them by e-mail, or record their answer on their behalf.</p> : null}
        {error ? (
          <small id={errorId} className="field-error" role="alert">
            {error}
          </small>
        ) : null}
        <div className="row wrap speaker-manage">
          <button type="button" className="secondary outline" aria-expanded={panel === 'edit'} aria-label={`Edit ${name}`} onClick={() => toggle('edit')}>
            Edit
          </button>
          <button type="button" className="secondary outline danger" aria-expanded={panel === 'remove'} aria-label={`Remove ${name}…`} onClick={() => toggle('remove')}>
            Remove…
          </button>
        </div>
        {panel === 'invite' ? (
          <WordsForm
            label={`Invite ${name}`}
            hint={`E-mailed to ${speaker.email ?? ''} with a link to Accept or Decline${speaker.status === 'invited' ? '; the earlier link stops working' : ''}.`}
            submitLabel="Send the invitation"
            onSend={invite}
            onCancel={() => setPanel(null)}
          />
        ) : null}
        {panel === 'introduce' ? (
          <WordsForm label={`Introduce ${name} to attendees`} hint="E-mailed to each confirmed registrant once; those written to before are not written again." submitLabel="Send the introduction" onSend={introduce} onCancel={() => setPanel(null)} />
        ) : null}
        {panel === 'edit' ? (
          <SpeakerForm speaker={speaker} events={events} label={`Edit ${name}`} submitLabel="Save the speaker" busy={save.isPending} onSubmit={(input) => save.mutateAsync(input)} onCancel={() => setPanel(null)} />
        ) : null}
        {panel === 'remove' ? (
          <div className="notice" role="group" aria-labelledby={`${headingId}-remove`}>
            <p id={`${headingId}-remove`}>
              <strong>Remove {name}?</strong> Their steps go with them{speaker.status === 'invited' ? ', and their invitation link stops working' : ''}.
            </p>
            <div className="row wrap">
              <button type="button" className="danger" aria-busy={remove.isPending} disabled={remove.isPending} onClick={() => remove.mutate()} autoFocus>
                Yes, remove
              </button>
              <button type="button" className="secondary outline" onClick={() => setPanel(null)}>
                No, keep them
              </button>
            </div>
          </div>
        ) : null}
      </article>
    </li>
  );
}
