// Settings: how often to keep in touch per stage, the follow-up window, time zone, API tokens, the export of all
// my data, light or dark, and signing out.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys, useSettings } from '../../api/queries';
import { STAGES, type Settings, type Stage } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { useDraft } from '../../components/use-draft';
import { applyTheme, storedTheme, type Theme } from '../../components/theme';
import { useSession } from '../auth/session';
import { TimeZoneSelect } from './TimeZoneSelect';
import { pendingCaptures } from '../../offline/capture-queue';
import { MessageTemplates } from './MessageTemplates';
import { Tokens } from './Tokens';
import { CalendarFeed } from './CalendarFeed';
import { Digest } from './Digest';
import { CardDav } from './CardDav';
import { Link } from 'wouter';

const CADENCE_STAGES = STAGES;
type Cadences = Record<Stage, string>;

interface Draft {
  timeZone: string;
  followUpWindowDays: string;
  promiseDefaultDays: string;
  defaultGoal: string;
  dailySuggestions: string;
  defaultRegion: string;
  cadenceDays: Cadences;
}

const draftOf = (s: Settings): Draft => ({
  timeZone: s.timeZone,
  followUpWindowDays: String(s.followUpWindowDays),
  promiseDefaultDays: String(s.promiseDefaultDays),
  defaultGoal: String(s.defaultGoal),
  dailySuggestions: String(s.dailySuggestions),
  defaultRegion: s.defaultRegion,
  cadenceDays: Object.fromEntries(CADENCE_STAGES.map((stage) => [stage, s.cadenceDays[stage] === null ? '' : String(s.cadenceDays[stage])])) as Cadences,
});

function SettingsForm({ settings }: { settings: Settings }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`settings:${settings.timeZone}`, draftOf(settings));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const save = useMutation({
    mutationFn: () =>
      api<Settings>('PATCH', '/settings', {
        timeZone: draft.timeZone,
        followUpWindowDays: Number(draft.followUpWindowDays),
        promiseDefaultDays: Number(draft.promiseDefaultDays),
        defaultGoal: Number(draft.defaultGoal),
        dailySuggestions: Number(draft.dailySuggestions),
        defaultRegion: draft.defaultRegion.trim().toUpperCase(),
        cadenceDays: Object.fromEntries(CADENCE_STAGES.map((stage) => [stage, draft.cadenceDays[stage] === '' ? null : Number(draft.cadenceDays[stage])])),
      }),
    onSuccess: (saved) => {
      clearDraft();
      setErrors(NO_ERRORS);
      queryClient.setQueryData(keys.settings, saved);
      void queryClient.invalidateQueries();
      toast.show('Settings saved. Follow-ups are recomputed.');
    },
    onError: (error) => setErrors(formErrorsOf(error, ['timeZone', 'followUpWindowDays', 'promiseDefaultDays', 'defaultGoal', 'dailySuggestions', 'defaultRegion', 'cadenceDays'])),
  });
  const number = (field: 'followUpWindowDays' | 'promiseDefaultDays' | 'defaultGoal' | 'dailySuggestions') => ({
    type: 'number',
    inputMode: 'numeric' as const,
    name: field,
    value: draft[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.target.value })),
    error: errors.fields[field],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Said here in words a person reads; the server would refuse it too, in a regular expression's terms.
    if (!/^[A-Za-z]{2}$/.test(draft.defaultRegion.trim())) {
      setErrors({ fields: { defaultRegion: 'Use two letters: a country code such as GB, US or DE.' }, form: null });
      return;
    }
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Follow-up settings">
      <FormError error={errors.form} />
      <TimeZoneSelect value={draft.timeZone} onChange={(timeZone) => setDraft((d) => ({ ...d, timeZone }))} error={errors.fields.timeZone} />
      <div className="grid">
        <Field label="Suggestions a day" min={1} max={50} {...number('dailySuggestions')} />
        <Field label="Goal for a new event" min={0} max={1000} {...number('defaultGoal')} />
      </div>
      <div className="grid">
        <Field label="Follow-up window (days)" min={1} max={60} hint="How many days ahead a follow-up shows as coming up." {...number('followUpWindowDays')} />
        <Field label="Days to keep a promise" min={1} max={365} hint="For promises made without a date." {...number('promiseDefaultDays')} />
      </div>
      <Field
        label="Phone region"
        name="defaultRegion"
        maxLength={2}
        value={draft.defaultRegion}
        onChange={(e) => setDraft((d) => ({ ...d, defaultRegion: e.target.value }))}
        error={errors.fields.defaultRegion}
        hint="Two letters (GB, US, DE): how to read phone numbers typed without a country code."
      />
      <fieldset>
        <legend>Keep in touch every … days, by stage</legend>
        {errors.fields.cadenceDays ? (
          <small className="field-error" role="alert">
            {errors.fields.cadenceDays}
          </small>
        ) : null}
        <div className="grid cadences">
          {CADENCE_STAGES.map((stage) => (
            <Field
              key={stage}
              label={stage}
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              placeholder="never"
              value={draft.cadenceDays[stage]}
              onChange={(e) => setDraft((d) => ({ ...d, cadenceDays: { ...d.cadenceDays, [stage]: e.target.value } }))}
            />
          ))}
        </div>
      </fieldset>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        Save settings
      </button>
    </form>
  );
}

function ThemeChoice() {
  const [theme, setTheme] = useState<Theme>(storedTheme());
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
  };
  return (
    <fieldset className="row wrap">
      <legend>Appearance</legend>
      {(['auto', 'light', 'dark'] as const).map((t) => (
        <label key={t} className="checkbox">
          <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => choose(t)} />
          {t === 'auto' ? 'As my device' : t === 'light' ? 'Light' : 'Dark'}
        </label>
      ))}
    </fieldset>
  );
}

export default function SettingsScreen() {
  const settings = useSettings();
  const { account, signOut } = useSession();
  return (
    <>
      <PageTitle title="Settings" />
      {settings.isPending ? <Loading what="settings" /> : settings.data ? <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} /> : null}
      <section aria-labelledby="look-heading">
        <h2 id="look-heading">Look</h2>
        <ThemeChoice />
      </section>
      <Tokens />
      <CardDav />
      <MessageTemplates />
      <CalendarFeed />
      <Digest />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Your data</h2>
        <p>Everything you keep in Kith, as one JSON file: people, what you have in common, promises, touches, events and settings.</p>
        <a role="button" className="secondary" href="/api/v1/export" download>
          Export all my data
        </a>
        <p>Your contacts for a phone, Google or Outlook: vCard (3.0 for most programs, 4.0 for newer ones) or CSV with Google Contacts' columns.</p>
        <div className="row wrap">
          <a role="button" className="secondary outline" href="/api/v1/export?format=vcard&version=3.0" download>
            Contacts as vCard 3.0
          </a>
          <a role="button" className="secondary outline" href="/api/v1/export?format=vcard&version=4.0" download>
            vCard 4.0
          </a>
          <a role="button" className="secondary outline" href="/api/v1/export?format=csv" download>
            CSV
          </a>
        </div>
        <p>
          <Link href="/import">Import contacts</Link> from a phone, Google, Outlook or LinkedIn export.
        </p>
      </section>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <p>Signed in as {account?.email}.</p>
        <button
          type="button"
          className="secondary outline"
          onClick={() => {
            const waiting = pendingCaptures().filter((p) => !p.error).length;
            if (waiting > 0 && !window.confirm(`${waiting} ${waiting === 1 ? 'person is' : 'people are'} saved on this phone and not sent yet. Signing out discards them. Sign out anyway?`)) return;
            void signOut();
          }}
        >
          Sign out
        </button>
      </section>
    </>
  );
}
