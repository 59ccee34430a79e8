// The e-mail digest: how often (off, daily, weekly), at what hour of my day, on which weekday; a preview of today's;
// whether I unsubscribed by a digest's link; and the way to the outbox.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError, api, messageOf } from '../../api/client';
import type { DigestPreview, DigestSettings } from '../../../../src/cli/api-types.js';
import { useToast } from '../../components/Toasts';
import { formatInstant } from '../../components/dates';

const DIGEST_KEY = ['digest'] as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Patch = Partial<Pick<DigestSettings, 'frequency' | 'hour' | 'weekday'>>;

export function Digest() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: DIGEST_KEY, queryFn: () => api<DigestSettings>('GET', '/digest') });
  const [preview, setPreview] = useState<DigestPreview | null>(null);
  const update = useMutation({
    mutationFn: (patch: Patch) => api<DigestSettings>('PATCH', '/digest', patch),
    onSuccess: (next) => queryClient.setQueryData(DIGEST_KEY, next),
    onError: (error) => toast.show(error instanceof ApiError ? (error.issues[0] ? `${error.issues[0].path}: ${error.issues[0].message}` : error.message) : messageOf(error)),
  });
  const showPreview = useMutation({
    mutationFn: () => api<DigestPreview>('POST', '/digest/preview', {}),
    onSuccess: setPreview,
    onError: (error) => toast.show(messageOf(error)),
  });
  const s = settings.data;
  return (
    <section aria-labelledby="digest-heading">
      <h2 id="digest-heading">E-mail digest</h2>
      <p className="muted">Today&apos;s suggestions by e-mail, with the reason, what to mention and a drafted message, at the hour you choose in your own time zone. No suggestions, no e-mail.</p>
      {s ? (
        <>
          {s.unsubscribedAt ? (
            <p className="notice" role="status">
              You unsubscribed with a digest&apos;s link on {formatInstant(s.unsubscribedAt)}. Choose daily or weekly to have it again.
            </p>
          ) : null}
          <div className="row wrap">
            <label>
              How often{' '}
              <select value={s.unsubscribedAt ? 'off' : s.frequency} onChange={(e) => update.mutate({ frequency: e.target.value as DigestSettings['frequency'] })} disabled={update.isPending}>
                <option value="off">Off</option>
                <option value="daily">Every day</option>
                <option value="weekly">Once a week</option>
              </select>
            </label>
            {s.frequency === 'weekly' ? (
              <label>
                On{' '}
                <select value={s.weekday} onChange={(e) => update.mutate({ weekday: e.target.value as DigestSettings['weekday'] })} disabled={update.isPending}>
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {capitalise(d)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              At{' '}
              <select value={s.hour} onChange={(e) => update.mutate({ hour: Number(e.target.value) })} disabled={update.isPending}>
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {hourLabel(h)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">
            {s.nextDigestAt ? `Next digest: ${formatInstant(s.nextDigestAt)} (${s.timeZone}).` : 'No digest is scheduled.'} <Link href="/outbox">Outbox</Link>: every message Kith wrote, and whether it was sent.
          </p>
        </>
      ) : null}
      <button type="button" className="secondary" onClick={() => showPreview.mutate()} disabled={showPreview.isPending}>
        Preview today&apos;s digest
      </button>
      {preview ? (
        <div className="notice" role="status">
          {preview.count === 0 ? (
            <p>Nobody to contact today: no digest would be sent.</p>
          ) : (
            <>
              <p>
                <strong>{preview.subject}</strong>
              </p>
              <pre className="digest-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {preview.text}
              </pre>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
