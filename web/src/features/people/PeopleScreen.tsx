// People: search as you type, filters, and a virtual list that pages from the server as you scroll, so that
// 100,000 people cost no more than the rows on screen.
import { useDeferredValue, useEffect, useRef } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'wouter';
import { api, messageOf, query } from '../../api/client';
import { keys } from '../../api/queries';
import { STAGES, type EventWithProgress, type PeoplePage } from '../../api/types';
import { Field, Select } from '../../components/Field';
import { PageTitle } from '../../components/Page';
import { useDraft } from '../../components/use-draft';
import { formatDay } from '../../components/dates';

const PAGE = 50;
const ROW_HEIGHT = 64;

interface Filters {
  q: string;
  stage: string;
  eventId: string;
  topic: string;
  overdue: boolean;
}

export default function PeopleScreen() {
  const [filters, setFilters] = useDraft<Filters>('people-filters', { q: '', stage: '', eventId: '', topic: '', overdue: false });
  // A link may name a filter (the board's "and 120 more" → ?stage=met): it replaces the filters kept from before.
  useEffect(() => {
    const stage = new URLSearchParams(window.location.search).get('stage');
    if (stage) setFilters({ q: '', stage, eventId: '', topic: '', overdue: false });
  }, [setFilters]);
  const deferred = useDeferredValue(filters);
  const events = useQuery({ queryKey: keys.events, queryFn: () => api<{ items: EventWithProgress[] }>('GET', '/events?limit=100') });
  const params = deferred.q.trim()
    ? { q: deferred.q.trim() }
    : { stage: deferred.stage, eventId: deferred.eventId, topic: deferred.topic.trim(), overdue: deferred.overdue || undefined };
  const people = useInfiniteQuery({
    queryKey: [...keys.people, 'list', params],
    queryFn: ({ pageParam, signal }) => api<PeoplePage>('GET', `/people${query({ ...params, limit: PAGE, offset: pageParam })}`, undefined, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
    placeholderData: keepPreviousData,
  });
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  const total = people.data?.pages[0]?.total ?? null;

  const listRef = useRef<HTMLUListElement>(null);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: listRef.current?.offsetTop ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 10 && people.hasNextPage && !people.isFetchingNextPage) void people.fetchNextPage();
  }, [last, rows.length, people]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const searching = filters.q.trim() !== '';

  return (
    <>
      <PageTitle title="People" />
      <p className="muted">
        Found something worth passing on? <Link href="/shares">Things to share</Link> finds who it fits.
        {' '}Someone in twice? <Link href="/duplicates">Duplicates</Link> finds and merges them.
      </p>
      <search className="people-filters">
        <Field label="Search" type="search" name="q" value={filters.q} onChange={(e) => set('q', e.target.value)} placeholder="Name, company, what you talked about" autoComplete="off" />
        <fieldset className="grid" disabled={searching} aria-label="Filters">
          <Select label="Stage" value={filters.stage} onChange={(e) => set('stage', e.target.value)}>
            <option value="">Any stage</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
          <Select label="Met at" value={filters.eventId} onChange={(e) => set('eventId', e.target.value)}>
            <option value="">Any event</option>
            {events.data?.items.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </Select>
          <Field label="Commonality" value={filters.topic} onChange={(e) => set('topic', e.target.value)} placeholder="opera" />
          <label className="checkbox">
            <input type="checkbox" role="switch" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} />
            Overdue only
          </label>
        </fieldset>
      </search>
      <p className="muted" aria-live="polite">
        {people.isError
          ? messageOf(people.error)
          : people.isPending
            ? 'Loading people…'
            : total !== null
              ? `${total.toLocaleString()} ${total === 1 ? 'person' : 'people'}`
              : `${rows.length}${people.hasNextPage ? '+' : ''} found`}
      </p>
      {people.data && rows.length === 0 ? (
        <p className="empty">
          Nobody here{searching ? ` matches “${filters.q}”` : ''}. <Link href="/capture">Add someone</Link>.
        </p>
      ) : null}
      <ul ref={listRef} className="people-list" aria-label="People" aria-busy={people.isFetching} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => {
          const person = rows[row.index];
          if (!person) return null;
          return (
            <li key={person.id} data-person-row="" className="person-row" style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`, height: ROW_HEIGHT }}>
              <Link href={`/people/${person.id}`}>
                <span className="person-name">{person.fullName}</span>
                <span className="muted person-sub">{[person.title, person.company].filter(Boolean).join(', ')}</span>
              </Link>
              <span className="person-meta">
                <span className={`badge stage-${person.stage}`}>{person.stage}</span>
                {person.followUp ? <span className="muted">follow up {formatDay(person.followUp.dueOn)}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
