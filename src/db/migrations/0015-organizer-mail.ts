import type { Kysely } from 'kysely';

// The organizer's desk, organizer mail (issue 7).
export async function up(_db: Kysely<unknown>): Promise<void> {}
