// The HTTP baseline: a bare Fastify server answering {hello:'world'}. Prints {"url": …} once listening.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const url = await app.listen({ port: Number(process.env.KITH_PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
