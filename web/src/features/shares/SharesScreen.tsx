// Things to share: add a show in town or an article with its topics, then see who it fits best, with the reason,
// and send it (logged as a touch, with a drafted e-mail) or set it aside for someone ("not for them").
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, messageOf, query } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { PageTitle } from '../../components/Page';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../../components/errors';
import { useToast } from '../../components/Toasts';
import type { Share, ShareMatch, ShareMatchPage as MatchPage } from '../../api/types';


const PAGE = 20;
const sharesKey = ['shares'] as const;

/** "opera, Verdi ,  jazz" → ["opera", "Verdi", "jazz"]. */
const topicsOf = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

function mailtoOf(share: Share, match: ShareMatch): string | null {
  if (!match.email) return null;
  const first = match.fullName.split(/\s+/)[0] ?? match.fullName;
  const body = `Hi ${first},\n\nI came across this and thought of you (${match.commonality.text}):\n\n${share.title}${share.link ? `\n${share.link}` : ''}\n\nAll the best`;
  return `mailto:${encodeURIComponent(match.email)}?subject=${encodeURIComponent(share.title)}&body=${encodeURIComponent(body)}`;
}

function AddShare() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [link, setLink] = useState('');
  const [topics, setTopics] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const add = useMutation({
    mutationFn: () => api<{ share: Share }>('POST', '/shares', { title, topics: topicsOf(topics), ...(link.trim() ? { link: link.trim() } : {}) }),
    onSuccess: ({ share }) => {
      setTitle('');
      setLink('');
      setTopics('');
      setErrors(NO_ERRORS);
      void queryClient.invalidateQueries({ queryKey: sharesKey });
      navigate(`/shares/${share.id}`);
    },
    onError: (error) => setErrors(formErrorsOf(error, ['title', 'link', 'topics'])),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Add something to share" noValidate>
      <Field label="What to share" name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="La Traviata at the Civic Opera, 12 March" error={errors.fields.title} required />
      <Field label="Topics" name="topics" value={topics} onChange={(e) => setTopics(e.target.value)} placeholder="opera, Verdi" hint="Separated by commas: who loves, works on or shares these will be listed." error={errors.fields.topics} required />
      <Field label="Link (optional)" name="link" type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://…" error={errors.fields.link} />
      <FormError error={errors.form} />
      <button type="submit" disabled={add.isPending || !title.trim() || topicsOf(topics).length === 0}>
        Add and find who it fits
      </button>
    </form>
  );
}

function MatchRow({ share, match }: { share: Share; match: ShareMatch }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const first = match.fullName.split(/\s+/)[0] ?? match.fullName;
  const act = useMutation({
    mutationFn: (action: 'sent' | 'dismiss') => api('POST', `/shares/${encodeURIComponent(share.id)}/${action}`, { personId: match.personId }),
    onSuccess: (_data, action) => {
      if (action === 'sent') {
        toast.show(`Logged: shared with ${first}.`);
        const mailto = mailtoOf(share, match);
        if (mailto) window.location.href = mailto;
      } else toast.show(`${first} will not be suggested for this again.`);
      void queryClient.invalidateQueries({ queryKey: sharesKey });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const headingId = `match-${match.personId}`;
  return (
    <li>
      <article className="follow-up" aria-labelledby={headingId}>
        <header>
          <h3 id={headingId}>
            <Link href={`/people/${match.personId}`}>{match.fullName}</Link>
            {match.company ? <span className="muted"> · {match.company}</span> : null}
          </h3>
          <span className="badge" title="the part of the topics that matched">
            {Math.round(match.score * 100)}% match
          </span>
        </header>
        <p className="reason">{match.reasonText}</p>
        <div className="actions">
          <button type="button" disabled={act.isPending} onClick={() => act.mutate('sent')} aria-label={`Sent to ${match.fullName}${match.email ? ' (opens an e-mail)' : ''}`}>
            Sent
          </button>
          <button type="button" className="secondary outline" disabled={act.isPending} onClick={() => act.mutate('dismiss')} aria-label={`Not for them: ${match.fullName}`}>
            Not for them
          </button>
        </div>
      </article>
    </li>
  );
}

function ShareMatches({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [limit, setLimit] = useState(PAGE);
  const matches = useQuery({
    queryKey: [...sharesKey, id, 'matches', limit],
    queryFn: () => api<MatchPage>('GET', `/shares/${encodeURIComponent(id)}/matches${query({ limit })}`),
  });
  const change = useMutation({
    mutationFn: (action: 'archive' | 'restore' | 'delete') =>
      action === 'delete' ? api('DELETE', `/shares/${encodeURIComponent(id)}`) : api('PATCH', `/shares/${encodeURIComponent(id)}`, { archived: action === 'archive' }),
    onSuccess: (_data, action) => {
      toast.show(action === 'delete' ? 'Deleted.' : action === 'archive' ? 'Archived: no longer suggested.' : 'Back in the list.');
      void queryClient.invalidateQueries({ queryKey: sharesKey });
      if (action === 'delete') navigate('/shares');
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  if (matches.isPending) return <p aria-live="polite">Finding who it fits…</p>;
  if (matches.isError) return <p className="form-error" role="alert">{messageOf(matches.error)}</p>;
  const { share, items, total, hasMore } = matches.data;
  return (
    <section aria-labelledby="share-heading">
      <h2 id="share-heading">{share.link ? <a href={share.link} target="_blank" rel="noreferrer noopener">{share.title}</a> : share.title}</h2>
      <p className="muted">
        About {share.topics.join(', ')} · {total === 1 ? '1 person matches' : `${total.toLocaleString()} people match`}
        {share.archivedAt ? ' · archived' : ''}
      </p>
      {items.length === 0 ? <p className="empty">Nobody to send it to: no one else has these topics among their commonalities.</p> : null}
      <ul className="cards" aria-label={`Who ${share.title} fits, best first`}>
        {items.map((m) => (
          <MatchRow key={m.personId} share={share} match={m} />
        ))}
      </ul>
      {hasMore ? (
        <button type="button" className="secondary" onClick={() => setLimit((l) => Math.min(200, l + PAGE))} disabled={limit >= 200}>
          Show more
        </button>
      ) : null}
      <div className="row wrap">
        <button type="button" className="secondary outline" onClick={() => change.mutate(share.archivedAt ? 'restore' : 'archive')} disabled={change.isPending}>
          {share.archivedAt ? 'Bring back' : 'Archive'}
        </button>
        <button type="button" className="secondary outline danger" onClick={() => change.mutate('delete')} disabled={change.isPending}>
          Delete
        </button>
      </div>
    </section>
  );
}

export default function SharesScreen({ id }: { id?: string }) {
  const [archived, setArchived] = useState(false);
  const shares = useQuery({ queryKey: [...sharesKey, 'list', archived], queryFn: () => api<{ items: Share[] }>('GET', `/shares${query({ archived: archived || undefined })}`) });
  return (
    <>
      <PageTitle title="Things to share" />
      <p className="muted">A show coming to town, an article, a white paper: Kith finds the people it fits, by what you have in common.</p>
      {id ? (
        <>
          <p>
            <Link href="/shares">← All things to share</Link>
          </p>
          <ShareMatches id={id} />
        </>
      ) : (
        <>
          <AddShare />
          <section aria-labelledby="shares-heading">
            <h2 id="shares-heading">Your things to share</h2>
            <label className="checkbox">
              <input type="checkbox" role="switch" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
              Show archived
            </label>
            {shares.isError ? <p className="form-error" role="alert">{messageOf(shares.error)}</p> : null}
            {shares.data && shares.data.items.length === 0 ? <p className="empty">Nothing yet.</p> : null}
            <ul className="plain" aria-busy={shares.isPending}>
              {shares.data?.items.map((s) => (
                <li key={s.id}>
                  <Link href={`/shares/${s.id}`}>{s.title}</Link>{' '}
                  <span className="muted">
                    · {s.topics.join(', ')} · sent to {s.sentCount ?? 0}
                    {s.archivedAt ? ' · archived' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
