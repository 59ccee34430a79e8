import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A repository runs on the database or inside a transaction, the same way. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** Bind parameters per statement: under SQLite's 32 766 and PostgreSQL's 65 535, with room for Kysely's compiling. */
const PARAMS_PER_STATEMENT = 16_000;

/** Inserts many rows of one table in as few statements as the bind-parameter limits allow. */
export async function insertRows<T extends keyof Database & string>(db: Executor, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / perRow));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's insert typing cannot follow a table name held in a type parameter.
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}
