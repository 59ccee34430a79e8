// Sign in and sign up. After a lost session, sign-in says so and returns the person to where they were.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { PageTitle } from '../../components/Page';
import { takeReturnTo, useSession } from './session';

export const guessTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="container auth">
      <p className="brand-large">
        <img src="/icon.svg" alt="" width="48" height="48" /> Kith
      </p>
      <p className="tagline">Networking for people who hate networking.</p>
      <article>
        <PageTitle title={title} />
        {children}
      </article>
    </main>
  );
}

export function SignIn() {
  const { signIn, expired } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await signIn(email, password);
      navigate(takeReturnTo(), { replace: true });
    } catch (error) {
      setErrors(formErrorsOf(error, ['email', 'password']));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Sign in">
      {expired ? <p className="notice">Your session ended. Sign in again: what you were typing is kept.</p> : null}
      <form onSubmit={submit} noValidate>
        <FormError error={errors.form} />
        <Field label="E-mail" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Field label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
        <button type="submit" aria-busy={busy} disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </AuthFrame>
  );
}

export function SignUp() {
  const { signUp } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await signUp(email, password, guessTimeZone());
      navigate('/welcome', { replace: true });
    } catch (error) {
      setErrors(formErrorsOf(error, ['email', 'password']));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Create your account">
      <form onSubmit={submit} noValidate>
        <FormError error={errors.form} />
        <Field label="E-mail" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
          hint="At least 10 characters."
        />
        <button type="submit" aria-busy={busy} disabled={busy}>
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
