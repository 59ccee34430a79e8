// Today: who to contact (a short list on purpose), the promises I owe, and the event I am at.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys, useCurrentEvent, useSettings } from '../../api/queries';
import type { FollowUpList } from '../../api/types';
import { GoalRing } from '../../components/GoalRing';
import { Loading } from '../../components/Layout';
import { PageTitle } from '../../components/Page';
import { FollowUpCard } from './FollowUpCard';

export function TodayScreen() {
  const settings = useSettings();
  const current = useCurrentEvent();
  const followUps = useQuery({ queryKey: keys.followUps, queryFn: () => api<FollowUpList>('GET', '/follow-ups?limit=200') });
  const perDay = settings.data?.dailySuggestions ?? 3;
  const people = (followUps.data?.items ?? []).filter((i) => i.kind === 'person');
  const promises = (followUps.data?.items ?? []).filter((i) => i.kind === 'promise');
  const shown = people.slice(0, perDay);

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
        {followUps.isPending ? <Loading what="your follow-ups" /> : null}
        {followUps.isError ? <p role="alert">{messageOf(followUps.error)}</p> : null}
        {followUps.data && shown.length === 0 ? (
          <p className="empty">
            Nobody to contact today. Met someone? <Link href="/capture">Add them</Link> and Kith will tell you when to follow up.
          </p>
        ) : null}
        <ul className="cards" aria-label="Who to contact">
          {shown.map((item) => (
            <FollowUpCard key={`${item.kind}-${item.personId}`} item={item} />
          ))}
        </ul>
        {people.length > shown.length ? (
          <p className="muted">
            {people.length - shown.length} more can wait: Kith shows {perDay} a day so that each gets your attention.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="promises-heading">
        <h2 id="promises-heading">Promises I owe</h2>
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
