// Debian's vdirsyncer, a real sync client, against Kith on a port: discovery, the first sync, additions, edits and
// deletions on both sides, and a second fresh sync that must equal the server. Without /usr/bin/vdirsyncer these
// tests skip with a loud message, except in CI (CI=true), where that fails the run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';
import { runVdirsyncer as run, VDIRSYNCER, writeVdirsyncerConfig } from './vdirsyncer-run.js';


function vdirsyncerAvailable(): boolean {
  if (existsSync(VDIRSYNCER)) return true;
  const message = `vdirsyncer is not installed at ${VDIRSYNCER}: the CardDAV real-client tests cannot run (apt-get install -y vdirsyncer).`;
  if (process.env.CI === 'true') throw new Error(`${message} In CI this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING VDIRSYNCER TESTS: ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

const available = vdirsyncerAvailable();

/** The cards of a local folder as UID → FN. */
function folderCards(dir: string): Map<string, string> {
  const folder = join(dir, 'local', 'contacts');
  const cards = new Map<string, string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.vcf'))) {
    const text = readFileSync(join(folder, file), 'utf8');
    cards.set(/^UID:(.*)$/m.exec(text)![1]!.trim(), /^FN:(.*)$/m.exec(text)![1]!.trim());
  }
  return cards;
}

function fileWithUid(dir: string, uid: string): string {
  const folder = join(dir, 'local', 'contacts');
  const file = readdirSync(folder).find((f) => readFileSync(join(folder, f), 'utf8').includes(`UID:${uid}`));
  if (!file) throw new Error(`no local card with UID ${uid}`);
  return join(folder, file);
}

describe.skipIf(!available).each(DIALECTS)('vdirsyncer against Kith (%s)', (dialect) => {
  let kit: AppKit;
  let accountId: string;
  let url: string;
  let password: string;
  let alanId: string;
  const dirs: string[] = [];
  let first: { dir: string; config: string };

  const serverCards = async () => {
    const { cards } = await kit.services.carddav.listing(accountId);
    const people = await kit.store.repos.people.getMany(accountId, cards.map((c) => c.personId));
    const names = new Map(people.map((p) => [p.id, p.fullName]));
    return new Map(cards.map((c) => [c.uid, names.get(c.personId)!]));
  };

  const sync = async (config: string) => {
    const result = await run(config, ['sync']);
    expect(result.code, result.output).toBe(0);
  };

  beforeAll(async () => {
    kit = await createAppKit(dialect);
    ({ accountId } = await signUpWithToken(kit, 'ada@example.com'));
    alanId = (await kit.services.people.create(accountId, { fullName: 'Alan Turing', emails: [{ value: 'alan@example.com' }] })).person.id;
    await kit.services.people.create(accountId, { fullName: 'Ada Lovelace', phones: [{ value: '+44 20 7946 0000', label: 'cell' }], notes: 'Notes; with, punctuation\nand a second line' });
    ({ password } = await kit.services.carddav.createAppPassword(accountId, 'vdirsyncer'));
    await kit.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}/`;
    const dir = mkdtempSync(join(tmpdir(), 'kith-vdirsyncer-'));
    dirs.push(dir);
    first = { dir, config: writeVdirsyncerConfig(dir, url, 'ada@example.com', password) };
  });
  afterAll(async () => {
    await kit?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('discovers the address book and brings every person down on the first sync', async () => {
    const discovered = await run(first.config, ['discover']);
    expect(discovered.code, discovered.output).toBe(0);
    await sync(first.config);
    expect(folderCards(first.dir)).toEqual(await serverCards());
    expect([...folderCards(first.dir).values()].sort()).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('sends a card added, edited and deleted in the local folder up to Kith', async () => {
    const folder = join(first.dir, 'local', 'contacts');
    writeFileSync(join(folder, 'grace-1.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grace-1\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEMAIL:grace@example.com\r\nEND:VCARD\r\n');
    await sync(first.config);
    const graceCard = await kit.store.repos.carddav.liveCardByUid(accountId, 'grace-1');
    expect(graceCard).not.toBeNull();
    expect((await kit.services.people.get(accountId, graceCard!.personId)).person.emails.map((e) => e.value)).toEqual(['grace@example.com']);

    const alanFile = fileWithUid(first.dir, alanId);
    writeFileSync(alanFile, readFileSync(alanFile, 'utf8').replace(/^FN:.*$/m, 'FN:Alan M. Turing'));
    await sync(first.config);
    expect((await kit.services.people.get(accountId, alanId)).person.fullName).toBe('Alan M. Turing');

    unlinkSync(fileWithUid(first.dir, 'grace-1'));
    await sync(first.config);
    expect(await kit.store.repos.carddav.liveCardByUid(accountId, 'grace-1')).toBeNull();
    // Deleted like the web app deletes: recoverable.
    await kit.services.people.restore(accountId, graceCard!.personId);
    await sync(first.config);
    expect(folderCards(first.dir).get('grace-1')).toBe('Grace Hopper');
  });

  it('brings additions, edits and deletions made in Kith down to the folder', async () => {
    kit.clock.set('2026-03-10T13:00:00Z');
    const ken = (await kit.services.people.create(accountId, { fullName: 'Ken Thompson' })).person.id;
    await kit.services.people.update(accountId, alanId, { fullName: 'Alan Mathison Turing' });
    const grace = (await kit.store.repos.carddav.liveCardByUid(accountId, 'grace-1'))!;
    await kit.services.people.delete(accountId, grace.personId);
    await sync(first.config);
    const local = folderCards(first.dir);
    expect(local.get(ken)).toBe('Ken Thompson');
    expect(local.get(alanId)).toBe('Alan Mathison Turing');
    expect(local.has('grace-1')).toBe(false);
    expect(local).toEqual(await serverCards());
  });

  it('a second, fresh folder synced afterwards holds exactly what the server holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kith-vdirsyncer-'));
    dirs.push(dir);
    const config = writeVdirsyncerConfig(dir, url, 'ada@example.com', password);
    expect((await run(config, ['discover'])).code).toBe(0);
    await sync(config);
    expect(folderCards(dir)).toEqual(await serverCards());
    expect(folderCards(dir)).toEqual(folderCards(first.dir));
    const ada = [...readdirSync(join(dir, 'local', 'contacts'))].map((f) => readFileSync(join(dir, 'local', 'contacts', f), 'utf8')).find((t) => t.includes('FN:Ada Lovelace'))!;
    expect(ada).toContain('NOTE:Notes\\; with\\, punctuation\\nand a second line');
  });
});
