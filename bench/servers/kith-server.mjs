// Kith's server from the built code, as `kith serve` runs it but without the CLI: configuration from the
// environment (KITH_DATA_DIR, KITH_PORT; 0 picks a free port), logger off. Prints {"url": …} once listening.
import { readConfig, startServer } from '../../dist/server.js';

// No OCR warm-up: its second of CPU would land inside the timed runs (figures 3 and 4 are about the API).
const { app, runtime, url } = await startServer(readConfig(process.env), { logger: false, warmCardReader: false });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  await runtime.close();
  process.exit(0);
});
