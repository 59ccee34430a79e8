// A name and one hook, in under ten seconds with one thumb: big fields at the bottom, Enter moves on, and the
// capture is kept on the phone until the server has it.
import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { useDraft } from '../../components/use-draft';
import { captureLine } from '../../offline/capture-queue';
import { sentence } from '../../api/client';

export function QuickAdd({ eventId }: { eventId: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const nameInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft, clearDraft] = useDraft(`quick-add:${eventId}`, { name: '', hook: '' });
  // What the fields hold now, read after an add comes back: the next person may have been typed meanwhile.
  const current = useRef(draft);
  current.current = draft;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = draft.name.trim();
    if (!name) {
      setError('Type a name (a first name is enough).');
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const submitted = draft;
    const hook = draft.hook.trim();
    const outcome = await captureLine(hook ? `${name}, ${hook}` : name, eventId);
    setBusy(false);
    if (outcome.status === 'refused') {
      setError(sentence(outcome.error.message));
      return;
    }
    // On a slow network the add can take seconds, and the next name is often typed by then: that is kept, and the
    // focus stays where the person is typing.
    if (current.current.name === submitted.name && current.current.hook === submitted.hook) {
      clearDraft();
      nameInput.current?.focus();
    }
    if (outcome.status === 'sent') {
      await queryClient.invalidateQueries();
      toast.show(`Added ${outcome.result.person.fullName}.`);
    } else {
      toast.show(`${name} is saved on this phone and will be sent when you are back online.`);
    }
  }

  return (
    <form className="quick-add" onSubmit={submit} aria-label="Quick add" noValidate>
      <Field
        ref={nameInput}
        label="Name"
        name="name"
        autoComplete="off"
        autoCapitalize="words"
        enterKeyHint="next"
        value={draft.name}
        onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
        error={error}
        placeholder="e.g. Jane Doe"
      />
      <Field
        label="One thing to remember"
        name="hook"
        autoComplete="off"
        enterKeyHint="done"
        value={draft.hook}
        onChange={(e) => setDraft((d) => ({ ...d, hook: e.target.value }))}
        placeholder="e.g. loves opera, hiring engineers"
      />
      <button type="submit" className="big" aria-busy={busy} disabled={busy}>
        Add
      </button>
    </form>
  );
}
