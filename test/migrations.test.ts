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
