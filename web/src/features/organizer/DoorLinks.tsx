// The door of a hosted event, for its owners and organizers: door links (made with a label, listed, revoked after a
// confirm step) and the printable badges. A link's token is in the answer that made it and nowhere else (Kith keeps
// only its hash), so its full address is shown once, to copy and send at once, as app passwords are.
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import type { DoorLink, HostedEvent, NewDoorLink } from '../../api/types';
import { Field } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { formatInstant } from '../../components/dates';
import { Loading } from '../../components/Layout';
import { useToast } from '../../components/Toasts';
import { DOOR_LINK_HOURS_AFTER_END } from '../../../../src/core/organizer-roles.js';
import { eventDeskKeys, eventPath, orgPath, useDoorLinks } from './organizer-api';


const STATE_WORDS: Record<DoorLink['state'], string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };

/** The address just made, to copy now: it cannot be shown again. */
function NewLink({ made, title, onDone }: { made: { label: string; url: string }; title: string; onDone: () => void }) {
  const toast = useToast();
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(made.url);
      toast.show('Door link copied.');
    } catch {
      toast.show('Copying is not allowed here: select the address and copy it.');
    }
  };
  return (
    <div className="notice door-link-new" role="status">
      <p>
        <strong>The door link for {made.label}.</strong> Copy it and send it to whoever stands at the door now: it will not be shown again. Anyone with it sees the door list of {title}, without an
        account.
      </p>
      <label htmlFor={id} className="visually-hidden">
        Door link for {made.label}
      </label>
      <div className="row">
        <input id={id} readOnly value={made.url} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()} aria-label={`Copy the door link for ${made.label}`}>
          Copy
        </button>
      </div>
      <button type="button" className="secondary outline" onClick={onDone}>
        Done, I have sent it
      </button>
    </div>
  );
}

function LinkRow({ orgId, link }: { orgId: string; link: DoorLink }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api<{ link: DoorLink }>('POST', `${orgPath(orgId)}/door-links/${encodeURIComponent(link.id)}/revoke`),
    onSuccess: () => {
      toast.show(`${link.label}: revoked. That phone's door list stops at once.`);
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: eventDeskKeys.doorLinks(orgId, link.hostedEventId) });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const questionId = `revoke-question-${link.id}`;
  return (
    <li className="door-link">
      <div className="door-link-text">
        <strong>{link.label}</strong> <span className={`badge door-link-${link.state}`}>{STATE_WORDS[link.state]}</span>
        <br />
        <small className="muted">
          Made {formatInstant(link.createdAt)}
          {link.revokedAt ? ` · revoked ${formatInstant(link.revokedAt)}` : ` · ${link.state === 'expired' ? 'ended' : 'ends'} ${formatInstant(link.expiresAt)}`}
        </small>
      </div>
      {link.state === 'active' && !confirming ? (
        <button type="button" className="secondary outline" onClick={() => setConfirming(true)} aria-label={`Revoke the door link ${link.label}…`}>
          Revoke…
        </button>
      ) : null}
      {confirming ? (
        <div className="door-link-confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>
            <strong>Revoke {link.label}?</strong> The phone holding it loses the door list at once. This cannot be undone: make a new link if need be.
          </p>
          <div className="row wrap">
            <button type="button" className="danger" aria-busy={revoke.isPending} disabled={revoke.isPending} onClick={() => revoke.mutate()} autoFocus>
              Yes, revoke it
            </button>
            <button type="button" className="secondary outline" onClick={() => setConfirming(false)}>
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

export function DoorLinks({ orgId, event }: { orgId: string; event: HostedEvent }) {
  const queryClient = useQueryClient();
  const links = useDoorLinks(orgId, event.id);
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<{ label: string; url: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    mutationFn: () => api<NewDoorLink>('POST', `${eventPath(orgId, event.id)}/door-links`, label.trim() ? { label: label.trim() } : {}),
    onSuccess: (answer) => {
      setMade({ label: answer.link.label, url: new URL(answer.path, window.location.origin).toString() });
      setLabel('');
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries({ queryKey: eventDeskKeys.doorLinks(orgId, event.id) });
    },
    onError: (error) => setErrors(formErrorsOf(error, ['label'])),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  // A link for an event that ended more than 12 hours ago would be dead already: the server refuses it.
  const doorClosed = Date.parse(event.endsAt) + DOOR_LINK_HOURS_AFTER_END * 3_600_000 <= Date.now();
  const items = links.data?.items ?? [];
  return (
    <section aria-labelledby="door-heading" className="event-door">
      <h2 id="door-heading">Door</h2>
      <p className="muted">
        A door link opens this event&apos;s door list on any phone, without an account: search by name, scan the QR codes, add walk-ins. It shows names and companies, never e-mails, and ends{' '}
        {DOOR_LINK_HOURS_AFTER_END} hours after the event. One link per phone, or one for all.
      </p>
      {made ? <NewLink made={made} title={event.title} onDone={() => setMade(null)} /> : null}
      {links.isPending ? <Loading what="the door links" /> : null}
      {links.isError ? (
        <p className="form-error" role="alert">
          {messageOf(links.error)}
        </p>
      ) : null}
      {items.length ? (
        <ul className="plain door-links" aria-label="Door links">
          {items.map((link) => (
            <LinkRow key={link.id} orgId={orgId} link={link} />
          ))}
        </ul>
      ) : null}
      {links.data && items.length === 0 && !doorClosed && !event.cancelledAt ? <p className="empty">No door links yet.</p> : null}
      {event.cancelledAt || doorClosed ? (
        <p className="muted">{event.cancelledAt ? 'The event is cancelled: no new door links.' : `The door is closed: links end ${DOOR_LINK_HOURS_AFTER_END} hours after the event.`}</p>
      ) : (
        <form onSubmit={submit} className="inline-form door-link-form" aria-label="New door link" noValidate>
          <Field label="Label" name="label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} placeholder="Front door" hint="Who or where it is for." error={errors.fields.label ?? errors.form} />
          <button type="submit" className="secondary" aria-busy={create.isPending} disabled={create.isPending}>
            Make a door link
          </button>
        </form>
      )}
      <p>
        <a href={`/api/v1${eventPath(orgId, event.id)}/badges`} target="_blank" rel="noopener">
          Print badges
        </a>{' '}
        <span className="muted">(opens in a new tab: the confirmed registrants on A4 label sheets, Avery L7163)</span>
      </p>
    </section>
  );
}
