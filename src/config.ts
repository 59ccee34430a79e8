// Configuration from the environment, read once at start-up (never inside core).
import path from 'node:path';
import { readMailConfig, readPublicUrl, type MailConfig } from './mail/mail-config.js';

export interface KithConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  secureCookies: boolean;
  /** The built web app (KITH_WEB_DIR); by default dist/web of this package. */
  webRoot?: string | undefined;
  /** Where people reach this server (KITH_PUBLIC_URL; without it http://localhost:<the port listened on>): links in e-mails use it. */
  publicUrl?: string | undefined;
  /** SMTP, the sender's address and the background jobs (docs/mail.md). */
  mail?: MailConfig | undefined;
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
    publicUrl: env.KITH_PUBLIC_URL ? readPublicUrl(env, port) : undefined,
    mail: readMailConfig(env, readPublicUrl(env, port)),
  };
}
