// Scan a card: the phone's camera (or a photo), a progress bar while it uploads and while Kith reads it, then the
// review: every field editable, the ones read with less certainty highlighted, and a warning when it may be someone
// already known. Nothing is saved until "Save".
import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, messageOf } from '../../api/client';
import { useCurrentEvent } from '../../api/queries';
import type { Person } from '../../api/types';
import { Field, FormError, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { useOnline } from '../../offline/use-offline';
import { uploadCard } from './upload';
import { SURE, type CardField, type CardScanAnswer } from './types';

type Step = { kind: 'choose'; error?: string } | { kind: 'uploading'; share: number } | { kind: 'reading' } | { kind: 'review'; answer: CardScanAnswer };

const UNSURE_HINT = 'Read with less certainty: check it.';
const hintFor = (field: CardField<unknown> | null | undefined) => (field && field.confidence < SURE ? UNSURE_HINT : undefined);

interface Review {
  fullName: string;
  title: string;
  company: string;
  emails: string[];
  phones: { value: string; label: string | null }[];
  links: string[];
  address: string;
  notes: string;
}

function reviewOf(answer: CardScanAnswer): Review {
  const p = answer.person;
  return {
    fullName: p.fullName,
    title: p.title ?? '',
    company: p.company ?? '',
    emails: p.emails.map((e) => e.value),
    phones: p.phones.map((ph) => ({ value: ph.value, label: ph.label })),
    links: p.links.map((l) => l.value),
    address: p.addresses[0]?.value ?? '',
    notes: p.notes ?? '',
  };
}

function CardReview({ answer, onDone }: { answer: CardScanAnswer; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [review, setReview] = useState<Review>(() => reviewOf(answer));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const d = answer.scan.draft;
  const set = (patch: Partial<Review>) => setReview((r) => ({ ...r, ...patch }));
  const front = answer.scan.images.find((i) => i.side === 'front');

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const values = (list: string[]) => list.map((v) => v.trim()).filter(Boolean).map((value) => ({ value, label: null }));
    try {
      const saved = await api<{ person: Person }>('POST', `/cards/scans/${encodeURIComponent(answer.scan.id)}/save`, {
        fullName: review.fullName,
        title: review.title.trim() || null,
        company: review.company.trim() || null,
        emails: values(review.emails),
        phones: review.phones.filter((p) => p.value.trim()).map((p) => ({ value: p.value.trim(), label: p.label })),
        links: values(review.links),
        addresses: review.address.trim() ? [{ value: review.address.trim(), label: 'work' }] : [],
        notes: review.notes.trim() || null,
      });
      void queryClient.invalidateQueries();
      toast.show(`Saved ${saved.person.fullName}.`);
      navigate(`/people/${saved.person.id}`);
    } catch (error) {
      setErrors(formErrorsOf(error, ['fullName', 'title', 'company', 'emails', 'phones', 'links', 'addresses', 'notes']));
      setBusy(false);
    }
  }

  async function discard() {
    await api('DELETE', `/cards/scans/${encodeURIComponent(answer.scan.id)}`).catch(() => undefined);
    onDone();
  }

  return (
    <form onSubmit={save} noValidate aria-label="Review the card" className="card-review">
      {front ? <img className="card-picture" src={`/api/v1/cards/images/${front.id}`} alt="The card as Kith read it" width={front.width} height={front.height} /> : null}
      {answer.possibleDuplicates.map((dup) => (
        <p key={dup.personId} className="duplicate-warning" role="alert">
          {dup.message} <Link href={`/people/${dup.personId}`}>Open {dup.fullName}</Link>
        </p>
      ))}
      <FormError error={errors.form} />
      <Field label="Name" name="fullName" value={review.fullName} onChange={(e) => set({ fullName: e.target.value })} error={errors.fields.fullName ?? (d.name ? null : 'No name was found: type it in.')} hint={hintFor(d.name)} className={d.name && d.name.confidence >= SURE ? undefined : 'unsure'} />
      <div className="grid">
        <Field label="Title" name="title" value={review.title} onChange={(e) => set({ title: e.target.value })} error={errors.fields.title} hint={hintFor(d.title)} className={hintFor(d.title) ? 'unsure' : undefined} />
        <Field label="Company" name="company" value={review.company} onChange={(e) => set({ company: e.target.value })} error={errors.fields.company} hint={hintFor(d.company)} className={hintFor(d.company) ? 'unsure' : undefined} />
      </div>
      {review.emails.map((email, i) => (
        <Field key={`e${i}`} label={`E-mail ${i + 1}`} type="email" value={email} onChange={(e) => set({ emails: review.emails.map((v, j) => (j === i ? e.target.value : v)) })} hint={hintFor(d.emails[i])} className={hintFor(d.emails[i]) ? 'unsure' : undefined} error={i === 0 ? errors.fields.emails : undefined} />
      ))}
      {review.phones.map((phone, i) => (
        <Field
          key={`p${i}`}
          label={`Phone ${i + 1}${phone.label ? ` (${phone.label})` : ''}`}
          type="tel"
          value={phone.value}
          onChange={(e) => set({ phones: review.phones.map((v, j) => (j === i ? { ...v, value: e.target.value } : v)) })}
          hint={hintFor(d.phones[i])}
          className={hintFor(d.phones[i]) ? 'unsure' : undefined}
          error={i === 0 ? errors.fields.phones : undefined}
        />
      ))}
      {review.links.map((link, i) => (
        <Field key={`l${i}`} label={`Website ${i + 1}`} value={link} onChange={(e) => set({ links: review.links.map((v, j) => (j === i ? e.target.value : v)) })} hint={hintFor(d.websites[i])} className={hintFor(d.websites[i]) ? 'unsure' : undefined} error={i === 0 ? errors.fields.links : undefined} />
      ))}
      <Field label="Address" name="address" value={review.address} onChange={(e) => set({ address: e.target.value })} hint={hintFor(d.address)} className={hintFor(d.address) ? 'unsure' : undefined} error={errors.fields.addresses} />
      <TextArea label="Notes" name="notes" rows={3} value={review.notes} onChange={(e) => set({ notes: e.target.value })} hint="Lines of the card that fit no field are kept here." error={errors.fields.notes} />
      <p className="muted">Clear a field to leave it out.</p>
      <div className="row">
        <button type="submit" aria-busy={busy} disabled={busy}>
          Save
        </button>
        <button type="button" className="secondary outline" onClick={() => void discard()} disabled={busy}>
          Discard
        </button>
      </div>
    </form>
  );
}

export default function ScanCardScreen() {
  const online = useOnline();
  const current = useCurrentEvent();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const back = useRef<HTMLInputElement>(null);

  async function read(front: File) {
    setStep({ kind: 'uploading', share: 0 });
    try {
      const answer = await uploadCard({ front, back: back.current?.files?.[0] ?? null }, (share) => setStep(share < 1 ? { kind: 'uploading', share } : { kind: 'reading' }));
      setStep({ kind: 'review', answer });
    } catch (error) {
      setStep({ kind: 'choose', error: messageOf(error) });
    }
  }

  return (
    <>
      <PageTitle title="Scan a card" />
      {current.data?.event ? <p className="notice">They will count as met at {current.data.event.name}.</p> : null}
      {step.kind === 'choose' ? (
        <section aria-label="Take the photo">
          <FormError error={step.error} />
          {!online ? <p className="notice">Reading a card needs your Kith server: you are offline. Keep the card and scan it when you are back online, or type the person in.</p> : null}
          <p>Lay the card on a table, fill most of the photo with it, and avoid glare. Kith reads it on your server: nothing is sent anywhere else.</p>
          <label className="file-button">
            Take a photo of the card
            <input type="file" accept="image/*" capture="environment" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} disabled={!online} />
          </label>
          <details>
            <summary>The card has a back?</summary>
            <label>
              Photo of the back (optional; choose it before the front)
              <input ref={back} type="file" accept="image/*" capture="environment" />
            </label>
          </details>
          <p>
            <Link href="/capture">Type it in instead</Link>
          </p>
        </section>
      ) : step.kind === 'uploading' ? (
        <section aria-live="polite">
          <label>
            Sending the photo… {Math.round(step.share * 100)}%
            <progress value={step.share} max={1} />
          </label>
        </section>
      ) : step.kind === 'reading' ? (
        <section aria-live="polite">
          <label>
            Reading the card…
            <progress />
          </label>
        </section>
      ) : (
        <CardReview answer={step.answer} onDone={() => setStep({ kind: 'choose' })} />
      )}
    </>
  );
}
