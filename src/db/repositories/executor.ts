import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A repository runs on the database or inside a transaction, the same way. */
export type Executor = Kysely<Database> | Transaction<Database>;
