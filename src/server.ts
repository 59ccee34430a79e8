// Opens the database, wires the services and builds the app: shared by `kith serve` and the in-process CLI.
import { newId } from './app/ids.js';
import { openDatabase } from './db/create-db.js';
import { Store } from './db/store.js';
import { createServices, type Services } from './app/services.js';
import { DEFAULT_APP_CONFIG, systemClock } from './app/context.js';
import { buildApp, type App } from './http/build-app.js';
import { defaultWebRoot } from './http/web-app.js';
import type { KithConfig } from './config.js';

export interface Runtime {
  store: Store;
  services: Services;
  close(): Promise<void>;
}

export async function openRuntime(config: Pick<KithConfig, 'dataDir' | 'databaseUrl'>): Promise<Runtime> {
  const store = new Store(await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  const services = createServices({ store, clock: systemClock, newId, config: DEFAULT_APP_CONFIG });
  return {
    store,
    services,
    close: async () => {
      // The OCR workers, if a card was read, go first: they hold threads that would keep the process alive.
      await services.cards.close();
      await store.close();
    },
  };
}

/** How long after listening the OCR workers start: the first requests are answered before they take the cores. */
const CARD_READER_WARM_UP_DELAY_MS = 1_500;

export async function startServer(config: KithConfig, options: { logger?: boolean; warmCardReader?: boolean } = {}): Promise<{ app: App; runtime: Runtime; url: string }> {
  const runtime = await openRuntime(config);
  try {
    const app = await buildApp({ services: runtime.services, logger: options.logger ?? true, secureCookies: config.secureCookies, webRoot: config.webRoot ?? defaultWebRoot(), trustProxy: config.trustProxy });
    try {
      const address = await app.listen({ port: config.port, host: config.host });
      if (options.warmCardReader !== false) {
        // Warm workers: the first card of the day is read as fast as the others. A failure is logged and retried
        // at the first scan, which then says what is wrong.
        setTimeout(() => void runtime.services.cards.warmUp().catch((error: unknown) => app.log.warn({ err: error }, 'the card reader could not start')), CARD_READER_WARM_UP_DELAY_MS).unref();
      }
      // The digest scheduler and the outbox sender; stopped before the database closes.
      const { startBackgroundJobs } = await import('./jobs/background.js');
      const jobs = startBackgroundJobs(runtime.services, config, app.log, address);
      const closeRuntime = runtime.close;
      runtime.close = async () => {
        await jobs.stop();
        await closeRuntime();
      };
      return { app, runtime, url: address };
    } catch (error) {
      await app.close();
      throw error;
    }
  } catch (error) {
    // A busy port must not leave the database open behind it.
    await runtime.close();
    throw error;
  }
}
export { readConfig } from './config.js';
