// First run: only the two things Kith cannot guess well. The time zone is guessed from the browser.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { api } from '../../api/client';
import { keys, useSettings } from '../../api/queries';
import type { Settings } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { PageTitle } from '../../components/Page';
import { TimeZoneSelect } from '../settings/TimeZoneSelect';
import { guessTimeZone } from './AuthScreens';

export function Welcome() {
  const settings = useSettings();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [timeZone, setTimeZone] = useState(guessTimeZone());
  const [goal, setGoal] = useState('3');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api<Settings>('PATCH', '/settings', { timeZone, defaultGoal: Number(goal), onboarded: true });
      queryClient.setQueryData(keys.settings, saved);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(formErrorsOf(error, ['timeZone', 'defaultGoal']));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="container auth">
      <article>
        <PageTitle title="Welcome to Kith" />
        <p>Two questions, then you are ready for your next event.</p>
        <form onSubmit={submit} noValidate>
          <FormError error={errors.form} />
          <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={errors.fields.timeZone} hint="Follow-ups are due on your days, in your time zone." />
          <Field
            label="How many new people is a good goal for one event?"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            value={goal}
            onChange={(e) => setGoal(e.target.value)}
            error={errors.fields.defaultGoal}
            hint="Three is plenty for most people. You can change it for each event."
          />
          <button type="submit" aria-busy={busy} disabled={busy || settings.isPending}>
            Start
          </button>
        </form>
      </article>
    </main>
  );
}
