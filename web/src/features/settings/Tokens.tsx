// API tokens for scripts and the command line (`kith --server URL --token T`): shown once, stored hashed.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import type { ApiToken } from '../../api/types';
import { Field } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { formatInstant } from '../../components/dates';

export function Tokens() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: () => api<{ items: ApiToken[] }>('GET', '/tokens') });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    mutationFn: () => api<{ token: string; record: ApiToken }>('POST', '/tokens', { name }),
    onSuccess: (result) => {
      setCreated(result.token);
      setName('');
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (error) => setErrors(formErrorsOf(error, ['name'])),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => {
      toast.show('Token revoked: it no longer works.');
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const live = tokens.data?.items.filter((t) => !t.revokedAt) ?? [];
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">For scripts and the command line on another machine. A token is shown once; revoke it when you no longer need it.</p>
      {created ? (
        <p className="notice" role="status">
          Your new token (copy it now, it will not be shown again): <code className="token">{created}</code>
        </p>
      ) : null}
      <ul className="plain">
        {live.map((t) => (
          <li key={t.id} className="row">
            <span>
              <strong>{t.name}</strong> <code>{t.prefix}…</code> <span className="muted">made {formatInstant(t.createdAt)}{t.lastUsedAt ? `, last used ${formatInstant(t.lastUsedAt)}` : ''}</span>
            </span>
            <button type="button" className="secondary outline" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke ${t.name}`}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="inline-form" aria-label="New API token" noValidate>
        <Field label="Token name" name="tokenName" value={name} onChange={(e) => setName(e.target.value)} placeholder="laptop script" error={errors.fields.name ?? errors.form} />
        <button type="submit" className="secondary" disabled={create.isPending || !name.trim()}>
          Create token
        </button>
      </form>
    </section>
  );
}
