// An organization's members: everyone sees who is in it; owners add people by their account's e-mail, change roles
// and remove members. The API refuses to leave the organization without an owner (409): said in its words.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { api, ApiError, messageOf, sentence } from '../../api/client';
import type { OrganizationDetail, OrganizationMember, OrgRole } from '../../api/types';
import { useSession } from '../auth/session';
import { Field, FormError, Select } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import { may, organizerKeys, orgPath, ROLE_WORDS } from './organizer-api';

const ROLES: OrgRole[] = ['owner', 'organizer', 'door'];

function RoleOptions() {
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_WORDS[role]}
        </option>
      ))}
    </>
  );
}

function AddMember({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRole>('organizer');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const add = useMutation({
    mutationFn: () => api('PUT', `${orgPath(orgId)}/members`, { email: email.trim(), role }),
    onSuccess: () => {
      toast.show(`${email.trim()} is now a member (${ROLE_WORDS[role].toLowerCase()}).`);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: organizerKeys.organization(orgId) });
    },
    onError: (error) =>
      setErrors(error instanceof ApiError && error.code === 'KITH_ACCOUNT_NOT_FOUND' ? { fields: { email: sentence(error.message) }, form: null } : formErrorsOf(error, ['email', 'role'])),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a member" className="add-member">
      <FormError error={errors.form} />
      <div className="grid">
        <Field label="Their account's e-mail" name="email" type="email" inputMode="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} hint="They sign up to Kith first." />
        <Select label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as OrgRole)} error={errors.fields.role}>
          <RoleOptions />
        </Select>
      </div>
      <button type="submit" aria-busy={add.isPending} disabled={add.isPending || !email.trim()}>
        Add member
      </button>
    </form>
  );
}

function MemberRow({ orgId, member, canManage, isMe }: { orgId: string; member: OrganizationMember; canManage: boolean; isMe: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: organizerKeys.all });
  const change = useMutation({
    mutationFn: (role: OrgRole) => api('PUT', `${orgPath(orgId)}/members`, { email: member.email, role }),
    onSuccess: (_data, role) => {
      setError(null);
      toast.show(`${member.email} is now ${ROLE_WORDS[role].toLowerCase()}.`);
      void refresh();
    },
    onError: (e) => setError(messageOf(e)),
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `${orgPath(orgId)}/members/${encodeURIComponent(member.accountId)}`),
    onSuccess: () => {
      setError(null);
      toast.show(isMe ? 'You left the organization.' : `${member.email} was removed.`);
      void refresh();
      if (isMe) navigate('/host');
    },
    onError: (e) => setError(messageOf(e)),
  });
  const errorId = `member-error-${member.accountId}`;
  return (
    <li className="member">
      <span className="member-email">
        {member.email}
        {isMe ? <span className="muted"> (you)</span> : null}
      </span>
      <span className="row member-actions">
        {canManage ? (
          <select aria-label={`Role of ${member.email}`} value={member.role} disabled={change.isPending} aria-describedby={error ? errorId : undefined} onChange={(e) => change.mutate(e.target.value as OrgRole)}>
            <RoleOptions />
          </select>
        ) : (
          <span className="badge">{ROLE_WORDS[member.role]}</span>
        )}
        {canManage || isMe ? (
          <button type="button" className="secondary outline" disabled={remove.isPending} onClick={() => remove.mutate()} aria-label={isMe ? 'Leave the organization' : `Remove ${member.email}`}>
            {isMe ? 'Leave' : 'Remove'}
          </button>
        ) : null}
      </span>
      {error ? (
        <small id={errorId} className="field-error member-error" role="alert">
          {error}
        </small>
      ) : null}
    </li>
  );
}

export function Members({ orgId, detail }: { orgId: string; detail: OrganizationDetail }) {
  const { account } = useSession();
  const canManage = may.manageMembers(detail.organization.role);
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ul className="plain members" aria-label="Members">
        {detail.members.map((m) => (
          <MemberRow key={m.accountId} orgId={orgId} member={m} canManage={canManage} isMe={m.accountId === account?.id} />
        ))}
      </ul>
      {canManage ? <AddMember orgId={orgId} /> : null}
    </section>
  );
}
