// Mail and background-job settings from the environment (read once at start-up, with the rest of KithConfig).

export interface MailConfig {
  /** smtp://user:pass@host:587 or smtps://…:465 (KITH_SMTP_URL); without it, messages are kept in the outbox. */
  smtpUrl: string | undefined;
  /** The From of Kith's messages (KITH_MAIL_FROM). */
  from: string;
  /** An address for List-Unsubscribe's mailto: form (KITH_MAIL_UNSUBSCRIBE_TO); none by default. */
  unsubscribeMailto: string | null;
  /** Run the scheduler and the outbox sender in `kith serve` (KITH_JOBS=off turns them off, for benchmarks). */
  jobs: boolean;
  /** Seconds between two ticks of the scheduler (KITH_JOBS_TICK_SECONDS, default 30). */
  tickSeconds: number;
}

export function readPublicUrl(env: NodeJS.ProcessEnv, port: number): string {
  const value = env.KITH_PUBLIC_URL || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`KITH_PUBLIC_URL must be an http(s) address such as https://kith.example.org, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`KITH_PUBLIC_URL must start with http:// or https://, not "${value}"`);
  return url.toString().replace(/\/+$/, '');
}

export function readMailConfig(env: NodeJS.ProcessEnv, publicUrl: string): MailConfig {
  const smtpUrl = env.KITH_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new Error('KITH_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
  const tickSeconds = Number(env.KITH_JOBS_TICK_SECONDS ?? 30);
  if (!Number.isFinite(tickSeconds) || tickSeconds < 1 || tickSeconds > 3600) throw new Error(`KITH_JOBS_TICK_SECONDS must be a number of seconds from 1 to 3600, not "${env.KITH_JOBS_TICK_SECONDS}"`);
  const jobs = (env.KITH_JOBS ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(jobs)) throw new Error(`KITH_JOBS must be on or off, not "${env.KITH_JOBS}"`);
  return {
    smtpUrl,
    from: env.KITH_MAIL_FROM || `Kith <kith@${new URL(publicUrl).hostname}>`,
    unsubscribeMailto: env.KITH_MAIL_UNSUBSCRIBE_TO || null,
    jobs: jobs === 'on',
    tickSeconds,
  };
}
