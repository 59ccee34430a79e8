// `kith app-password` as a person uses it on the local database: make one for a phone (shown once, with the address
// and user name), list it, revoke it by name or id, and clear errors for the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKith } from './cli-run.js';

const kith = (args: string[], env: NodeJS.ProcessEnv, stdin = '') => runKith(args, { env, stdin });

describe('`kith app-password` on the local database', () => {
  const env = { KITH_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kith-app-password-cli-')), KITH_PORT: '5679' };

  afterAll(() => rmSync(env.KITH_DATA_DIR, { recursive: true, force: true }));

  beforeAll(async () => {
    const init = await kith(['init', '--email', 'ada@example.com', '--password-stdin', '--time-zone', 'UTC'], env, 'a long password here\n');
    expect(init.code, init.stderr).toBe(0);
  });

  it('says there is none, makes one shown once with the address and user name, then lists it without the password', async () => {
    expect((await kith(['app-password'], env)).stdout).toBe('No app passwords. `kith app-password new <device>` makes one for a phone.\n');
    const made = await kith(['app-password', 'new', "Ada's iPhone"], env);
    expect(made.code, made.stderr).toBe(0);
    const password = /^App password for "Ada's iPhone":\n {2}(\S+)\n/.exec(made.stdout)?.[1];
    expect(password).toBeDefined();
    expect(made.stdout).toContain('Server:    http://localhost:5679\n');
    expect(made.stdout).toContain('User name: ada@example.com\n');
    expect(made.stdout).toMatch(/Address book \(for clients that ask for the full URL\): http:\/\/localhost:5679\/dav\/addressbooks\/[0-9a-f-]+\/contacts\/\n/);
    expect(made.stderr).toContain('shown only this once');
    expect(made.stderr).toContain('--base-url');
    const list = await kith(['app-password'], env);
    expect(list.stdout).toMatch(/^Ada's iPhone {2}\S{4,}… {2}made \d{4}-\d\d-\d\d \d\d:\d\d UTC, last used never {2}\([0-9a-f-]+\)\n$/);
    expect(list.stdout).not.toContain(password!);
  });

  it('--json prints the API answer with the address book URL; --base-url is checked', async () => {
    const made = await kith(['--json', 'app-password', 'new', 'Pixel', '--base-url', 'https://kith.example.com/'], env);
    expect(made.code, made.stderr).toBe(0);
    const answer = JSON.parse(made.stdout) as { password: string; record: { name: string }; server: string; username: string; addressBook: string };
    expect(answer).toMatchObject({ record: { name: 'Pixel' }, server: 'https://kith.example.com', username: 'ada@example.com' });
    expect(answer.addressBook).toMatch(/^https:\/\/kith\.example\.com\/dav\/addressbooks\/[0-9a-f-]+\/contacts\/$/);
    const bad = await kith(['app-password', 'new', 'Tablet', '--base-url', 'ftp://x'], env);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('kith: --base-url: "ftp://x" is not an http(s) URL\n');
  });

  it('revokes by name (any case) or id, and says plainly when there is no such one or the name is ambiguous', async () => {
    expect((await kith(['app-password', 'new', 'Pixel'], env)).code).toBe(0);
    const twice = await kith(['app-password', 'revoke', 'pixel'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^kith: 2 app passwords are named "pixel": revoke one by its id \([0-9a-f-]+, [0-9a-f-]+\)\n$/);
    const id = /\(([0-9a-f-]+), /.exec(twice.stderr)![1]!;
    expect((await kith(['app-password', 'revoke', id], env)).stdout).toBe('Revoked "Pixel": that device can no longer sync.\n');
    expect((await kith(['app-password', 'revoke', "ada's IPHONE"], env)).stdout).toBe('Revoked "Ada\'s iPhone": that device can no longer sync.\n');
    const none = await kith(['app-password', 'revoke', 'Watch'], env);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe('kith: no app password named "Watch" (`kith app-password` lists them)\n');
    expect((await kith(['app-password'], env)).stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
