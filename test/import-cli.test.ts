// `kith import` and `kith export --format` on a local data folder, in-process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKith } from './cli-run.js';

const fixture = (name: string): string => new URL(`./fixtures/contacts/${name}`, import.meta.url).pathname;

const kith = (dataDir: string, args: string[], stdin = '') => runKith(args, { dataDir, stdin });

describe('kith import and kith export --format', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-import-'));

  beforeAll(async () => {
    const init = await kith(dataDir, ['init', '--email', 'me@example.com', '--password-stdin', '--time-zone', 'UTC', '--region', 'GB'], 'a long password here\n');
    expect(init.code, init.stderr).toBe(0);
  });

  it('a dry run says what would happen and keeps nothing; the import then brings everyone in', async () => {
    const dry = await kith(dataDir, ['import', fixture('outlook21.vcf'), '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Would import 2 new people, merged 0 into people you had, skipped 1 (of 3 records).');
    expect(dry.stdout).toContain('line 13: skipped: line 16 is not a vCard property');
    const run = await kith(dataDir, ['import', fixture('outlook21.vcf'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 3, imported: 2, merged: 0, skipped: 1 });
    const again = JSON.parse((await kith(dataDir, ['import', fixture('outlook21.vcf'), '--json'])).stdout);
    expect(again).toMatchObject({ imported: 0, merged: 2, skipped: 1 });
  });

  it('a CSV Kith does not know asks for a mapping, and takes one from a file', async () => {
    const ask = await kith(dataDir, ['import', fixture('generic-utf16.csv'), '--dry-run']);
    expect(ask.stdout).toContain("Kith does not recognise this CSV's columns: Who, Mail, Phone number, Where.");
    const refused = await kith(dataDir, ['import', fixture('generic-utf16.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^kith: Kith does not know this CSV's columns/);
    const mappingFile = path.join(dataDir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ Who: 'fullName', Mail: 'email', 'Phone number': 'phone', Where: 'address' }));
    const run = await kith(dataDir, ['import', fixture('generic-utf16.csv'), '--mapping', `@${mappingFile}`, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ imported: 2 });
    const missing = await kith(dataDir, ['import', path.join(dataDir, 'nope.vcf')]);
    expect([missing.code, missing.stderr]).toEqual([2, `kith: cannot read ${path.join(dataDir, 'nope.vcf')}: no such file\n`]);
  });

  it('exports as vCard 4.0 and CSV, to stdout or a file', async () => {
    const v4 = await kith(dataDir, ['export', '--format', 'vcard', '--vcard-version', '4.0']);
    expect(v4.code, v4.stderr).toBe(0);
    expect((v4.stdout.match(/^BEGIN:VCARD\r$/gm) ?? []).length).toBe(4);
    expect(v4.stdout).toContain('FN:Renée Beaumé\r\n');
    const file = path.join(dataDir, 'contacts.csv');
    const csv = await kith(dataDir, ['export', '--format', 'csv', '--output', file]);
    expect(csv.stderr).toBe(`Exported 4 people to ${file}.\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^\uFEFFFirst Name,Middle Name,Last Name/);
    const bad = await kith(dataDir, ['export', '--format', 'xml']);
    expect([bad.code, bad.stderr]).toEqual([2, 'kith: --format: "xml" is not json, vcard or csv\n']);
  });
});
