// Once per test run: make a fresh PostgreSQL database for the repository and route tests, drop it afterwards.
// Without PostgreSQL the PostgreSQL tests skip with a loud message, except in CI (CI=true), where that fails the run.
import pg from 'pg';

const ADMIN_URL = process.env.KITH_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but ${ADMIN_URL} cannot be reached: ${reason}`);
    }
    console.warn(`\n!!! PostgreSQL at ${ADMIN_URL} cannot be reached (${reason}): the PostgreSQL tests are SKIPPED.\n`);
    process.env.KITH_TEST_PG_URL = '';
    return;
  }
  const name = `kith_test_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.KITH_TEST_PG_URL = url.toString();

  return async () => {
    const dropper = new pg.Client({ connectionString: ADMIN_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
}
