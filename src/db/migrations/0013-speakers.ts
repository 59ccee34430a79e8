import type { Kysely } from 'kysely';

// The organizer's desk, speakers (issue 7).
export async function up(_db: Kysely<unknown>): Promise<void> {}
