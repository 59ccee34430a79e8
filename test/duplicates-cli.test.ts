// `kith duplicates` and `kith merge` as a person uses them, in-process on a temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKith } from './cli-run.js';

const kith = (dataDir: string, args: string[], stdin?: string) => runKith(args, { dataDir, ...(stdin === undefined ? {} : { stdin }) });

describe('kith duplicates and kith merge', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-dupes-cli-'));

  beforeAll(async () => {
    expect((await kith(dataDir, ['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'UTC'], 'a long password here\n')).code).toBe(0);
    expect((await kith(dataDir, ['add', 'Jane Doe, jane@acme.com'])).code).toBe(0);
    expect((await kith(dataDir, ['add', 'Janet Doe, jane@acme.com, CTO'])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists the pair with its evidence and the command to merge it', async () => {
    const run = await kith(dataDir, ['duplicates']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('certain: Jane Doe');
    expect(run.stdout).toContain('same e-mail jane@acme.com');
    const page = JSON.parse((await kith(dataDir, ['duplicates', '--json'])).stdout) as { items: { certain: boolean }[] };
    expect(page.items).toHaveLength(1);
  });

  it('shows the plan and does not merge without --yes when nobody can answer', async () => {
    const run = await kith(dataDir, ['merge', 'Jane Doe', 'Janet Doe']);
    expect(run.stdout).toContain('Merge Janet Doe into Jane Doe:');
    expect(run.stdout).toMatch(/title +keep: — +\| +merge: CTO +→ merge \(keep has none\)/);
    expect(run.stderr).toContain('Not merged');
    expect(JSON.parse((await kith(dataDir, ['duplicates', '--json'])).stdout).items).toHaveLength(1);
  });

  it('merges with --yes and --take, and undoes', async () => {
    const run = await kith(dataDir, ['--json', 'merge', 'Jane Doe', 'Janet Doe', '--take', 'fullName=merge', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    const { merge, person } = JSON.parse(run.stdout) as { merge: { id: string }; person: { fullName: string; title: string } };
    expect(person).toMatchObject({ fullName: 'Janet Doe', title: 'CTO' });
    const undo = await kith(dataDir, ['merge', '--undo', merge.id]);
    expect(undo.stdout).toBe('Undone: Jane Doe and Janet Doe are two people again.\n');
  });

  it('says what is wrong with bad input', async () => {
    const bad = await kith(dataDir, ['merge', 'Jane Doe', 'Janet Doe', '--take', 'colour=merge']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--take colour=merge: the fields are');
    expect((await kith(dataDir, ['merge', 'Jane Doe'])).stderr).toContain('kith merge KEEP MERGE');
    expect((await kith(dataDir, ['merge', '--undo', '00000000-0000-7000-8000-0000000000ff'])).stderr).toContain('no merge with id');
  });
});
