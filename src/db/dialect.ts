// The only place that knows which database Kysely talks to. Everything else is dialect-agnostic, except the few
// parts behind the interfaces in this folder (search, "insert or ignore").
export type DialectName = 'sqlite' | 'postgres';
