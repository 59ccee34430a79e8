// One set of migrations for both databases, applied in id order and recorded in a table by Kysely's Migrator.
// Start-up refuses a database whose applied migrations are not a prefix of the ones this build knows.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect.js';
import * as initial from './migrations/0001-initial.js';
import * as captureRequestsAndOnboarding from './migrations/0002-capture-requests-and-onboarding.js';
import * as peopleLiveIndex from './migrations/0003-people-live-index.js';
import * as cardScans from './migrations/0004-card-scans.js';
import * as suggestions from './migrations/0005-suggestions.js';
import * as shares from './migrations/0006-shares.js';
import * as calendarFeeds from './migrations/0007-calendar-feeds.js';
import * as mailAndJobs from './migrations/0008-mail-and-jobs.js';
import * as contactsInterop from './migrations/0009-contacts-interop.js';
import * as merges from './migrations/0011-merges.js';
import * as carddav from './migrations/0010-carddav.js';
import * as organizer from './migrations/0012-organizer.js';
import * as speakers from './migrations/0013-speakers.js';
import * as door from './migrations/0014-door.js';
import * as organizerMail from './migrations/0015-organizer-mail.js';
import { KithError } from '../core/errors.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-initial': initial,
  '0002-capture-requests-and-onboarding': captureRequestsAndOnboarding,
  '0003-people-live-index': peopleLiveIndex,
  '0004-card-scans': cardScans,
  '0005-suggestions': suggestions,
  '0006-shares': shares,
  '0007-calendar-feeds': calendarFeeds,
  '0008-mail-and-jobs': mailAndJobs,
  '0009-contacts-interop': contactsInterop,
  '0011-merges': merges,
  '0010-carddav': carddav,
  '0012-organizer': organizer,
  '0013-speakers': speakers,
  '0014-door': door,
  '0015-organizer-mail': organizerMail,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const result: Record<string, Migration> = {};
    for (const [id, migration] of Object.entries(MIGRATIONS)) {
      result[id] = { up: (db) => migration.up(db, this.dialect) };
    }
    return result;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // On PostgreSQL the migration tables live in the connection's current schema (search_path), so that several
  // Kith databases can share one PostgreSQL database, one schema each.
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: new StaticMigrationProvider(dialect),
    migrationTableName: 'kith_migrations',
    migrationLockTableName: 'kith_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new KithError('KITH_DB_MIGRATION_FAILED', `the database could not be migrated${failed ? ` (${failed})` : ''}: ${reason}`);
  }
}
