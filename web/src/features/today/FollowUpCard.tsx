// One suggestion: who, why, what to mention, the words to send, and one tap to act on it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import type { FollowUpItem } from '../../api/types';
import { useToast } from '../../components/Toasts';
import { dueLabel } from '../../components/dates';

function mailtoOf(item: FollowUpItem): string | null {
  if (!item.email || !item.draft) return null;
  return `mailto:${encodeURIComponent(item.email)}?subject=${encodeURIComponent(item.draft.subject)}&body=${encodeURIComponent(item.draft.body)}`;
}

export function FollowUpCard({ item }: { item: FollowUpItem }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const firstName = item.fullName.split(/\s+/)[0] ?? item.fullName;
  const act = useMutation({
    mutationFn: async (action: 'done' | 'snooze' | 'not-now') => {
      const person = encodeURIComponent(item.personId);
      if (action === 'done' && item.kind === 'promise' && item.promiseId) return api('POST', `/promises/${encodeURIComponent(item.promiseId)}/done`, { done: true });
      if (action === 'done') return api('POST', `/people/${person}/touches`, { kind: item.email ? 'email' : 'message', summary: item.draft?.subject ?? 'Followed up' });
      return api('POST', `/people/${person}/snooze`, { days: action === 'snooze' ? 7 : 1 });
    },
    onSuccess: (_data, action) => {
      toast.show(action === 'done' ? `Done: ${firstName} is off today's list.` : action === 'snooze' ? `${firstName} is snoozed for a week.` : `${firstName} will come back tomorrow.`);
      void queryClient.invalidateQueries();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const mailto = mailtoOf(item);
  const headingId = `fu-${item.kind}-${item.promiseId ?? item.personId}`;

  return (
    <li>
      <article className="follow-up" aria-labelledby={headingId}>
        <header>
          <h3 id={headingId}>
            <Link href={`/people/${item.personId}`}>{item.fullName}</Link>
            {item.company ? <span className="muted"> · {item.company}</span> : null}
          </h3>
          <span className={`badge badge-${item.state}`}>{dueLabel(item.state, item.dueOn)}</span>
        </header>
        <p className="reason">{item.reasonText}</p>
        {item.commonality ? (
          <p className="mention">
            <span className="eyebrow">Mention</span> {item.commonality.text}
          </p>
        ) : null}
        {item.draft ? (
          <details className="draft">
            <summary>Drafted message</summary>
            <p className="draft-subject">
              <strong>{item.draft.subject}</strong>
            </p>
            <p className="draft-body">{item.draft.body}</p>
            <div className="row">
              <button
                type="button"
                className="secondary outline"
                onClick={() =>
                  void navigator.clipboard.writeText(item.draft?.body ?? '').then(
                    () => toast.show('Copied: paste it in your message.'),
                    () => toast.show('Copying is blocked here: select the text and copy it.'),
                  )
                }
              >
                Copy
              </button>
              {mailto ? (
                <a role="button" className="secondary outline" href={mailto}>
                  Open in mail
                </a>
              ) : null}
            </div>
          </details>
        ) : null}
        <footer className="actions" aria-label={`Act on ${item.fullName}`}>
          <button type="button" onClick={() => act.mutate('done')} disabled={act.isPending}>
            Done
          </button>
          {item.kind === 'person' ? (
            <>
              <button type="button" className="secondary" onClick={() => act.mutate('snooze')} disabled={act.isPending}>
                Snooze a week
              </button>
              <button type="button" className="secondary outline" onClick={() => act.mutate('not-now')} disabled={act.isPending}>
                Not now
              </button>
            </>
          ) : null}
        </footer>
      </article>
    </li>
  );
}
