// `kith feed` as a person uses it: locally (a temporary data folder) and against a server over HTTP, whose feed URL a
// calendar then reads with fetch.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKith } from './cli-run.js';
import { createAppKit, signUpWithToken, type AppKit } from './helpers.js';

const kith = (args: string[], env: NodeJS.ProcessEnv, stdin = '') => runKith(args, { env, stdin });

describe('`kith feed` on the local database', () => {
  const env = { KITH_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kith-feed-cli-')), KITH_PORT: '5678' };

  afterAll(() => rmSync(env.KITH_DATA_DIR, { recursive: true, force: true }));

  beforeAll(async () => {
    const init = await kith(['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'UTC'], env, 'a long password here\n');
    expect(init.code, init.stderr).toBe(0);
  });

  it('says there is no feed, makes one and prints its URL once, then says it exists without the URL', async () => {
    expect((await kith(['feed'], env)).stdout).toBe('No calendar feed. `kith feed new` makes one.\n');
    const made = await kith(['feed', 'new'], env);
    expect(made.code).toBe(0);
    const url = /http:\/\/localhost:5678\/feeds\/[A-Za-z0-9_-]{43}\.ics/.exec(made.stdout)?.[0];
    expect(url).toBeDefined();
    expect(made.stderr).toContain('shown only this once');
    expect(made.stderr).toContain('--base-url');
    const status = await kith(['feed'], env);
    expect(status.stdout).toMatch(/^Calendar feed [A-Za-z0-9_-]{6}…, made /);
    expect(status.stdout).toContain('Not read by any calendar yet.');
    expect(status.stdout).not.toContain(url!.slice(-20));
  });

  it('takes --base-url, refuses a bad one, and --json prints the API answer', async () => {
    const made = await kith(['--json', 'feed', 'new', '--base-url', 'https://kith.example.com/'], env);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).url).toMatch(/^https:\/\/kith\.example\.com\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const bad = await kith(['feed', 'new', '--base-url', 'ftp://x'], env);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('kith: --base-url: "ftp://x" is not an http(s) URL\n');
  });

  it('revokes the feed, and says so plainly when there is none', async () => {
    expect((await kith(['feed', 'revoke'], env)).stdout).toBe('Calendar feed revoked: calendars subscribed to it will stop updating.\n');
    const again = await kith(['feed', 'revoke'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('kith: this account has no calendar feed (it was never created, or was revoked already)\n');
  });
});

describe('`kith feed new --server` and a calendar reading the URL over HTTP', () => {
  let kit: AppKit;
  let url: string;
  let token: string;

  beforeAll(async () => {
    kit = await createAppKit('sqlite');
    const { headers } = await signUpWithToken(kit, 'ana@example.com');
    token = headers.authorization!.replace('Bearer ', '');
    await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers, payload: { fullName: 'Jane Doe' } });
    await kit.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => kit.close());

  it('prints a URL on the server that answers text/calendar, and 304 when asked again with its ETag', async () => {
    const made = await kith(['--server', url, '--token', token, 'feed', 'new'], {});
    expect(made.code, made.stderr).toBe(0);
    const feedUrl = made.stdout.trim().split('\n').pop()!.trim();
    expect(feedUrl.startsWith(`${url}/feeds/`)).toBe(true);
    const res = await fetch(feedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await res.text();
    expect(body).toContain('SUMMARY:Follow up with Jane Doe');
    const again = await fetch(feedUrl, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const wrong = await fetch(feedUrl.replace(/.{6}\.ics$/, 'AAAAAA.ics'));
    expect([wrong.status, await wrong.text()]).toEqual([404, 'Not found']);
  });
});
