import { describe, expect, it } from 'vitest';
import { readMailConfig, readPublicUrl } from './mail-config.js';

describe('mail settings from the environment', () => {
  it('without settings, mail is kept, links point to localhost and the scheduler runs every 30 s', () => {
    const publicUrl = readPublicUrl({}, 4321);
    expect(publicUrl).toBe('http://localhost:4321');
    expect(readMailConfig({}, publicUrl)).toEqual({ smtpUrl: undefined, from: 'Kith <kith@localhost>', unsubscribeMailto: null, jobs: true, tickSeconds: 30 });
  });

  it('reads the SMTP URL, the public URL, the sender and KITH_JOBS=off', () => {
    const env = { KITH_PUBLIC_URL: 'https://kith.example.org/', KITH_SMTP_URL: 'smtps://u:p@smtp.example.org:465', KITH_JOBS: 'off', KITH_JOBS_TICK_SECONDS: '5' };
    const publicUrl = readPublicUrl(env, 4321);
    expect(publicUrl).toBe('https://kith.example.org');
    expect(readMailConfig(env, publicUrl)).toMatchObject({ smtpUrl: 'smtps://u:p@smtp.example.org:465', from: 'Kith <kith@kith.example.org>', jobs: false, tickSeconds: 5 });
  });

  it('refuses values that cannot work, saying which variable is wrong', () => {
    expect(() => readPublicUrl({ KITH_PUBLIC_URL: 'kith.example.org' }, 1)).toThrow(/KITH_PUBLIC_URL/);
    expect(() => readPublicUrl({ KITH_PUBLIC_URL: 'ftp://kith.example.org' }, 1)).toThrow(/KITH_PUBLIC_URL/);
    expect(() => readMailConfig({ KITH_SMTP_URL: 'mail.example.org:25' }, 'http://localhost')).toThrow(/KITH_SMTP_URL/);
    expect(() => readMailConfig({ KITH_JOBS: 'maybe' }, 'http://localhost')).toThrow(/KITH_JOBS/);
    expect(() => readMailConfig({ KITH_JOBS_TICK_SECONDS: '0' }, 'http://localhost')).toThrow(/KITH_JOBS_TICK_SECONDS/);
  });
});
