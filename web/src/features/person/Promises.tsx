// Promises: what I owe them (the ones that build trust when kept) and what they owe me.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import type { PromiseItem } from '../../api/types';
import { Field, Select } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { formatDay } from '../../components/dates';

export function Promises({ personId, items }: { personId: string; items: PromiseItem[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [direction, setDirection] = useState('i_owe');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const add = useMutation({
    mutationFn: (sent: { text: string; direction: string; dueOn: string }) =>
      api('POST', `/people/${encodeURIComponent(personId)}/promises`, { text: sent.text, direction: sent.direction, dueOn: sent.dueOn || null }),
    // Only what was sent is cleared: a next one typed while this was on its way stays.
    onSuccess: (_saved, sent) => {
      setText((now) => (now === sent.text ? '' : now));
      setDueOn((now) => (now === sent.dueOn ? '' : now));
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries();
    },
    onError: (error) => setErrors(formErrorsOf(error, ['text', 'dueOn', 'direction'])),
  });
  const toggle = useMutation({
    mutationFn: (p: PromiseItem) => api('POST', `/promises/${encodeURIComponent(p.id)}/done`, { done: !p.doneAt }),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => toast.show(messageOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ text, direction, dueOn });
  };
  return (
    <section aria-labelledby="promises-person-heading">
      <h2 id="promises-person-heading">Promises</h2>
      {items.length === 0 ? <p className="empty">No promises.</p> : null}
      <ul className="plain">
        {items.map((p) => (
          <li key={p.id}>
            <label className="checkbox">
              <input type="checkbox" checked={Boolean(p.doneAt)} onChange={() => toggle.mutate(p)} />
              <span className={p.doneAt ? 'done' : undefined}>
                {p.direction === 'i_owe' ? 'I promised' : 'They promised'}: {p.text}
              </span>{' '}
              <span className="muted">due {formatDay(p.effectiveDueOn)}</span>
            </label>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="inline-form" aria-label="Add a promise" noValidate>
        <Select label="Who" value={direction} onChange={(e) => setDirection(e.target.value)}>
          <option value="i_owe">I promised</option>
          <option value="they_owe">They promised</option>
        </Select>
        <Field label="Promise" name="promise" value={text} onChange={(e) => setText(e.target.value)} placeholder="send the white paper" error={errors.fields.text ?? errors.form} />
        <Field label="Due" type="date" name="dueOn" value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={errors.fields.dueOn} />
        <button type="submit" className="secondary" disabled={add.isPending || !text.trim()}>
          Add
        </button>
      </form>
    </section>
  );
}
