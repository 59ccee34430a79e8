// Phone sync (CardDAV): the server address, app passwords for each device (shown once, revocable), and the steps
// for an iPhone and for DAVx5 on Android. docs/carddav.md has the other clients.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import { Field } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { formatInstant } from '../../components/dates';
import type { AppPasswordList as AppPasswords, NewAppPassword } from '../../api/types';

const APP_PASSWORDS_KEY = ['app-passwords'] as const;

export function CardDav() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const passwords = useQuery({ queryKey: APP_PASSWORDS_KEY, queryFn: () => api<AppPasswords>('GET', '/app-passwords') });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    mutationFn: () => api<NewAppPassword>('POST', '/app-passwords', { name }),
    onSuccess: (result) => {
      setCreated({ name: result.record.name, password: result.password });
      setName('');
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries({ queryKey: APP_PASSWORDS_KEY });
    },
    onError: (error) => setErrors(formErrorsOf(error, ['name'])),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/app-passwords/${encodeURIComponent(id)}`),
    onSuccess: () => {
      toast.show('App password revoked: that device can no longer sync.');
      void queryClient.invalidateQueries({ queryKey: APP_PASSWORDS_KEY });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const origin = window.location.origin;
  const host = window.location.host;
  const info = passwords.data?.carddav;
  return (
    <section aria-labelledby="carddav-heading">
      <h2 id="carddav-heading">Phone sync (CardDAV)</h2>
      <p className="muted">
        Keep your phone&apos;s contacts and Kith in step, both ways: a person added, edited or deleted on either side changes on the other. Each device signs in with your e-mail and its own app
        password, never your Kith password.
      </p>
      <dl>
        <dt>Server</dt>
        <dd>
          <code>{origin}</code> (or just <code>{host}</code>)
        </dd>
        <dt>User name</dt>
        <dd>{info ? <code>{info.username}</code> : '…'}</dd>
        {info ? (
          <>
            <dt>Address book</dt>
            <dd>
              <code>
                {origin}
                {info.addressBook}
              </code>
            </dd>
          </>
        ) : null}
      </dl>
      {created ? (
        <p className="notice" role="status">
          The app password for {created.name} (type it into the device now, it will not be shown again): <code className="token">{created.password}</code>
        </p>
      ) : null}
      <ul className="plain" aria-label="App passwords">
        {(passwords.data?.items ?? []).map((p) => (
          <li key={p.id} className="row">
            <span>
              <strong>{p.name}</strong> <code>{p.prefix}…</code>{' '}
              <span className="muted">
                made {formatInstant(p.createdAt)}
                {p.lastUsedAt ? `, last synced ${formatInstant(p.lastUsedAt)}` : ', not used yet'}
              </span>
            </span>
            <button type="button" className="secondary outline" onClick={() => revoke.mutate(p.id)} aria-label={`Revoke the app password for ${p.name}`}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="inline-form" aria-label="New app password" noValidate>
        <Field label="Device" name="appPasswordName" value={name} onChange={(e) => setName(e.target.value)} placeholder="iPhone" error={errors.fields.name ?? errors.form} />
        <button type="submit" className="secondary" disabled={create.isPending || !name.trim()}>
          Create app password
        </button>
      </form>
      <details>
        <summary>iPhone or iPad</summary>
        <ol>
          <li>Create an app password above, named after the phone.</li>
          <li>
            Open <strong>Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account</strong>.
          </li>
          <li>
            Server: <code>{host}</code>; User name: your e-mail; Password: the app password. Tap <strong>Next</strong>.
          </li>
          <li>Your people appear in Contacts under the account; cards you add there land in Kith.</li>
        </ol>
      </details>
      <details>
        <summary>Android (DAVx5)</summary>
        <ol>
          <li>Install DAVx5 (F-Droid or Play Store) and create an app password above.</li>
          <li>
            In DAVx5 tap <strong>+</strong> → <strong>Login with URL and user name</strong>.
          </li>
          <li>
            Base URL: <code>{origin}/</code>; User name: your e-mail; Password: the app password. Tap <strong>Login</strong>, then <strong>Create account</strong>.
          </li>
          <li>
            Under <strong>CardDAV</strong> turn on the <strong>Kith</strong> address book; the contacts show up in your phone&apos;s Contacts app.
          </li>
        </ol>
      </details>
    </section>
  );
}
