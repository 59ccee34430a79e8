// Property: for random people (names with accents, commas, semicolons; notes with newlines; labelled values;
// commonalities of every kind; stage, cadence, birthday, photo, kept card lines), a vCard export imported into an
// empty account gives the same people back, on SQLite and PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, DIALECTS, type TestKit } from './helpers.js';
import type { PersonRecord } from '../src/core/records.js';

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', 'é', 'Ø', 'ñ', 'ß', '中', ',', ';', ':', '\\', ' ', '"', "'", '-'), minLength: 1, maxLength: 16 }).map((s) => s.trim()).filter((s) => /[a-zA-Zéøñß中]/.test(s));
const label = fc.option(fc.constantFrom('work', 'home', 'cell', 'Side project', 'Ämter; Büro'), { nil: null });
const person = fc.record({
  fullName: fc.tuple(text, text).map(([a, b]) => `${a} ${b}`),
  company: fc.option(text, { nil: null }),
  title: fc.option(text, { nil: null }),
  notes: fc.option(fc.tuple(text, text).map(([a, b]) => `${a}\n${b}`), { nil: null }),
  stage: fc.constantFrom('met', 'talking', 'relationship', 'client', 'dormant' as const),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: null }),
  introducedBy: fc.option(text, { nil: null }),
  emailLabel: label,
  phoneLabel: label,
  links: fc.array(fc.record({ value: fc.constantFrom('https://example.com/a', 'https://kith.example/p?q=1,2'), label }), { maxLength: 1 }),
  addresses: fc.array(fc.record({ value: text, label }), { maxLength: 2 }),
  commonalities: fc.uniqueArray(fc.record({ kind: fc.constantFrom('interest', 'challenge', 'shared', 'personal' as const), text: fc.constantFrom('opera', 'sailing, mostly', 'hiring; in Berlin', 'Ménière', 'chess') }), { maxLength: 3, selector: (c) => c.text }),
  birthday: fc.option(fc.constantFrom('1990-01-31', '--03-15'), { nil: null }),
  photo: fc.boolean(),
  extra: fc.subarray(['X-SOCIALPROFILE;type=twitter:someone', 'item9.X-ABDATE:2015-06-01', 'item9.X-ABLabel:_$!<Anniversary>!$_']),
});

/** What must survive, without ids and times. */
function comparable(p: PersonRecord, data: { birthday: string | null; extra: string[] } | undefined, photo: string | null) {
  return {
    fullName: p.fullName,
    company: p.company,
    title: p.title,
    notes: p.notes,
    stage: p.stage,
    cadenceDays: p.cadenceDays,
    introducedBy: p.introducedBy,
    emails: p.emails,
    phones: p.phones,
    links: p.links,
    addresses: p.addresses,
    commonalities: p.commonalities.map((c) => ({ kind: c.kind, text: c.text })).sort((a, b) => `${a.kind}${a.text}`.localeCompare(`${b.kind}${b.text}`)),
    birthday: data?.birthday ?? null,
    extra: (data?.extra ?? []).filter((l) => !l.startsWith('X-KITH-')),
    photo,
  };
}

describe.each(DIALECTS)('export → import round trip for random people (%s)', (dialect) => {
  let kit: TestKit;
  let runs = 0;

  beforeAll(async () => {
    kit = await createTestKit(dialect);
  });
  afterAll(async () => kit?.close());

  async function snapshot(accountId: string) {
    const repos = kit.store.repos;
    const ids = (await repos.contacts.livePersonIds(accountId, null, 1000)).map((r) => r.id);
    const people = await repos.people.getMany(accountId, ids);
    const data = await repos.contacts.vcardData(accountId, ids);
    const photos = await repos.contacts.photos(accountId, ids);
    return people.map((p) => comparable(p, data.get(p.id), photos.get(p.id)?.bytes.toString('base64') ?? null)).sort((a, b) => a.fullName.localeCompare(b.fullName) || (a.emails[0]?.value ?? '').localeCompare(b.emails[0]?.value ?? ''));
  }

  it('gives the same people, fields, commonalities, birthdays, photos and kept lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 6 }), async (people) => {
        const run = ++runs;
        const from = await kit.services.auth.signUp({ email: `from${run}@example.com`, password: 'correct horse battery', timeZone: 'UTC' });
        const to = await kit.services.auth.signUp({ email: `to${run}@example.com`, password: 'correct horse battery', timeZone: 'UTC' });
        for (const [i, p] of people.entries()) {
          const { person: made } = await kit.services.people.create(from.id, {
            fullName: p.fullName,
            company: p.company,
            title: p.title,
            notes: p.notes,
            stage: p.stage,
            cadenceDays: p.cadenceDays,
            introducedBy: p.introducedBy,
            emails: [{ value: `person${i}@example.com`, label: p.emailLabel }],
            phones: [{ value: `+44 20 7946 0${String(100 + i)}`, label: p.phoneLabel }],
            links: p.links,
            addresses: p.addresses,
            commonalities: p.commonalities,
          });
          const at = '2026-03-10T12:00:00.000Z';
          await kit.store.repos.contacts.saveVCardData(from.id, made.id, { uid: null, birthday: p.birthday, extra: p.extra }, at);
          if (p.photo) await kit.store.repos.contacts.savePhoto(from.id, made.id, { mime: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, i]) }, at);
        }
        for (const version of ['3.0', '4.0'] as const) {
          const target = version === '3.0' ? to.id : (await kit.services.auth.signUp({ email: `to${run}v4@example.com`, password: 'correct horse battery', timeZone: 'UTC' })).id;
          const chunks: string[] = [];
          for await (const chunk of kit.services.contacts.exportVCards(from.id, version)) chunks.push(chunk);
          const report = await kit.services.imports.import(target, [chunks.join('')]);
          expect([report.imported, report.skipped]).toEqual([people.length, 0]);
          expect(await snapshot(target)).toEqual(await snapshot(from.id));
        }
      }),
      { numRuns: 8 },
    );
  });
});
