import type { Kysely } from 'kysely';

// The organizer's desk: organizations with their members' roles, the events they host, and registrations (RSVPs).
// Organization data belongs to the organization, not to one account: its rows carry the organization id, and every
// query of it checks that the account asking is a member (the members' own contacts stay in their accounts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_members')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // owner | organizer | door
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_members_pk', ['organization_id', 'account_id'])
    .execute();
  await db.schema.createIndex('organization_members_account').on('organization_members').columns(['account_id']).execute();

  await db.schema
    .createTable('hosted_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    // The public page's address (/e/<slug>): random, so that events cannot be listed by guessing.
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('link', 'text')
    // Null: no limit.
    .addColumn('capacity', 'integer')
    .addColumn('requires_approval', 'integer', (c) => c.notNull())
    .addColumn('confirm_email', 'integer', (c) => c.notNull())
    // How long a seat offered from the waitlist waits to be claimed.
    .addColumn('claim_hours', 'integer', (c) => c.notNull())
    // Custom questions, JSON: [{ id, label, required }].
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('hosted_events_organization').on('hosted_events').columns(['organization_id', 'starts_at']).execute();
  await db.schema.createIndex('hosted_events_series').on('hosted_events').columns(['organization_id', 'series_id', 'starts_at']).execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('hosted_event_id', 'text', (c) => c.notNull().references('hosted_events.id').onDelete('cascade'))
    // unconfirmed (e-mail not yet confirmed) | pending (awaiting approval) | confirmed | waitlisted | offered |
    // declined (by the organizer) | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    // The e-mail as compared: one registration per address and event.
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('badge_name', 'text')
    // Answers to the event's questions, JSON: { [questionId]: text }.
    .addColumn('answers', 'text', (c) => c.notNull())
    // Opted in to "who's coming" (name, company and title shown to others who opted in).
    .addColumn('listed', 'integer', (c) => c.notNull())
    // The waitlist's order: the time the person joined it (ISO instant, then the id).
    .addColumn('waitlisted_at', 'text')
    .addColumn('offered_until', 'text')
    // What the QR code for the door holds: random, unguessable, unique.
    .addColumn('door_code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .execute();
  // The secrets of a registrant's own page (cancel, claim, QR): SHA-256 of the token in each link mailed to them.
  // Every link mailed stays valid, so that registering again (which mails a new one) takes nothing away.
  await db.schema
    .createTable('registration_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registration_links_registration').on('registration_links').columns(['registration_id']).execute();
  await db.schema.createIndex('registrations_event_email').on('registrations').columns(['hosted_event_id', 'email_key']).unique().execute();
  await db.schema.createIndex('registrations_event_status').on('registrations').columns(['hosted_event_id', 'status', 'waitlisted_at']).execute();
}
