import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/create-db.js';
import * as initial from '../src/db/migrations/0001-initial.js';
import { Store } from '../src/db/store.js';

describe('migrations', () => {
  it('a database is migrated once, and opening it again changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kith-migrate-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      const applied = await sql<{ name: string }>`SELECT name FROM kith_migrations ORDER BY name`.execute(first.db);
      await first.close();
      const again = await openDatabase({ dataDir: dir });
      expect((await sql<{ name: string }>`SELECT name FROM kith_migrations ORDER BY name`.execute(again.db)).rows).toEqual(applied.rows);
      await again.close();
      expect(applied.rows.map((r) => r.name)).toEqual(['0001-initial', '0002-capture-requests-and-onboarding', '0003-people-live-index', '0004-card-scans', '0005-suggestions', '0006-shares', '0007-calendar-feeds', '0008-mail-and-jobs', '0009-contacts-interop', '0010-carddav', '0011-merges', '0012-organizer', '0013-speakers', '0014-door', '0015-organizer-mail']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database from before the first run existed keeps its account, which will see the first run once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kith-migrate-'));
    try {
      // A database as the first release left it: only 0001 applied, one account with its settings.
      const old = await openDatabase({ dataDir: dir }, { migrate: false });
      const onlyInitial = new Migrator({
        db: old.db as Kysely<unknown>,
        provider: { getMigrations: async () => ({ '0001-initial': { up: (db) => initial.up(db, 'sqlite') } }) },
        migrationTableName: 'kith_migrations',
        migrationLockTableName: 'kith_migrations_lock',
      });
      expect((await onlyInitial.migrateToLatest()).error).toBeUndefined();
      await sql`INSERT INTO accounts (id, email, password_hash, created_at) VALUES ('a1', 'early@example.com', 'h', '2026-01-01T00:00:00.000Z')`.execute(old.db);
      await sql`INSERT INTO account_settings (account_id, time_zone, follow_up_window_days, promise_default_days, cadence_met, default_goal,
        daily_suggestions, default_region, updated_at) VALUES ('a1', 'Europe/London', 2, 3, 14, 3, 3, 'GB', '2026-01-01T00:00:00.000Z')`.execute(old.db);
      await old.close();

      const store = new Store(await openDatabase({ dataDir: dir }));
      expect(await store.repos.accounts.getSettings('a1')).toMatchObject({ timeZone: 'Europe/London', defaultRegion: 'GB', onboarded: false });
      expect(await store.repos.captureRequests.find('a1', 'never-sent')).toBeNull();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database written by a newer Kith is refused, not damaged', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kith-migrate-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await sql`INSERT INTO kith_migrations (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(first.db);
      await first.close();
      await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: 'KITH_DB_MIGRATION_FAILED' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite shared by two processes (the server and the CLI)', () => {
  it('a transaction takes the write lock when it begins, so another writer waits instead of breaking it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kith-lock-'));
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    try {
      const kith = await openDatabase({ dataDir: dir });
      const other = new BetterSqlite3(path.join(dir, 'kith.sqlite'));
      other.pragma('busy_timeout = 50');
      let otherError: unknown = null;
      await kith.db.transaction().execute(async (trx) => {
        await trx.selectFrom('accounts').selectAll().execute();
        try {
          other.prepare("INSERT INTO accounts (id, email, password_hash, created_at) VALUES ('x', 'x@example.com', 'h', 'now')").run();
        } catch (error) {
          otherError = error;
        }
        await trx.insertInto('accounts').values({ id: 'k', email: 'k@example.com', password_hash: 'h', created_at: 'now' }).execute();
      });
      expect(otherError).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(await kith.db.selectFrom('accounts').select('email').execute()).toEqual([{ email: 'k@example.com' }]);
      other.close();
      await kith.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
