// Opens the database named by the configuration: SQLite under the data folder by default, PostgreSQL when a
// DATABASE_URL is given. Returns a Kysely instance that the rest of Kith uses without knowing which it is.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
// pg is loaded only when PostgreSQL is used: the embedded default (and every CLI command) starts faster without it.
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';

export interface DatabaseConfig {
  /** postgres://… to use PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file (`kith.sqlite`); ':memory:' for an in-memory database. */
  dataDir: string;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  const opened = isPostgresUrl(config.databaseUrl) ? await openPostgres(config.databaseUrl) : openSqlite(config.dataDir);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(opened.db as Kysely<unknown>, opened.dialect);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}

function openSqlite(dataDir: string): OpenDatabase {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'kith.sqlite');
  }
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Keep the planner's statistics fresh, cheaply: SQLite's advice for long-lived connections.
  sqlite.pragma('analysis_limit = 400');
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;
const UNCACHED_SQL_LENGTH = 4096;

/**
 * Kysely prepares every query anew, and on a busy server preparing costs more than running the query. The same SQL
 * text always gets the same prepared statement here (least recently used first out). This is safe because Kysely's
 * SQLite driver runs one query at a time on its single connection. It is also where Kysely's `begin` becomes
 * `begin immediate`.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      sqlite.pragma('optimize');
      sqlite.close();
    },
    prepare(text: string) {
      // Transactions take the write lock when they begin: a deferred one that reads, then writes after another
      // process (the CLI beside the server) has written, fails with SQLITE_BUSY instead of waiting its turn.
      const sql = text === 'begin' ? 'begin immediate' : text;
      // A long statement (an import's multi-row insert, whose row count varies) is rarely met again, and a cache of
      // hundreds of them held hundreds of MB during a 1M-row import: prepared anew each time.
      if (sql.length > UNCACHED_SQL_LENGTH) return sqlite.prepare(sql);
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<OpenDatabase> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.KITH_PG_POOL_SIZE ?? 10),
    // COUNT(*) and other bigints come back as numbers, as they do from SQLite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
