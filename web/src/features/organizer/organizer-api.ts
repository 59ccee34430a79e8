// The organizer's queries, under one key per organization, so that a change on one screen shows on the others.
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { HostedEvent, Organization, OrganizationDetail, OrgRole, Registration, RegistrationStatus, Speaker, SpeakerSettings } from '../../api/types';
import type { DoorLink, EventFigures } from '../../api/types';

const enc = encodeURIComponent;

export const orgPath = (orgId: string) => `/organizations/${enc(orgId)}`;
export const eventPath = (orgId: string, eventId: string) => `${orgPath(orgId)}/events/${enc(eventId)}`;

export const organizerKeys = {
  all: ['organizations'] as const,
  list: ['organizations', 'list'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  events: (orgId: string) => ['organizations', orgId, 'events'] as const,
  event: (orgId: string, eventId: string) => ['organizations', orgId, 'events', eventId] as const,
  registrations: (orgId: string, eventId: string, status: RegistrationStatus | null) => ['organizations', orgId, 'events', eventId, 'registrations', status] as const,
};

export const useOrganizations = () => useQuery({ queryKey: organizerKeys.list, queryFn: () => api<{ items: Organization[] }>('GET', '/organizations') });

export const useOrganization = (orgId: string) =>
  useQuery({ queryKey: organizerKeys.organization(orgId), queryFn: () => api<OrganizationDetail>('GET', orgPath(orgId)) });

export const useHostedEvents = (orgId: string) =>
  useQuery({ queryKey: organizerKeys.events(orgId), queryFn: () => api<{ items: HostedEvent[] }>('GET', `${orgPath(orgId)}/events${query({ limit: 100 })}`) });

export const useHostedEvent = (orgId: string, eventId: string) =>
  useQuery({ queryKey: organizerKeys.event(orgId, eventId), queryFn: () => api<{ event: HostedEvent }>('GET', eventPath(orgId, eventId)) });

export const useRegistrations = (orgId: string, eventId: string, status: RegistrationStatus | null) =>
  useQuery({
    queryKey: organizerKeys.registrations(orgId, eventId, status),
    queryFn: () => api<{ items: Registration[] }>('GET', `${eventPath(orgId, eventId)}/registrations${query({ status })}`),
  });

/** What each role may do: the API's own rules (src/core/organizer-roles.ts); the screens hide the rest. */
export { CAN as may } from '../../../../src/core/organizer-roles.js';

export const ROLE_WORDS: Record<OrgRole, string> = { owner: 'Owner', organizer: 'Organizer', door: 'Door staff' };

/** The public page's full address, to paste into an invitation. */
export const publicUrl = (event: HostedEvent) => new URL(event.publicPath, window.location.origin).toString();

// The speaker pipeline: every speaker query sits under the organization's key, so one invalidation refreshes them all.
export const speakerKeys = {
  all: (orgId: string) => ['organizations', orgId, 'speakers'] as const,
  list: (orgId: string, eventId: string | null) => ['organizations', orgId, 'speakers', 'list', eventId] as const,
  settings: (orgId: string) => ['organizations', orgId, 'speakers', 'settings'] as const,
};

export const speakerPath = (orgId: string, speakerId: string) => `${orgPath(orgId)}/speakers/${enc(speakerId)}`;

export const useSpeakers = (orgId: string, eventId: string | null) =>
  useQuery({ queryKey: speakerKeys.list(orgId, eventId), queryFn: () => api<{ items: Speaker[] }>('GET', `${orgPath(orgId)}/speakers${query({ eventId })}`) });

export const useSpeakerSettings = (orgId: string) =>
  useQuery({ queryKey: speakerKeys.settings(orgId), queryFn: () => api<SpeakerSettings>('GET', `${orgPath(orgId)}/speaker-settings`) });

// An event's door links and its figures sit under the event's key: whatever refreshes the event refreshes them too.
export const eventDeskKeys = {
  doorLinks: (orgId: string, eventId: string) => [...organizerKeys.event(orgId, eventId), 'door-links'] as const,
  figures: (orgId: string, eventId: string) => [...organizerKeys.event(orgId, eventId), 'figures'] as const,
};

export const useDoorLinks = (orgId: string, eventId: string) =>
  useQuery({ queryKey: eventDeskKeys.doorLinks(orgId, eventId), queryFn: () => api<{ items: DoorLink[] }>('GET', `${eventPath(orgId, eventId)}/door-links`) });

export const useEventFigures = (orgId: string, eventId: string) =>
  useQuery({ queryKey: eventDeskKeys.figures(orgId, eventId), queryFn: () => api<{ figures: EventFigures }>('GET', `${eventPath(orgId, eventId)}/figures`) });
