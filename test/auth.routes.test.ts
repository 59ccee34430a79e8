import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, type AppKit } from './helpers.js';
import { readConfig } from '../src/config.js';
import { buildApp } from '../src/http/build-app.js';

function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0] ?? '';
}

describe.each(DIALECTS)('accounts and sessions on %s', (dialect) => {
  let kit: AppKit;
  beforeAll(async () => {
    kit = await createAppKit(dialect);
  });
  afterAll(() => kit.close());

  it('a person signs up, signs in and gets an HttpOnly SameSite session cookie', async () => {
    const up = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'Mia@Example.com', password: 'a long password', timeZone: 'Asia/Tokyo' } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().account.email).toBe('mia@example.com');
    expect(up.body).not.toContain('password');

    const signIn = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/kith_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const me = await kit.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(signIn.headers['set-cookie']) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.email).toBe('mia@example.com');
    const settings = await kit.app.inject({ method: 'GET', url: '/api/v1/settings', headers: { cookie: cookieOf(signIn.headers['set-cookie']) } });
    expect(settings.json().timeZone).toBe('Asia/Tokyo');
  });

  it('signing up twice with the same e-mail is a conflict', async () => {
    const again = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'mia@example.com', password: 'another long one' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('KITH_ACCOUNT_EXISTS');
  });

  it('a wrong password and an unknown e-mail get the same answer', async () => {
    const wrong = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'not the password' } });
    const unknown = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@example.com', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('a short password is refused with the reason', async () => {
    const res = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'short@example.com', password: 'short' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'KITH_PASSWORD_TOO_SHORT', message: 'password: must be at least 10 characters' });
  });

  it('with a session cookie, a write needs the CSRF token; with it, the write goes through', async () => {
    const signIn = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const csrf = signIn.json().csrfToken as string;
    const without = await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie }, payload: { fullName: 'Ada Lovelace' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('KITH_CSRF');
    const wrong = await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie, 'x-csrf-token': 'forged' }, payload: { fullName: 'Ada Lovelace' } });
    expect(wrong.statusCode).toBe(403);
    const withToken = await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie, 'x-csrf-token': csrf }, payload: { fullName: 'Ada Lovelace' } });
    expect(withToken.statusCode, withToken.body).toBe(201);
  });

  it('signing out ends the session', async () => {
    const signIn = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const out = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie, 'x-csrf-token': signIn.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    const me = await kit.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('KITH_NOT_AUTHENTICATED');
  });

  it('an expired session no longer works, and is swept away at the next sign-in', async () => {
    const signIn = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    kit.clock.advanceDays(31);
    try {
      const me = await kit.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(me.statusCode).toBe(401);
      await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
      const sessions = await kit.store.db.selectFrom('sessions').select('expires_at').execute();
      expect(sessions).toHaveLength(1);
    } finally {
      kit.clock.advanceDays(-31);
    }
  });

  it('API tokens are shown once, stored hashed, listed by prefix and can be revoked', async () => {
    const signIn = await kit.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@example.com', password: 'a long password' } });
    const headers = { cookie: cookieOf(signIn.headers['set-cookie']), 'x-csrf-token': signIn.json().csrfToken };
    const created = await kit.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'laptop script' } });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^kith_[A-Za-z0-9_-]{40,}$/);
    const rows = await kit.store.db.selectFrom('api_tokens').select(['token_hash']).execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);

    const list = await kit.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.json().items[0]).toMatchObject({ name: 'laptop script', prefix: token.slice(0, 11) });

    const revoke = await kit.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.json().record.id}`, headers });
    expect(revoke.statusCode).toBe(204);
    const after = await kit.app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('a request with no credentials is told to sign in', async () => {
    const res = await kit.app.inject({ method: 'GET', url: '/api/v1/people' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('KITH_NOT_AUTHENTICATED');
  });
});

describe('sign-in is rate-limited', () => {
  it('after 5 attempts a minute from one address, the next is refused with 429', async () => {
    const kit = await createAppKit('sqlite');
    const app = await buildApp({ services: kit.services, docs: false, signInPerMinute: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'x@example.com', password: 'wrong password' } });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json().error.code).toBe('KITH_RATE_LIMITED');
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await app.close();
      await kit.close();
    }
  });
});

describe('behind a proxy (KITH_TRUST_PROXY)', () => {
  it('counts the client address the trusted proxy forwards, and ignores the header from anyone else', async () => {
    expect(readConfig({ KITH_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(readConfig({}).trustProxy).toBeUndefined();
    expect(() => readConfig({ KITH_TRUST_PROXY: 'everyone' })).toThrow('KITH_TRUST_PROXY must list proxy addresses');
    const kit = await createAppKit('sqlite');
    const behind = await buildApp({ services: kit.services, docs: false, signInPerMinute: 2, trustProxy: ['127.0.0.1'] });
    try {
      const attempt = (remoteAddress: string, forwarded: string) =>
        behind.inject({ method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { email: `${forwarded}@example.com`, password: 'wrong password' } });
      // Through the trusted proxy: each client has its own limit.
      for (let i = 0; i < 3; i++) expect((await attempt('127.0.0.1', `203.0.113.${i}`)).statusCode).toBe(401);
      // From elsewhere, the header is not believed: one address, whatever it says.
      const direct = [];
      for (let i = 0; i < 3; i++) direct.push((await attempt('198.51.100.7', `192.0.2.${i}`)).statusCode);
      expect(direct).toEqual([401, 401, 429]);
    } finally {
      await behind.close();
      await kit.close();
    }
  });
});
