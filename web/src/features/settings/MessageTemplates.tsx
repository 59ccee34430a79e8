// The words of drafted messages: one template per reason of a suggestion, with placeholders and optional parts.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import type { MessageTemplateView } from '../../api/types';
import { Field, TextArea } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';

const TITLES: Record<MessageTemplateView['reason'], string> = {
  first_follow_up: 'After meeting someone',
  cadence: 'Keeping in touch',
  promise: 'A promise I owe',
  share: 'Something to share',
};

function TemplateForm({ template }: { template: MessageTemplateView }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [words, setWords] = useState({ subject: template.subject, body: template.body, short: template.short });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const done = (message: string) => {
    setErrors(NO_ERRORS);
    toast.show(message);
    void queryClient.invalidateQueries({ queryKey: keys.templates });
    void queryClient.invalidateQueries({ queryKey: keys.suggestions });
    void queryClient.invalidateQueries({ queryKey: keys.followUps });
  };
  const save = useMutation({
    mutationFn: () => api<MessageTemplateView>('PUT', `/templates/${template.reason}`, words),
    onSuccess: () => done('Saved: your next drafts use these words.'),
    onError: (error) => setErrors(formErrorsOf(error, ['subject', 'body', 'short'])),
  });
  const reset = useMutation({
    mutationFn: () => api<MessageTemplateView>('DELETE', `/templates/${template.reason}`),
    onSuccess: (fresh) => {
      setWords({ subject: fresh.subject, body: fresh.body, short: fresh.short });
      done("Back to Kith's words.");
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = TITLES[template.reason];
  return (
    <details>
      <summary>
        {title}
        {template.isDefault ? null : <span className="muted"> · your words</span>}
      </summary>
      <form onSubmit={submit} aria-label={`Template: ${title}`} noValidate>
        <Field label="Subject" name={`${template.reason}-subject`} value={words.subject} onChange={(e) => setWords({ ...words, subject: e.target.value })} error={errors.fields.subject} />
        <TextArea label="E-mail" name={`${template.reason}-body`} rows={8} value={words.body} onChange={(e) => setWords({ ...words, body: e.target.value })} error={errors.fields.body ?? errors.form} />
        <Field label="Text message" name={`${template.reason}-short`} value={words.short} onChange={(e) => setWords({ ...words, short: e.target.value })} error={errors.fields.short} />
        <p className="muted">
          Placeholders:{' '}
          {template.placeholders.map((p, i) => (
            <span key={p.name}>
              {i > 0 ? ', ' : ''}
              <code>{`{${p.name}}`}</code> {p.meaning}
            </span>
          ))}
          . A part in <code>[[ ]]</code> is left out when a placeholder in it is empty: <code>Great to meet you[[ at {'{event}'}]]</code>.
        </p>
        <div className="row">
          <button type="submit" disabled={save.isPending}>
            Save
          </button>
          {template.isDefault ? null : (
            <button type="button" className="secondary outline" onClick={() => reset.mutate()} disabled={reset.isPending}>
              Use Kith's words
            </button>
          )}
        </div>
      </form>
    </details>
  );
}

export function MessageTemplates() {
  const templates = useQuery({ queryKey: keys.templates, queryFn: () => api<{ items: MessageTemplateView[] }>('GET', '/templates') });
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">Drafted messages</h2>
      <p className="muted">The words Kith drafts for each suggestion. Change them to sound like you.</p>
      {templates.isError ? <p role="alert">{messageOf(templates.error)}</p> : null}
      {templates.data?.items.map((t) => <TemplateForm key={t.reason} template={t} />)}
    </section>
  );
}
