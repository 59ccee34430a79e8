// `kith share` as a person uses it, in-process on a temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKith } from './cli-run.js';

const kith = (dataDir: string, args: string[], stdin?: string) => runKith(args, { dataDir, ...(stdin === undefined ? {} : { stdin }) });

describe('kith share', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-share-cli-'));
  let shareId = '';

  beforeAll(async () => {
    expect((await kith(dataDir, ['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'UTC'], 'a long password here\n')).code).toBe(0);
    expect((await kith(dataDir, ['add', 'Jane Doe, jane@acme.com, loves opera'])).code).toBe(0);
    expect((await kith(dataDir, ['add', 'Raj Patel, recruiting engineers'])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a thing to share with its topic and link', async () => {
    const run = await kith(dataDir, ['--json', 'share', 'add', 'La Traviata at the Civic Opera, 12 March', '--topic', 'opera', '--link', 'https://civicopera.example/traviata']);
    expect(run.stderr).toBe('');
    const { share } = JSON.parse(run.stdout) as { share: { id: string; topics: string[]; link: string } };
    expect(share).toMatchObject({ topics: ['opera'], link: 'https://civicopera.example/traviata' });
    shareId = share.id;
  });

  it('lists the people it fits, with the reason, in words and as JSON', async () => {
    const run = await kith(dataDir, ['share', 'matches', shareId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 person matches');
    expect(run.stdout).toContain('Jane loves opera');
    const page = JSON.parse((await kith(dataDir, ['share', 'matches', shareId, '--json'])).stdout) as { items: { fullName: string; reasonText: string }[] };
    expect(page.items.map((m) => m.reasonText)).toEqual(['Jane loves opera']);
  });

  it('logs a send by name, and then no longer lists them', async () => {
    const run = await kith(dataDir, ['share', 'sent', shareId, 'jane']);
    expect(run.stdout).toBe('Logged: shared with Jane Doe.\n');
    expect((await kith(dataDir, ['share', 'matches', shareId])).stdout).toContain('0 people match');
    expect((await kith(dataDir, ['show', 'jane'])).stdout).toContain('Shared: La Traviata at the Civic Opera, 12 March');
    expect((await kith(dataDir, ['share', 'list'])).stdout).toContain('sent to 1 person');
  });

  it('says what is wrong with bad input, on one line', async () => {
    const noTopic = await kith(dataDir, ['share', 'add', 'Something']);
    expect(noTopic.code).not.toBe(0);
    expect(noTopic.stderr).toMatch(/--topic/);
    const badLink = await kith(dataDir, ['share', 'add', 'Something', '--topic', 'jazz', '--link', 'ftp://x.example']);
    expect(badLink.code).not.toBe(0);
    expect(badLink.stderr).toMatch(/^kith: --link: must be a web address/);
    const unknown = await kith(dataDir, ['share', 'matches', '01234567-89ab-7def-8123-456789abcdef']);
    expect(unknown.stderr).toMatch(/no thing to share/);
    expect((await kith(dataDir, ['share', 'matches', 'nope'])).stderr).toMatch(/not the id of a thing to share/);
  });
});
