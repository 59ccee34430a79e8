// Duplicates: the pairs Kith thinks may be one person, best first, with the evidence; a merge view with both people
// side by side and a choice per field; Undo in a toast after merging; "Not the same person" hides a pair for good.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import type { Person } from '../../api/types';

interface PairSide { id: string; fullName: string; company: string | null; title: string | null; emails: string[]; phones: string[] }
interface Pair { a: PairSide; b: PairSide; confidence: number; certain: boolean; evidence: string[] }
interface MergeDone { merge: { id: string; keptName: string; mergedName: string }; person: Person }

const duplicatesKey = ['duplicates'] as const;

type Side = 'keep' | 'merge';
type ListSide = Side | 'both';

const SCALARS: { field: string; label: string; value: (p: Person) => string }[] = [
  { field: 'fullName', label: 'Name', value: (p) => p.fullName },
  { field: 'company', label: 'Company', value: (p) => p.company ?? '' },
  { field: 'title', label: 'Title', value: (p) => p.title ?? '' },
  { field: 'stage', label: 'Stage', value: (p) => p.stage },
  { field: 'introducedBy', label: 'Introduced by', value: (p) => p.introducedBy ?? '' },
];
const LISTS: { field: string; label: string; value: (p: Person) => string }[] = [
  { field: 'notes', label: 'Notes', value: (p) => p.notes ?? '' },
  { field: 'emails', label: 'E-mails', value: (p) => p.emails.map((e) => e.value).join(', ') },
  { field: 'phones', label: 'Phones', value: (p) => p.phones.map((e) => e.value).join(', ') },
  { field: 'links', label: 'Links', value: (p) => p.links.map((e) => e.value).join(', ') },
  { field: 'addresses', label: 'Addresses', value: (p) => p.addresses.map((e) => e.value).join(', ') },
  { field: 'commonalities', label: 'Commonalities', value: (p) => p.commonalities.map((c) => c.text).join(', ') },
];

function who(p: PairSide): string {
  return p.company ? `${p.fullName} (${p.company})` : p.fullName;
}

function MergeView({ pair, onClose }: { pair: Pair; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [keepId, setKeepId] = useState(pair.a.id);
  const mergeId = keepId === pair.a.id ? pair.b.id : pair.a.id;
  const [choices, setChoices] = useState<Record<string, ListSide>>({});
  const people = useQuery({
    queryKey: [...duplicatesKey, 'compare', pair.a.id, pair.b.id],
    queryFn: async () => {
      const [a, b] = await Promise.all([pair.a.id, pair.b.id].map((id) => api<{ person: Person }>('GET', `/people/${encodeURIComponent(id)}`)));
      return { [pair.a.id]: a!.person, [pair.b.id]: b!.person } as Record<string, Person>;
    },
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: duplicatesKey });
    void queryClient.invalidateQueries({ queryKey: keys.people });
  };
  const undo = useMutation({
    mutationFn: (id: string) => api('POST', `/merges/${encodeURIComponent(id)}/undo`),
    onSuccess: () => {
      toast.show('Merge undone: both people are back as they were.');
      refresh();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const merge = useMutation({
    mutationFn: () => api<MergeDone>('POST', '/merges', { keep: keepId, merge: mergeId, fields: choices }),
    onSuccess: ({ merge: done }) => {
      toast.show(`Merged ${done.mergedName} into ${done.keptName}.`, { label: 'Undo', run: () => undo.mutate(done.id) });
      refresh();
      onClose();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  if (people.isPending) return <p aria-live="polite">Loading both people…</p>;
  if (people.isError) return <p className="form-error" role="alert">{messageOf(people.error)}</p>;
  const keep = people.data[keepId]!;
  const other = people.data[mergeId]!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    merge.mutate();
  };
  const defaultScalar = (value: (p: Person) => string): Side => (value(keep) === '' && value(other) !== '' ? 'merge' : 'keep');
  // The merged person's name, as chosen: what the histories will be found under.
  const mergedName = ((choices.fullName as Side | undefined) ?? defaultScalar((p) => p.fullName)) === 'merge' ? other.fullName : keep.fullName;
  const radio = (field: string, side: ListSide, checked: boolean, label: string) => (
    <label className="checkbox">
      <input type="radio" name={field} value={side} checked={checked} onChange={() => setChoices((c) => ({ ...c, [field]: side }))} />
      <span>{label || '—'}</span>
    </label>
  );
  return (
    <form onSubmit={submit} aria-label={`Merge ${keep.fullName} and ${other.fullName}`} className="merge-view">
      <fieldset>
        <legend>Who to keep (the other is merged into them, and can come back with Undo)</legend>
        {[pair.a, pair.b].map((p) => (
          <label key={p.id} className="checkbox">
            <input type="radio" name="keep" value={p.id} checked={keepId === p.id} onChange={() => setKeepId(p.id)} />
            <span>{who(p)}</span>
          </label>
        ))}
      </fieldset>
      {SCALARS.map(({ field, label, value }) => {
        if (value(keep) === value(other)) return null;
        const chosen = (choices[field] as Side | undefined) ?? defaultScalar(value);
        return (
          <fieldset key={field}>
            <legend>{label}</legend>
            {radio(field, 'keep', chosen === 'keep', value(keep))}
            {radio(field, 'merge', chosen === 'merge', value(other))}
          </fieldset>
        );
      })}
      {LISTS.map(({ field, label, value }) => {
        if (value(keep) === value(other)) return null;
        const chosen = choices[field] ?? 'both';
        return (
          <fieldset key={field}>
            <legend>{label}</legend>
            {radio(field, 'both', chosen === 'both', 'Both, without repeats')}
            {radio(field, 'keep', chosen === 'keep', value(keep))}
            {radio(field, 'merge', chosen === 'merge', value(other))}
          </fieldset>
        );
      })}
      <p className="muted">Touches, promises, events met, stage history and card images of both stay, on {mergedName}.</p>
      <div className="row wrap">
        <button type="submit" disabled={merge.isPending}>
          Merge
        </button>
        <button type="button" className="secondary outline" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PairRow({ pair }: { pair: Pair }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const dismiss = useMutation({
    mutationFn: () => api('POST', '/duplicates/dismiss', { a: pair.a.id, b: pair.b.id }),
    onSuccess: () => {
      toast.show(`${pair.a.fullName} and ${pair.b.fullName} will not be suggested as the same person again.`);
      void queryClient.invalidateQueries({ queryKey: duplicatesKey });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const headingId = `pair-${pair.a.id}-${pair.b.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <Link href={`/people/${pair.a.id}`}>{who(pair.a)}</Link> and <Link href={`/people/${pair.b.id}`}>{who(pair.b)}</Link>
      </h2>
      <p className="muted">{pair.certain ? 'Certainly the same person' : `Likely the same person (${Math.round(pair.confidence * 100)}%)`}</p>
      <ul aria-label="Evidence">
        {pair.evidence.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      {open ? (
        <MergeView pair={pair} onClose={() => setOpen(false)} />
      ) : (
        <div className="row wrap">
          <button type="button" onClick={() => setOpen(true)}>
            Compare and merge
          </button>
          <button type="button" className="secondary outline" onClick={() => dismiss.mutate()} disabled={dismiss.isPending}>
            Not the same person
          </button>
        </div>
      )}
    </li>
  );
}

export default function DuplicatesScreen() {
  const pairs = useQuery({ queryKey: [...duplicatesKey, 'list'], queryFn: () => api<{ items: Pair[]; total: number }>('GET', '/duplicates?limit=50') });
  return (
    <>
      <PageTitle title="Duplicates" />
      <p className="muted">People who may be the same person, best first. Nothing is merged until you say so, and every merge can be undone.</p>
      {pairs.isPending ? <p aria-live="polite">Looking for duplicates…</p> : null}
      {pairs.isError ? (
        <p className="form-error" role="alert">
          {messageOf(pairs.error)}
        </p>
      ) : null}
      {pairs.data && pairs.data.items.length === 0 ? <p className="empty">No duplicates found.</p> : null}
      {pairs.data && pairs.data.items.length > 0 ? (
        <>
          <p className="muted">{pairs.data.total === 1 ? '1 pair' : `${pairs.data.total.toLocaleString()} pairs`}{pairs.data.total > pairs.data.items.length ? `, the first ${pairs.data.items.length} shown` : ''}.</p>
          <ul className="cards" aria-label="Possible duplicates, best first">
            {pairs.data.items.map((p) => (
              <PairRow key={`${p.a.id} ${p.b.id}`} pair={p} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
