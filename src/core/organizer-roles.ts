// Who may do what in an organization, and how long a door link lives. Import-free, so that the web app takes the
// same rules (web/src/features/organizer) instead of a copy.

export const ORG_ROLES = ['owner', 'organizer', 'door'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** What each role may do: owners also manage members; organizers run events; door staff check people in. */
export const CAN = {
  manageMembers: (role: OrgRole) => role === 'owner',
  manageEvents: (role: OrgRole) => role === 'owner' || role === 'organizer',
  seeRegistrations: (role: OrgRole) => role === 'owner' || role === 'organizer',
  checkIn: (role: OrgRole) => role === 'owner' || role === 'organizer' || role === 'door',
} as const;

/**
 * How long a door link outlives its event: 12 hours covers a late evening (an event ending at 23:00 still has its
 * list at the bar's closing) and the morning after (door staff correcting who came), yet no link stays usable for
 * the next meeting of the series: a month later it is long dead.
 */
export const DOOR_LINK_HOURS_AFTER_END = 12;
