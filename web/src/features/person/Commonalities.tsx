// What we have in common: the hooks that keep a relationship alive ("loves opera", "hiring engineers").
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import { COMMONALITY_KINDS, type Commonality } from '../../api/types';
import { Field, Select } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';

export function Commonalities({ personId, items }: { personId: string; items: Commonality[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<string>('interest');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const path = `/people/${encodeURIComponent(personId)}/commonalities`;
  const add = useMutation({
    mutationFn: (sent: { kind: string; text: string }) => api('POST', path, sent),
    // Only what was sent is cleared: a next one typed while this was on its way stays.
    onSuccess: (_saved, sent) => {
      setText((now) => (now === sent.text ? '' : now));
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries();
    },
    onError: (error) => setErrors(formErrorsOf(error, ['text', 'kind'])),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `${path}/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => toast.show(messageOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ kind, text });
  };
  // Read from the notes and latest touches; nothing is added until the person taps one.
  const hints = useQuery({
    queryKey: ['people', personId, 'commonality-suggestions'],
    queryFn: () => api<{ items: { kind: string; text: string; source: string }[] }>('GET', `/people/${encodeURIComponent(personId)}/commonality-suggestions`),
  });
  const accept = useMutation({
    mutationFn: (hint: { kind: string; text: string }) => api('POST', path, { kind: hint.kind, text: hint.text }),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => toast.show(messageOf(error)),
  });
  return (
    <section aria-labelledby="common-heading">
      <h2 id="common-heading">In common</h2>
      {items.length === 0 ? <p className="empty">Nothing yet. What did you talk about?</p> : null}
      <ul className="chips">
        {items.map((c) => (
          <li key={c.id} className="chip">
            <span className="muted">{c.kind}:</span> {c.text}
            <button type="button" className="chip-remove" aria-label={`Remove ${c.text}`} onClick={() => remove.mutate(c.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {hints.data && hints.data.items.length > 0 ? (
        <div className="row wrap" role="group" aria-label="Suggested from your notes">
          <span className="muted">Suggested from your notes:</span>
          {hints.data.items.map((h) => (
            <button
              key={`${h.kind}:${h.text}`}
              type="button"
              className="chip secondary outline"
              title={`From “${h.source}”`}
              aria-label={`Add ${h.kind}: ${h.text}`}
              disabled={accept.isPending}
              onClick={() => accept.mutate(h)}
            >
              + {h.kind}: {h.text}
            </button>
          ))}
        </div>
      ) : null}
      <form onSubmit={submit} className="inline-form" aria-label="Add something in common" noValidate>
        <Select label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} error={errors.fields.kind}>
          {COMMONALITY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </Select>
        <Field label="What" name="commonality" value={text} onChange={(e) => setText(e.target.value)} placeholder="opera" error={errors.fields.text ?? errors.form} />
        <button type="submit" className="secondary" disabled={add.isPending || !text.trim()}>
          Add
        </button>
      </form>
    </section>
  );
}
