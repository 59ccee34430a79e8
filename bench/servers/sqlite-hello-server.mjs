// The start-up baseline: Fastify and better-sqlite3, opening the same SQLite file as Kith, one route (/healthz).
import path from 'node:path';
import Fastify from 'fastify';
import BetterSqlite3 from 'better-sqlite3';

const db = new BetterSqlite3(path.join(process.env.KITH_DATA_DIR ?? 'data', 'kith.sqlite'));
db.pragma('journal_mode = WAL');
const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ ok: db.prepare('SELECT 1 AS one').get().one === 1 }));
const url = await app.listen({ port: Number(process.env.KITH_PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  db.close();
  process.exit(0);
});
