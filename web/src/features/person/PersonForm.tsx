// Every field of a person, editable, with each error next to its field. Unsaved edits survive a lost session.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Person } from '../../api/types';
import { Field, FormError, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { useDraft } from '../../components/use-draft';

interface Labelled {
  value: string;
  label: string;
}

interface Draft {
  fullName: string;
  company: string;
  title: string;
  notes: string;
  introducedBy: string;
  cadenceDays: string;
  emails: Labelled[];
  phones: Labelled[];
  links: Labelled[];
  addresses: Labelled[];
}

const draftOf = (p: Person): Draft => ({
  fullName: p.fullName,
  company: p.company ?? '',
  title: p.title ?? '',
  notes: p.notes ?? '',
  introducedBy: p.introducedBy ?? '',
  cadenceDays: p.cadenceDays === null ? '' : String(p.cadenceDays),
  emails: p.emails.map((e) => ({ value: e.value, label: e.label ?? '' })),
  phones: p.phones.map((e) => ({ value: e.value, label: e.label ?? '' })),
  links: p.links.map((e) => ({ value: e.value, label: e.label ?? '' })),
  addresses: p.addresses.map((e) => ({ value: e.value, label: e.label ?? '' })),
});

const listOut = (list: Labelled[]) => list.filter((l) => l.value.trim()).map((l) => ({ value: l.value.trim(), label: l.label.trim() || null }));

function LabelledList({ legend, one, name, type, items, onChange, error }: { legend: string; one: string; name: string; type: string; items: Labelled[]; onChange: (items: Labelled[]) => void; error?: string | undefined }) {
  const set = (index: number, patch: Partial<Labelled>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item, index) => (
        <div className="labelled-row" key={index}>
          <Field label={`${one} ${index + 1}`} type={type} name={`${name}-${index}`} value={item.value} onChange={(e) => set(index, { value: e.target.value })} />
          <Field label="Label" name={`${name}-${index}-label`} value={item.label} placeholder="work" onChange={(e) => set(index, { label: e.target.value })} />
          <button type="button" className="secondary outline" aria-label={`Remove ${one.toLowerCase()} ${index + 1}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      {error ? (
        <small className="field-error" role="alert">
          {error}
        </small>
      ) : null}
      <button type="button" className="secondary outline" onClick={() => onChange([...items, { value: '', label: '' }])}>
        Add {one.toLowerCase()}
      </button>
    </fieldset>
  );
}

export function PersonForm({ person }: { person: Person }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`person:${person.id}:${person.updatedAt}`, draftOf(person));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const save = useMutation({
    mutationFn: () =>
      api('PATCH', `/people/${encodeURIComponent(person.id)}`, {
        fullName: draft.fullName,
        company: draft.company.trim() || null,
        title: draft.title.trim() || null,
        notes: draft.notes.trim() || null,
        introducedBy: draft.introducedBy.trim() || null,
        cadenceDays: draft.cadenceDays === '' ? null : Number(draft.cadenceDays),
        emails: listOut(draft.emails),
        phones: listOut(draft.phones),
        links: listOut(draft.links),
        addresses: listOut(draft.addresses),
      }),
    onSuccess: () => {
      clearDraft();
      setErrors(NO_ERRORS);
      toast.show('Saved.');
      void queryClient.invalidateQueries();
    },
    onError: (error) => setErrors(formErrorsOf(error, ['fullName', 'company', 'title', 'notes', 'introducedBy', 'cadenceDays', 'emails', 'phones', 'links', 'addresses'])),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const text = (field: 'fullName' | 'company' | 'title' | 'introducedBy' | 'cadenceDays') => ({
    value: draft[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.target.value })),
    error: errors.fields[field],
    name: field,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Details">
      <FormError error={errors.form} />
      <Field label="Full name" required autoComplete="off" {...text('fullName')} />
      <div className="grid">
        <Field label="Company" autoComplete="off" {...text('company')} />
        <Field label="Title" autoComplete="off" {...text('title')} />
      </div>
      <LabelledList legend="E-mails" one="E-mail" name="email" type="email" items={draft.emails} onChange={(emails) => setDraft((d) => ({ ...d, emails }))} error={errors.fields.emails} />
      <LabelledList legend="Phones" one="Phone" name="phone" type="tel" items={draft.phones} onChange={(phones) => setDraft((d) => ({ ...d, phones }))} error={errors.fields.phones} />
      <LabelledList legend="Links" one="Link" name="link" type="url" items={draft.links} onChange={(links) => setDraft((d) => ({ ...d, links }))} error={errors.fields.links} />
      <LabelledList legend="Addresses" one="Address" name="address" type="text" items={draft.addresses} onChange={(addresses) => setDraft((d) => ({ ...d, addresses }))} error={errors.fields.addresses} />
      <div className="grid">
        <Field label="Introduced by" autoComplete="off" {...text('introducedBy')} />
        <Field label="Keep in touch every … days" type="number" inputMode="numeric" min={1} max={3650} placeholder="stage default" {...text('cadenceDays')} />
      </div>
      <TextArea label="Notes" name="notes" rows={4} value={draft.notes} onChange={(e) => setDraft((d) => ({ ...d, notes: e.target.value }))} error={errors.fields.notes} />
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        Save changes
      </button>
    </form>
  );
}
