// Host: the organizations I am a member of, with my role, and a new one (I become its owner).
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, messageOf } from '../../api/client';
import type { Organization } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { organizerKeys, ROLE_WORDS, useOrganizations } from './organizer-api';

function NewOrganization() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    mutationFn: () => api<{ organization: Organization }>('POST', '/organizations', { name: name.trim() }),
    onSuccess: ({ organization }) => {
      void queryClient.invalidateQueries({ queryKey: organizerKeys.all });
      navigate(`/host/${organization.id}`);
    },
    onError: (error) => setErrors(formErrorsOf(error, ['name'])),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="New organization">
      <FormError error={errors.form} />
      <Field label="Organization name" name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="Riverside Chamber of Commerce" error={errors.fields.name} />
      <button type="submit" aria-busy={create.isPending} disabled={create.isPending || !name.trim()}>
        Create organization
      </button>
    </form>
  );
}

export default function HostScreen() {
  const organizations = useOrganizations();
  const items = organizations.data?.items ?? [];
  return (
    <>
      <PageTitle title="Host" />
      <p className="muted">Run your chapter's events: a public page to register, a waitlist that fills freed seats, and e-mails in your organization's name.</p>
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">Your organizations</h2>
        {organizations.isPending ? <Loading what="your organizations" /> : null}
        {organizations.isError ? <p className="form-error" role="alert">{messageOf(organizations.error)}</p> : null}
        {organizations.data && items.length === 0 ? <p className="empty">None yet. Create one below, or ask an owner to add you by your account's e-mail.</p> : null}
        {items.length ? (
          <ul className="plain org-list">
            {items.map((o) => (
              <li key={o.id}>
                <Link href={`/host/${o.id}`}>{o.name}</Link> <span className="badge">{ROLE_WORDS[o.role]}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="new-org-heading">
        <h2 id="new-org-heading">New organization</h2>
        <NewOrganization />
      </section>
    </>
  );
}
