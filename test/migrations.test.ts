import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/create-db.js';

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
      expect(applied.rows.map((r) => r.name)).toEqual(['0001-initial']);
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
