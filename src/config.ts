// Configuration from the environment, read once at start-up (never inside core).
import path from 'node:path';

export interface KithConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  secureCookies: boolean;
  /** The built web app (KITH_WEB_DIR); by default dist/web of this package. */
  webRoot?: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): KithConfig {
  const port = Number(env.KITH_PORT ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`KITH_PORT must be a port number, not "${env.KITH_PORT}"`);
  return {
    dataDir: path.resolve(env.KITH_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    port,
    host: env.KITH_HOST ?? '127.0.0.1',
    secureCookies: env.KITH_SECURE_COOKIES === 'true',
    webRoot: env.KITH_WEB_DIR ? path.resolve(env.KITH_WEB_DIR) : undefined,
  };
}
