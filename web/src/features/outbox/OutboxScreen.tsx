// The outbox: every message Kith wrote for me (digests), newest first, with its state: kept (this server sends no
// mail), queued (waiting for its next attempt, with the last error), sent, or failed; and the text of each.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import type { OutboxMessage, OutboxSummary } from '../../../../src/cli/api-types.js';
import { PageTitle } from '../../components/Page';
import { formatInstant } from '../../components/dates';

const STATUS_TEXT: Record<OutboxSummary['status'], string> = {
  kept: 'kept (no mail server set up)',
  queued: 'waiting to be sent',
  sending: 'being sent',
  sent: 'sent',
  failed: 'not sent: gave up',
};

function MessageText({ id }: { id: string }) {
  const message = useQuery({ queryKey: ['outbox', id], queryFn: () => api<{ message: OutboxMessage }>('GET', `/outbox/${encodeURIComponent(id)}`) });
  if (message.isPending) return <p className="muted">Loading…</p>;
  if (message.isError) return <p role="alert">{messageOf(message.error)}</p>;
  return (
    <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} aria-label="Message text">
      {message.data.message.text}
    </pre>
  );
}

export default function OutboxScreen() {
  const list = useQuery({ queryKey: ['outbox'], queryFn: () => api<{ items: OutboxSummary[]; total: number; sending: boolean }>('GET', '/outbox?limit=100') });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PageTitle title="Outbox" />
      <p className="muted">
        Every message Kith wrote for you, newest first. Change the digest in <Link href="/settings">Settings</Link>.
      </p>
      {list.isPending ? <p className="muted">Loading…</p> : null}
      {list.isError ? <p role="alert">{messageOf(list.error)}</p> : null}
      {list.data ? (
        <>
          {!list.data.sending ? (
            <p className="notice">This server sends no e-mail (no KITH_SMTP_URL): messages are kept here and in the data folder as .eml files.</p>
          ) : null}
          {list.data.items.length === 0 ? <p>No messages yet.</p> : null}
          <ul className="plain">
            {list.data.items.map((m) => (
              <li key={m.id}>
                <p>
                  <strong>{m.subject}</strong>
                  <br />
                  <span className="muted">
                    to {m.to}, {formatInstant(m.createdAt)}: {STATUS_TEXT[m.status]}
                    {m.sentAt ? ` ${formatInstant(m.sentAt)}` : ''}
                    {m.attempts > 1 ? `, ${m.attempts} attempts` : ''}
                    {m.status === 'queued' && m.nextAttemptAt ? `, next try ${formatInstant(m.nextAttemptAt)}` : ''}
                  </span>
                </p>
                {m.lastError ? <p role="note">Last error: {m.lastError}</p> : null}
                <button type="button" className="secondary outline" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {open === m.id ? 'Hide text' : 'Show text'}
                </button>
                {open === m.id ? <MessageText id={m.id} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
