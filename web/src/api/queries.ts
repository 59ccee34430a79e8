// The queries several screens share, under one key each, so that a change made on one screen shows on all.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { EventDetail, KithEvent, GoalProgress, Settings } from './types';

export const keys = {
  settings: ['settings'] as const,
  currentEvent: ['events', 'current'] as const,
  events: ['events', 'list'] as const,
  event: (id: string) => ['events', id] as const,
  followUps: ['follow-ups'] as const,
  suggestions: ['suggestions'] as const,
  templates: ['templates'] as const,
  people: ['people'] as const,
  person: (id: string) => ['people', 'detail', id] as const,
  tokens: ['tokens'] as const,
};

export const useSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => api<Settings>('GET', '/settings'), staleTime: 60_000 });

export const useCurrentEvent = () =>
  useQuery({ queryKey: keys.currentEvent, queryFn: () => api<{ event: KithEvent | null; progress: GoalProgress | null }>('GET', '/events/current') });

export const useEvent = (id: string) => useQuery({ queryKey: keys.event(id), queryFn: () => api<EventDetail>('GET', `/events/${encodeURIComponent(id)}`) });
