// The secret calendar feed (ICS): follow-ups, promises and events in any calendar app. Its URL is shown once, after
// it is made; making a new one (rotating) or revoking stops the old one at once.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client';
import type { CalendarFeedStatus, NewCalendarFeed } from '../../../../src/cli/api-types.js';
import { useToast } from '../../components/Toasts';
import { formatInstant } from '../../components/dates';

const FEED_KEY = ['calendar-feed'] as const;

function SubscribeSteps() {
  return (
    <details>
      <summary>How to subscribe</summary>
      <p>
        <strong>Google Calendar</strong> (on a computer): in the left column, next to <em>Other calendars</em>, click <strong>+</strong>, then{' '}
        <strong>From URL</strong>; paste the URL and click <strong>Add calendar</strong>. Google reads it again every few hours, not at once.
      </p>
      <p>
        <strong>Apple Calendar</strong> on a Mac: <strong>File → New Calendar Subscription…</strong>, paste the URL, then choose how often to refresh.
        On an iPhone or iPad: <strong>Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar</strong>.
      </p>
      <p className="muted">
        Follow-ups and promises are all-day items on their day (an overdue follow-up sits on today); events keep their own time zone. Anyone with the
        URL can read these items: keep it to yourself, and make a new one if it leaks.
      </p>
    </details>
  );
}

export function CalendarFeed() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const status = useQuery({ queryKey: FEED_KEY, queryFn: () => api<CalendarFeedStatus>('GET', '/calendar-feed') });
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<NewCalendarFeed>('POST', '/calendar-feed', {}),
    onSuccess: (created) => {
      setUrl(created.url);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const revoke = useMutation({
    mutationFn: () => api('DELETE', '/calendar-feed'),
    onSuccess: () => {
      setUrl(null);
      toast.show('Calendar feed revoked: its URL no longer works.');
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      toast.show('URL copied.');
    } catch {
      toast.show('Could not copy: select the URL and copy it by hand.');
    }
  };
  const rotate = () => {
    if (window.confirm('Make a new URL? The current one stops working at once: calendars subscribed to it stop updating until you subscribe with the new one.')) create.mutate();
  };
  const stop = () => {
    if (window.confirm('Revoke the calendar feed? Its URL stops working at once, and subscribed calendars stop updating.')) revoke.mutate();
  };
  const feed = status.data?.feed ?? null;
  return (
    <section aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">Calendar feed</h2>
      <p className="muted">Your follow-ups, promises with a due day and events, in Google Calendar, Apple Calendar or any app that subscribes to an ICS URL.</p>
      {url ? (
        <div className="notice" role="status">
          <p>Your calendar feed URL (copy it now, it will not be shown again):</p>
          <p className="row wrap">
            <code className="token">{url}</code>
            <button type="button" className="secondary" onClick={() => void copy()}>
              Copy URL
            </button>
          </p>
        </div>
      ) : null}
      {status.isPending ? null : feed ? (
        <>
          <p>
            Feed <code>{feed.prefix}…</code> <span className="muted">made {formatInstant(feed.createdAt)}, {feed.lastFetchedAt ? `last read by a calendar ${formatInstant(feed.lastFetchedAt)}` : 'not read by a calendar yet'}</span>
          </p>
          <div className="row wrap">
            <button type="button" className="secondary" onClick={rotate} disabled={create.isPending}>
              Make a new URL
            </button>
            <button type="button" className="secondary outline" onClick={stop} disabled={revoke.isPending}>
              Revoke
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="secondary" onClick={() => create.mutate()} disabled={create.isPending}>
          Create calendar feed
        </button>
      )}
      <SubscribeSteps />
    </section>
  );
}
