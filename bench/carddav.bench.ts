// Figures: CardDAV initial sync of 10,000 cards with Debian's vdirsyncer (≤ 0.5× the same vdirsyncer against
// Radicale holding the same cards, in the same run), and an incremental sync after one change (≤ 1 s). Kith listens
// on a port in this process (SQLite, production wiring); vdirsyncer syncs into an empty folder. Radicale (Debian's
// `radicale`, started here on a port of its own with no authentication) is given exactly the cards vdirsyncer
// brought from Kith, as files in its collection folder, and synced the same way by a second, fresh vdirsyncer; the
// same one-card change is then synced from it too. Without /usr/bin/radicale the ratio is not reported.
// Run alone: npx tsx bench/carddav.bench.ts [--cards N]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Insertable } from 'kysely';
import { newId as id } from '../src/app/ids.js';
import type { Database } from '../src/db/schema.js';
import { buildApp } from '../src/http/build-app.js';
import { openSqliteBench } from './bench-db.js';
import { formatTable, type FigureRow } from './report.js';
import { runVdirsyncer, VDIRSYNCER, writeVdirsyncerConfig } from '../test/vdirsyncer-run.js';
import { median } from './stats.js';

const RADICALE = '/usr/bin/radicale';
export const INITIAL_RATIO_TARGET = 0.5;
export const INCREMENTAL_TARGET_MS = 1000;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts Radicale on a free port over `root` (its filesystem_folder); resolves once it answers HTTP. */
async function startRadicale(dir: string, root: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const file = join(dir, 'radicale.conf');
  writeFileSync(
    file,
    `[server]\nhosts = 127.0.0.1:${port}\n\n[auth]\ntype = none\n\n[rights]\ntype = owner_only\n\n[storage]\nfilesystem_folder = ${root}\n\n[logging]\nlevel = warning\n`,
  );
  const child = spawn(RADICALE, ['--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`radicale exited (${child.exitCode}):\n${errors}`);
    try {
      await fetch(url);
      return { url, process: child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`radicale did not answer on ${url}:\n${errors}`);
}

/** Radicale with the given .vcf files in one address book of user `bench`; initial and one-change sync times. */
async function radicaleSync(dirs: string[], cardsDir: string, changedFile: string, changedText: string, log: (line: string) => void): Promise<{ initialMs: number; incrementalMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kith-bench-radicale-'));
  dirs.push(dir);
  const root = join(dir, 'collections');
  const book = join(root, 'collection-root', 'bench', 'contacts');
  mkdirSync(book, { recursive: true });
  writeFileSync(join(book, '.Radicale.props'), JSON.stringify({ tag: 'VADDRESSBOOK', 'D:displayname': 'contacts' }));
  for (const name of readdirSync(cardsDir)) copyFileSync(join(cardsDir, name), join(book, name));
  const radicale = await startRadicale(dir, root);
  try {
    const file = writeVdirsyncerConfig(dir, `${radicale.url}bench/`, 'bench', 'any');
    const discovered = await runVdirsyncer(file, ['discover']);
    if (discovered.code !== 0) throw new Error(`vdirsyncer discover (Radicale) failed:\n${discovered.output}`);
    const initial = await runVdirsyncer(file, ['sync']);
    if (initial.code !== 0) throw new Error(`vdirsyncer sync (Radicale) failed:\n${initial.output}`);
    const synced = readdirSync(join(dir, 'local', 'contacts')).length;
    if (synced !== readdirSync(cardsDir).length) throw new Error(`the first sync from Radicale brought ${synced} cards`);
    log(`carddav: Radicale initial sync ${Math.round(initial.ms)} ms`);
    // The same one-card change, made in Radicale's own folder.
    writeFileSync(join(book, changedFile), changedText);
    const incremental = await runVdirsyncer(file, ['sync']);
    if (incremental.code !== 0) throw new Error(`vdirsyncer sync (Radicale) failed:\n${incremental.output}`);
    log(`carddav: Radicale incremental sync after one change ${Math.round(incremental.ms)} ms`);
    return { initialMs: initial.ms, incrementalMs: incremental.ms };
  } finally {
    radicale.process.kill();
  }
}

export interface CardDavFigures {
  cards: number;
  initialMs: number;
  incrementalMs: number;
  /** A sync when nothing changed: vdirsyncer's own cost of listing and comparing every card. */
  unchangedMs: number;
  /** The server's answer to vdirsyncer's listing (PROPFIND Depth 1), median of 5. */
  listingMs: number;
  radicaleInitialMs: number | null;
  radicaleIncrementalMs: number | null;
}

export async function benchCardDav(options: { cards?: number; log?: (line: string) => void } = {}): Promise<{ figures: CardDavFigures; rows: FigureRow[] }> {
  const cards = options.cards ?? 10_000;
  const log = options.log ?? ((line: string) => console.log(line));
  if (!existsSync(VDIRSYNCER)) throw new Error(`vdirsyncer is not installed at ${VDIRSYNCER} (apt-get install -y vdirsyncer)`);
  const bench = await openSqliteBench();
  const dirs: string[] = [];
  try {
    const { kit } = bench;
    const account = await kit.services.auth.signUp({ email: 'bench@example.com', password: 'correct horse battery staple', timeZone: 'Europe/London' });
    const now = new Date().toISOString();
    const people: Insertable<Database['people']>[] = [];
    const contacts: Insertable<Database['person_contacts']>[] = [];
    for (let i = 0; i < cards; i++) {
      const personId = id();
      people.push({
        id: personId, account_id: account.id, full_name: `Person ${i} Example`, company: `Company ${i % 300}`, title: 'Engineer', notes: `Met at event ${i % 50}`, stage: 'met',
        cadence_days: null, source: 'import', met_event_id: null, met_on: null, introduced_by: null, snoozed_until: null, last_touch_on: null, last_follow_up_on: null,
        last_met_on: null, follow_up_reason: null, follow_up_since: null, follow_up_due_on: null, follow_up_soon_from: null, search_name: `person ${i} example`,
        search_rest: '', company_key: '', created_at: now, updated_at: now, deleted_at: null,
      });
      contacts.push({ id: id(), account_id: account.id, person_id: personId, kind: 'email', value: `person${i}@example.com`, label: 'work', position: 0 });
      contacts.push({ id: id(), account_id: account.id, person_id: personId, kind: 'phone', value: `+4420794${String(i).padStart(5, '0')}`, label: 'cell', position: 0 });
    }
    for (let i = 0; i < people.length; i += 500) await kit.store.db.insertInto('people').values(people.slice(i, i + 500)).execute();
    for (let i = 0; i < contacts.length; i += 500) await kit.store.db.insertInto('person_contacts').values(contacts.slice(i, i + 500)).execute();
    const { password } = await kit.services.carddav.createAppPassword(account.id, 'bench');
    const app = await buildApp({ services: kit.services, docs: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
      const dir = mkdtempSync(join(tmpdir(), 'kith-bench-carddav-'));
      dirs.push(dir);
      const file = writeVdirsyncerConfig(dir, url, 'bench@example.com', password);
      const discovered = await runVdirsyncer(file, ['discover']);
      if (discovered.code !== 0) throw new Error(`vdirsyncer discover failed:\n${discovered.output}`);
      const initial = await runVdirsyncer(file, ['sync']);
      if (initial.code !== 0) throw new Error(`vdirsyncer sync failed:\n${initial.output}`);
      const synced = readdirSync(join(dir, 'local', 'contacts')).length;
      if (synced !== cards) throw new Error(`the first sync brought ${synced} cards, not ${cards}`);
      log(`carddav: initial sync of ${cards} cards with vdirsyncer ${Math.round(initial.ms)} ms`);
      // vdirsyncer's own floor: a sync when nothing changed (it still lists every card and compares with its status).
      const unchanged = await runVdirsyncer(file, ['sync']);
      if (unchanged.code !== 0) throw new Error(`vdirsyncer sync failed:\n${unchanged.output}`);
      log(`carddav: sync with nothing changed ${Math.round(unchanged.ms)} ms`);
      await kit.services.people.update(account.id, people[0]!.id, { title: 'Changed for the incremental sync' });
      const incremental = await runVdirsyncer(file, ['sync']);
      if (incremental.code !== 0) throw new Error(`vdirsyncer sync failed:\n${incremental.output}`);
      log(`carddav: incremental sync after one change ${Math.round(incremental.ms)} ms`);
      // The server's part of any sync: the listing vdirsyncer asks for (PROPFIND Depth 1, href + ETag of every card).
      const listing: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await fetch(`${url}dav/addressbooks/${account.id}/contacts/`, {
          method: 'PROPFIND',
          headers: { depth: '1', authorization: `Basic ${Buffer.from(`bench@example.com:${password}`).toString('base64')}`, 'content-type': 'application/xml' },
          body: '<?xml version="1.0" encoding="utf-8" ?><propfind xmlns="DAV:"><prop><resourcetype/><getcontenttype/><getetag/></prop></propfind>',
        });
        await res.text();
        listing.push(performance.now() - started);
      }
      const listingMs = median(listing);
      log(`carddav: the server's listing of ${cards} cards (PROPFIND Depth 1) ${Math.round(listingMs)} ms median`);
      // The changed card as Kith now serves it, for Radicale's copy of the same change.
      const local = join(dir, 'local', 'contacts');
      const changedFile = readdirSync(local).find((name) => readFileSync(join(local, name), 'utf8').includes('Changed for the incremental sync'));
      if (!changedFile) throw new Error('the incremental sync did not bring the changed card');
      const radicale = existsSync(RADICALE) ? await radicaleSync(dirs, local, changedFile, readFileSync(join(local, changedFile), 'utf8'), log) : null;
      const figures: CardDavFigures = {
        cards,
        initialMs: initial.ms,
        incrementalMs: incremental.ms,
        unchangedMs: unchanged.ms,
        listingMs,
        radicaleInitialMs: radicale?.initialMs ?? null,
        radicaleIncrementalMs: radicale?.incrementalMs ?? null,
      };
      const rows: FigureRow[] = [
        {
          figure: `CardDAV initial sync, ${cards} cards (vdirsyncer)`,
          measured: `${(initial.ms / 1000).toFixed(2)} s`,
          baseline: radicale ? `${(radicale.initialMs / 1000).toFixed(2)} s Radicale ${execFileSync(RADICALE, ['--version']).toString().trim()}, same cards, same vdirsyncer` : 'Radicale not installed (apt-get install radicale)',
          ratio: radicale ? initial.ms / radicale.initialMs : null,
          target: `≤ ${INITIAL_RATIO_TARGET}× Radicale`,
          met: radicale ? initial.ms / radicale.initialMs <= INITIAL_RATIO_TARGET : null,
          gating: true,
        },
        {
          figure: 'CardDAV incremental sync after one change (vdirsyncer)',
          measured: `${Math.round(incremental.ms)} ms`,
          baseline: `${radicale ? `${Math.round(radicale.incrementalMs)} ms Radicale, same change; ` : ''}${Math.round(unchanged.ms)} ms Kith with nothing changed, of which the server's listing ${Math.round(listingMs)} ms`,
          ratio: radicale ? incremental.ms / radicale.incrementalMs : incremental.ms / unchanged.ms,
          target: `≤ ${INCREMENTAL_TARGET_MS} ms`,
          met: incremental.ms <= INCREMENTAL_TARGET_MS,
          gating: true,
        },
      ];
      return { figures, rows };
    } finally {
      await app.close();
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await bench.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { cards: { type: 'string' } } });
  const { rows } = await benchCardDav({ cards: values.cards ? Number(values.cards) : 10_000 });
  console.log(formatTable(rows));
}
