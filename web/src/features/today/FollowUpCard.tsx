// One suggestion: who, why, what to mention, the words to send, and one tap to act on it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import type { FollowUpItem, Suggestion } from '../../api/types';
import { useToast } from '../../components/Toasts';
import { dueLabel } from '../../components/dates';

type Item = Suggestion | FollowUpItem;

/** The suggestion's key (GET /suggestions gives it; an item of the long follow-up list is keyed the same way). */
function keyOf(item: Item): string {
  if ('key' in item) return item.key;
  return item.kind === 'promise' ? `promise:${item.promiseId}` : `person:${item.personId}`;
}

function mailtoOf(item: Item): string | null {
  if (!item.email || !item.draft) return null;
  return `mailto:${encodeURIComponent(item.email)}?subject=${encodeURIComponent(item.draft.subject)}&body=${encodeURIComponent(item.draft.body)}`;
}

export function FollowUpCard({ item }: { item: Item }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const firstName = item.fullName.split(/\s+/)[0] ?? item.fullName;
  const key = encodeURIComponent(keyOf(item));
  const isShare = 'share' in item && item.share !== null;
  const act = useMutation({
    mutationFn: async (action: 'done' | 'snooze' | 'not-now' | 'not-for-them') => {
      if (action === 'done') return api('POST', `/suggestions/${key}/done`, { action: item.email ? 'email' : 'message', summary: item.draft?.subject ?? 'Followed up' });
      if (action === 'not-for-them') return api('POST', `/suggestions/${key}/dismiss`);
      return api('POST', `/suggestions/${key}/set-aside`, { days: action === 'snooze' ? 7 : 1 });
    },
    onSuccess: (_data, action) => {
      const said = {
        done: `Done: ${firstName} is off today's list.`,
        snooze: `${firstName} is snoozed for a week.`,
        'not-now': `${firstName} will come back tomorrow.`,
        'not-for-them': `${firstName} will not be suggested for this again.`,
      };
      toast.show(said[action]);
      void queryClient.invalidateQueries();
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const mailto = mailtoOf(item);
  const headingId = `fu-${keyOf(item).replace(/[^a-zA-Z0-9-]/g, '-')}`;

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
        {'share' in item && item.share ? (
          <p className="mention">
            <span className="eyebrow">Share</span> {item.share.link ? <a href={item.share.link} target="_blank" rel="noreferrer noopener">{item.share.title}</a> : item.share.title}
          </p>
        ) : null}
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
          {isShare ? (
            <button type="button" className="secondary outline" onClick={() => act.mutate('not-for-them')} disabled={act.isPending}>
              Not for them
            </button>
          ) : (
            <>
              {item.kind !== 'promise' ? (
                <button type="button" className="secondary" onClick={() => act.mutate('snooze')} disabled={act.isPending}>
                  Snooze a week
                </button>
              ) : null}
              <button type="button" className="secondary outline" onClick={() => act.mutate('not-now')} disabled={act.isPending}>
                Not now
              </button>
            </>
          )}
        </footer>
      </article>
    </li>
  );
}
