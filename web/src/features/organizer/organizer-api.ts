// The organizer's queries, under one key per organization, so that a change on one screen shows on the others.
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { HostedEvent, Organization, OrganizationDetail, OrgRole, Registration, RegistrationStatus } from '../../api/types';

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

/** What each role may do, as the API allows it (src/core/organizer.ts CAN): the screens hide the rest. */
export const may = {
  manageMembers: (role: OrgRole) => role === 'owner',
  runEvents: (role: OrgRole) => role === 'owner' || role === 'organizer',
};

export const ROLE_WORDS: Record<OrgRole, string> = { owner: 'Owner', organizer: 'Organizer', door: 'Door staff' };

/** The public page's full address, to paste into an invitation. */
export const publicUrl = (event: HostedEvent) => new URL(event.publicPath, window.location.origin).toString();
