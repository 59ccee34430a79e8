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
  /**
   * Which proxies in front of Kith to believe about the client's address (X-Forwarded-For), for the limits per
   * address (KITH_TRUST_PROXY): their addresses or CIDR ranges, comma-separated; none by default.
   */
  trustProxy?: string[] | undefined;
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
    trustProxy: readTrustProxy(env.KITH_TRUST_PROXY),
  };
}

function readTrustProxy(value: string | undefined): string[] | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  for (const p of parts) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p)) {
      throw new Error(`KITH_TRUST_PROXY must list proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8), not "${value}"`);
    }
  }
  return parts;
}
