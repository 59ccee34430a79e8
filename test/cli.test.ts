// The `kith` command as a person uses it: runCli in-process on a temporary data folder, against a real server over
// HTTP, and the built binary in a child process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKith, type Run } from './cli-run.js';
import { createAppKit, signUpWithToken, type AppKit } from './helpers.js';

const JANE = 'Jane Doe, CTO at Acme Corp, jane@acme.com, +44 20 7946 0958, loves opera, hiring engineers; promised to send the white paper on remote hiring';
const BOB = 'Bob Stone (Stone & Co) bob@stone.co — marathon runner, met via Priya';
const PASSWORD = 'a long password here';
const SOME_ID = '01234567-89ab-7def-8123-456789abcdef';
const ONE_LINE = /^kith: [^\n]+\n$/;


function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kith-cli-'));
}

const kith = runKith;

function json<T = Record<string, unknown>>(run: Run): T {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** Today in UTC, the time zone the initialised folder is set to. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('before `kith init`', () => {
  const dataDir = tempDir();
  const commands = [
    ['find', 'jan'],
    ['show', 'jane'],
    ['add', JANE],
    ['log', 'jane', 'call'],
    ['promise', 'jane', 'send the paper'],
    ['done', SOME_ID],
    ['due'],
    ['stage', 'jane', 'talking'],
    ['snooze', 'jane', '--days', '3'],
    ['event', 'new', 'Mixer', '--start', '2026-03-10 18:00'],
    ['event', 'list'],
    ['event', 'here', SOME_ID],
    ['event', 'recap', SOME_ID],
    ['export', '--json'],
    ['token', 'create', 'laptop'],
  ];

  it.each(commands.map((c) => [c.join(' '), c]))('`kith %s` says to run `kith init` first and exits with 1', async (_name, args) => {
    const run = await kith(args as string[], { dataDir });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `kith: run \`kith init\` first (no account in ${dataDir})\n` });
  });

  it('creates no database while saying so', () => {
    expect(existsSync(path.join(dataDir, 'kith.sqlite'))).toBe(false);
  });

  it('`kith init` without a terminal or flags says to use --email and --password-stdin', async () => {
    const run = await kith(['init'], { dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain('--email you@example.com --password-stdin');
  });

  it('`kith init` with a short password says how long it must be and sets nothing up', async () => {
    const run = await kith(['init', '--email', 'me@example.com', '--password-stdin'], { dataDir, stdin: 'short\n' });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'kith: password: must be at least 10 characters\n' });
    expect(existsSync(path.join(dataDir, 'cli-token'))).toBe(false);
  });

  it('an unknown command is a usage error on one line', async () => {
    const run = await kith(['frobnicate'], { dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("kith: unknown command 'frobnicate'\n");
  });
});

describe('`kith init` without --region', () => {
  it("takes the phone region from the time zone's country", async () => {
    const run = await kith(['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'Europe/Berlin'], { dataDir: tempDir(), stdin: `${PASSWORD}\n` });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/region\s+DE \(for phone numbers without a \+code\)/);
  });
});

describe('a local data folder after `kith init --email --password-stdin`', () => {
  const dataDir = tempDir();
  let init: Run;
  const local = (...args: string[]) => kith(args, { dataDir });

  beforeAll(async () => {
    init = await kith(['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'UTC', '--region', 'GB'], { dataDir, stdin: `${PASSWORD}\n` });
  });

  it('init says Kith is ready and keeps the CLI token readable by its owner only', () => {
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Kith is ready for me@example.com.');
    expect(init.stdout).toMatch(/time zone\s+UTC/);
    expect(init.stdout).toMatch(/region\s+GB/);
    const tokenFile = path.join(dataDir, 'cli-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(tokenFile, 'utf8')).toMatch(/^kith_\S+\n$/);
  });

  it('a second init refuses: the folder is already set up', async () => {
    const run = await kith(['init', '--email', 'other@example.com', '--password-stdin'], { dataDir, stdin: PASSWORD });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`kith: ${dataDir} is already set up (account and CLI token); nothing to do\n`);
  });

  it('add prints who was added and what was understood, with the promise and follow-up days', async () => {
    const run = await local('add', JANE);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out.split('\n')[0]).toBe('Added Jane Doe, CTO at Acme Corp');
    expect(out).toMatch(/email\s+jane@acme\.com/);
    expect(out).toMatch(/phone\s+\+44 20 7946 0958/);
    expect(out).toMatch(/interest\s+opera/);
    expect(out).toMatch(/challenge\s+hiring engineers/);
    expect(out).toMatch(/you promised\s+send the white paper on remote hiring \(by \w{3} \d{1,2} \w{3}/);
    expect(out).toMatch(/follow up\s+by \w{3} \d{1,2} \w{3}/);
  });

  it('add understands the second example: company in brackets, a personal topic and who introduced them', async () => {
    const run = await local('add', BOB);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Added Bob Stone (Stone & Co)');
    expect(run.stdout).toMatch(/personal\s+marathon runner/);
    expect(run.stdout).toMatch(/introduced by\s+Priya/);
  });

  it('find jan --json gives Jane, as JSON and nothing else', async () => {
    const page = json<{ items: { fullName: string; company: string | null }[] }>(await local('find', 'jan', '--json'));
    expect(page.items.map((p) => [p.fullName, p.company])).toEqual([['Jane Doe', 'Acme Corp']]);
  });

  it('find with no words lists everyone in aligned columns', async () => {
    const run = await local('find');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const idColumn = lines.map((l) => l.search(/[0-9a-f]{8}-/));
    expect(new Set(idColumn).size).toBe(1);
  });

  it('show jane prints her details and the promise she is owed', async () => {
    const run = await local('show', 'jane', 'doe', 'acme');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Jane Doe, CTO at Acme Corp');
    expect(run.stdout).toMatch(/stage\s+met/);
    expect(run.stdout).toContain('Promises');
    expect(run.stdout).toMatch(/you owe\s+send the white paper on remote hiring/);
  });

  it('log records a touch, accepting sent-something for sent_something', async () => {
    const call = await local('log', 'bob', 'call', 'talked', 'about', 'the', 'race');
    expect(call.stdout).toMatch(/^Logged a call with Bob Stone, \w{3} \d{1,2} \w{3}: talked about the race\n/);
    const sent = await local('log', 'Bob Stone', 'sent-something', '--on', todayUtc(), 'the marathon guide');
    expect(sent.code).toBe(0);
    const detail = json<{ interactions: { kind: string; summary: string }[] }>(await local('show', 'bob', '--json'));
    expect(detail.interactions.map((i) => [i.kind, i.summary]).sort()).toEqual([
      ['call', 'talked about the race'],
      ['sent_something', 'the marathon guide'],
    ]);
  });

  it('promise, due and done: a promise due today is listed under Due today until it is kept', async () => {
    const made = await local('promise', 'bob', 'send the race calendar', '--due', todayUtc());
    expect(made.stdout).toMatch(/^You promised Bob Stone: send the race calendar \(by .+\)\.\nWhen it is kept: kith done [0-9a-f-]{36}\n$/);
    const promiseId = made.stdout.match(/kith done ([0-9a-f-]{36})/)![1]!;

    const due = json<{ today: string; items: { promiseId: string | null; state: string; reasonText: string }[] }>(await local('due', '--json'));
    expect(due.today).toBe(todayUtc());
    expect(due.items.find((i) => i.promiseId === promiseId)).toMatchObject({ state: 'due', reasonText: expect.stringContaining('send the race calendar') });

    const human = await local('due');
    expect(human.stdout).toMatch(/^Today \(\d{4}-\d\d-\d\d\): \d+ to contact\n/);
    expect(human.stdout).toContain('You promised Bob: send the race calendar (due today).');
    expect(human.stdout).toContain("Hi Bob,");
    expect(human.stdout).toContain(`When kept: kith done ${promiseId}`);
    const all = await local('due', '--all');
    expect(all.stdout).toContain('Due today (1)');
    expect(all.stdout).toContain('Mention: marathon runner (personal)');

    expect((await local('done', promiseId)).stdout).toBe('Kept: send the race calendar.\n');
    const after = json<{ items: { promiseId: string | null }[] }>(await local('due', '--json'));
    expect(after.items.some((i) => i.promiseId === promiseId)).toBe(false);
    expect((await local('done', promiseId, '--undo')).stdout).toMatch(/^Open again: send the race calendar/);
  });

  it('event new, here and recap: a person added at the event counts toward its goal', async () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const created = json<{ event: { id: string; goal: number } }>(await local('event', 'new', 'Chamber mixer', '--start', start, '--place', 'Town Hall', '--json'));
    expect(created.event.goal).toBe(3);
    const eventId = created.event.id;

    const here = await local('event', 'here', eventId);
    expect(here.stdout).toContain('You are at Chamber mixer.');
    expect(here.stdout).toContain('Goal: 0 of 3 new people');

    const added = await local('add', 'Carla Ruiz, Founder at Ruiz Labs, loves jazz');
    expect(added.stdout).toMatch(/met at\s+Chamber mixer \(goal: 1 of 3 new people\)/);

    const recap = await local('event', 'recap', eventId);
    expect(recap.stdout).toContain('At Chamber mixer you met 1 new person of a goal of 3');
    expect(recap.stdout).toContain('Goal: 1 of 3 new people');
    expect(recap.stdout).toMatch(/Carla Ruiz\s+Ruiz Labs\s+new/);

    const list = json<{ items: { id: string }[] }>(await local('event', 'list', '--json'));
    expect(list.items.map((e) => e.id)).toContain(eventId);
    expect((await local('event', 'list')).stdout).toMatch(new RegExp(`Chamber mixer\\s+attending\\s+goal 1 of 3\\s+${eventId}`));
  });

  it('event new reads "YYYY-MM-DD HH:MM" in the event\'s time zone, and "HH:MM" as the end on the same day', async () => {
    const created = json<{ event: { startsAt: string; endsAt: string; timeZone: string } }>(
      await local('event', 'new', 'Summer drinks', '--start', '2030-07-01 18:00', '--end', '21:30', '--tz', 'Europe/London', '--json'),
    );
    expect(created.event).toMatchObject({ startsAt: '2030-07-01T17:00:00.000Z', endsAt: '2030-07-01T20:30:00.000Z', timeZone: 'Europe/London' });
  });

  it('stage moves someone on and keeps the history', async () => {
    const run = await local('stage', 'jane doe acme', 'talking');
    expect(run.stdout.split('\n')[0]).toBe('Jane Doe: met → talking.');
    const detail = json<{ person: { stage: string }; stageHistory: { toStage: string }[] }>(await local('show', 'jane doe acme', '--json'));
    expect(detail.person.stage).toBe('talking');
    expect(detail.stageHistory.map((s) => s.toStage)).toEqual(expect.arrayContaining(['met', 'talking']));
  });

  it('snooze hides a follow-up for some days', async () => {
    const run = await local('snooze', 'bob', '--days', '7');
    expect(run.stdout).toMatch(/^Bob Stone's follow-up is snoozed until \w{3} \d{1,2} \w{3}/);
  });

  it('export --json prints the whole export, and --output writes it to a file for its owner only', async () => {
    const data = json<{ format: string; data: { people: { fullName: string }[] } }>(await local('export', '--json'));
    expect(data.format).toBe('kith-export');
    expect(data.data.people.map((p) => p.fullName)).toEqual(expect.arrayContaining(['Jane Doe', 'Bob Stone', 'Carla Ruiz']));

    const file = path.join(tempDir(), 'export.json');
    const run = await local('export', '--json', '--output', file);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Exported 3 people and 2 events to /);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('kith-export');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('token create prints the new token once, with a warning to store it', async () => {
    const run = await local('token', 'create', 'laptop');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^API token "laptop":\n {2}kith_\S+\n$/);
    expect(run.stderr).toContain('shown only this once');
  });

  describe('errors: a non-zero exit and one line on stderr', () => {
    it('someone no one matches', async () => {
      const run = await local('show', 'zelda');
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(ONE_LINE);
      expect(run.stderr).toContain('no one matches "zelda"');
    });

    it('an id no one has', async () => {
      const run = await local('log', SOME_ID, 'call');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`kith: no person with id ${SOME_ID}\n`);
    });

    it('a name several people match lists them with company and id', async () => {
      await local('add', 'Janet Smith, Designer at Foo Ltd', '--no-event');
      const run = await local('show', 'jan');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(ONE_LINE);
      expect(run.stderr).toMatch(/^kith: "jan" matches several people: /);
      expect(run.stderr).toMatch(/Jane Doe \(Acme Corp\) [0-9a-f-]{36}/);
      expect(run.stderr).toMatch(/Janet Smith \(Foo Ltd\) [0-9a-f-]{36}/);
    });

    it('a day that does not exist', async () => {
      const run = await local('log', 'bob', 'call', '--on', '2026-02-30');
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'kith: --on: "2026-02-30" is not a day; write it as YYYY-MM-DD (e.g. 2026-03-10)\n' });
    });

    it('a due day in the past, refused by the API, named by the option that was typed', async () => {
      const run = await local('promise', 'bob', 'lunch', '--due', '2001-01-01');
      expect(run).toEqual({ code: 1, stdout: '', stderr: `kith: --due: is before today (${todayUtc()})\n` });
    });

    it('an event that ends before it starts', async () => {
      const run = await local('event', 'new', 'Backwards', '--start', '2030-01-01T18:00:00Z', '--end', '2030-01-01T17:00:00Z');
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'kith: --end: is before the start\n' });
    });

    it('a stage that does not exist', async () => {
      const run = await local('stage', 'bob', 'boss');
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'kith: "boss" is not a stage; use met, talking, relationship, client or dormant\n' });
    });

    it('a kind of touch that does not exist', async () => {
      const run = await local('log', 'bob', 'lunch');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('"lunch" is not a kind of touch');
    });

    it('a missing required option', async () => {
      const run = await local('event', 'new', 'No start');
      expect(run).toEqual({ code: 2, stdout: '', stderr: "kith: required option '--start <time>' not specified\n" });
    });
  });

  it('add warns on stderr when the person may already be known', async () => {
    const run = await local('add', 'J. Doe, jane@acme.com', '--no-event');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^You may already know Jane Doe \(Acme Corp\)[^\n]*kith show [0-9a-f-]{36}\n$/);
  });
});

describe('--server URL --token T against a running server', () => {
  let kit: AppKit;
  let url: string;
  let token: string;

  beforeAll(async () => {
    kit = await createAppKit('sqlite');
    const { headers } = await signUpWithToken(kit, 'ana@example.com');
    token = headers.authorization!.replace('Bearer ', '');
    await kit.app.inject({ method: 'POST', url: '/api/v1/capture', headers, payload: { text: JANE } });
    await kit.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => kit.close());

  it('find reaches the server', async () => {
    const run = await kith(['--server', url, '--token', token, 'find', 'jan']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Jane Doe\s+Acme Corp\s+met/);
  });

  it('due --json reaches the server named by KITH_SERVER and KITH_TOKEN (its clock says 2026-03-10)', async () => {
    const due = json<{ today: string; items: unknown[] }>(await kith(['due', '--json'], { env: { KITH_SERVER: url, KITH_TOKEN: token } }));
    expect(due.today).toBe('2026-03-10');
  });

  it('a bad token gives a one-line "not valid" error', async () => {
    const run = await kith(['--server', url, '--token', 'kith_wrong', 'find', 'jan']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain('this API token is not valid');
  });

  it('--server without a token says how to give one', async () => {
    const run = await kith(['--server', url, 'due']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kith: --server needs an API token/);
  });

  it('a server that cannot be reached exits with 3', async () => {
    const run = await kith(['--server', 'http://127.0.0.1:9', '--token', token, 'due']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^kith: cannot reach http:\/\/127\.0\.0\.1:9: /);
  });
});

const BIN = path.resolve('bin/kith.js');
const BUILT = existsSync(path.resolve('dist/cli/main.js'));
if (!BUILT) console.warn('\n!!! dist/cli/main.js is missing: the tests of the built `kith` binary are SKIPPED; run `npm run build` first.\n');

function spawnKith(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, KITH_SERVER: '', KITH_TOKEN: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe.skipIf(!BUILT)('the built `kith` binary', () => {
  it('prints its help and exits with 0', async () => {
    const run = spawnKith(['--help'], {});
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Usage: kith [options] [command]');
  });

  it('exits at once with 1 and the reason when the folder is not initialised', async () => {
    const dataDir = tempDir();
    const run = spawnKith(['due'], { KITH_DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toBe(`kith: run \`kith init\` first (no account in ${dataDir})\n`);
  });

  it('serve says where Kith is running and stops cleanly on SIGTERM', async () => {
    const run = spawnKith(['serve', '--no-log'], { KITH_DATA_DIR: tempDir(), KITH_PORT: '0' });
    const started = Date.now();
    while (!/running at (http:\S+)/.test(run.output().stdout) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    const address = /Kith is running at (http:\S+)/.exec(run.output().stdout)?.[1];
    expect(address, run.output().stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${address}/healthz`)).json()).toEqual({ ok: true });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output().stderr).toContain('Kith has stopped.');
  });
});
