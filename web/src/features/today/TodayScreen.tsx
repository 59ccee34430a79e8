// Today: who to contact (a short list on purpose), the promises I owe, and the event I am at.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys, useCurrentEvent, useSettings } from '../../api/queries';
import type { FollowUpList, SuggestionList } from '../../api/types';
import { GoalRing } from '../../components/GoalRing';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { FollowUpCard } from './FollowUpCard';

export function TodayScreen() {
  const settings = useSettings();
  const current = useCurrentEvent();
  const suggestions = useQuery({ queryKey: keys.suggestions, queryFn: () => api<SuggestionList>('GET', '/suggestions') });
  const followUps = useQuery({ queryKey: keys.followUps, queryFn: () => api<FollowUpList>('GET', '/follow-ups?limit=200') });
  const perDay = settings.data?.dailySuggestions ?? 3;
  const shown = suggestions.data?.items ?? [];
  const onList = new Set(shown.map((s) => s.key));
  // Promises coming due that are not among today's few: listed below so that none is forgotten.
  const promises = (followUps.data?.items ?? []).filter((i) => i.kind === 'promise' && !onList.has(`promise:${i.promiseId}`));
  const counts = followUps.data?.counts;
  const more = counts ? Math.max(0, counts.overdue + counts.due + counts.soon + counts.promises - shown.length) : 0;

  return (
    <>
      <PageTitle title="Today" />
      {current.data?.event ? (
        <article className="current-event">
          <div>
            <p className="eyebrow">You are at</p>
            <h2>{current.data.event.name}</h2>
            <p>
              {current.data.progress?.label}. <Link href={`/events/${current.data.event.id}`}>Open event mode</Link>
            </p>
          </div>
          <GoalRing met={current.data.progress?.met ?? 0} goal={current.data.progress?.goal ?? 0} size={96} />
        </article>
      ) : null}

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">Who to contact</h2>
        {suggestions.isPending ? <Loading what="your follow-ups" /> : null}
        {suggestions.isError ? <p role="alert">{messageOf(suggestions.error)}</p> : null}
        {suggestions.data && shown.length === 0 ? (
          <p className="empty">
            Nobody to contact today. Met someone? <Link href="/capture">Add them</Link> and Kith will tell you when to follow up.
          </p>
        ) : null}
        <ul className="cards" aria-label="Who to contact">
          {shown.map((item) => (
            <FollowUpCard key={item.key} item={item} />
          ))}
        </ul>
        {more > 0 && shown.length >= perDay ? (
          <p className="muted">
            {more} more can wait: Kith shows {perDay} a day so that each gets your attention.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="promises-heading">
        <h2 id="promises-heading">Other promises I owe</h2>
        {followUps.data && promises.length === 0 ? <p className="empty">No promise is due soon. Nice.</p> : null}
        <ul className="cards" aria-label="Promises I owe">
          {promises.map((item) => (
            <FollowUpCard key={`${item.kind}-${item.promiseId}`} item={item} />
          ))}
        </ul>
      </section>
    </>
  );
}
