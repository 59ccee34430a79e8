// The storage layer behaves the same on SQLite and PostgreSQL: the same queries return the same JS values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, DIALECTS, signUpWithToken, type TestKit } from './helpers.js';
import { ConflictError } from '../src/core/errors.js';
import type { DialectName } from '../src/db/dialect.js';

const PEOPLE = [
  { fullName: 'José García', company: 'Iberia Labs', commonalities: [{ kind: 'interest' as const, text: 'flamenco' }] },
  { fullName: 'Jörg Müller', company: 'Müller & Söhne GmbH', emails: [{ value: 'joerg@mueller.example' }] },
  { fullName: 'Zoë O’Brien', company: 'Acme', notes: 'Knows everyone in the jazz scene' },
  { fullName: 'Joseph Stone', company: 'Stone & Co', title: 'Managing Director' },
  { fullName: 'Ana Mullins', company: 'Mulberry Ltd', commonalities: [{ kind: 'challenge' as const, text: 'hiring engineers' }] },
  { fullName: 'Łukasz Żółć', company: 'Gdańsk Shipyards' },
  { fullName: 'Jane Doe', company: 'Acme', emails: [{ value: 'jane@acme.com' }], phones: [{ value: '+44 20 7946 0958' }] },
];

const QUERIES = ['jose', 'JOSÉ', 'mull', 'müll', 'jo', 'jo st', 'acme', 'jazz', 'flam', 'hiring eng', 'lukasz', 'zolc', 'gdansk', 'obrien', 'jane@acme', '4420', 'nothing', 'mue'];

const results: Record<string, Record<string, string[]>> = {};

describe.each(DIALECTS)('repositories on %s', (dialect: DialectName) => {
  let kit: TestKit;
  let accountId: string;
  beforeAll(async () => {
    kit = await createTestKit(dialect);
    accountId = (await signUpWithToken(kit, 'repo@example.com')).accountId;
    for (const person of PEOPLE) await kit.services.people.create(accountId, person);
    // Someone else's people never show up.
    const other = await signUpWithToken(kit, 'other@example.com');
    await kit.services.people.create(other.accountId, { fullName: 'José Other', company: 'Acme' });
  });
  afterAll(() => kit.close());

  it('prefix search is case- and accent-insensitive: "jose" finds José, "mull" finds Müller', async () => {
    const names = async (q: string) => (await kit.services.people.search(accountId, q, 20, 0)).items.map((p) => p.fullName);
    expect(await names('jose')).toEqual(['Joseph Stone', 'José García']);
    expect(await names('mull')).toEqual(['Ana Mullins', 'Jörg Müller']);
    expect(await names('lukasz')).toEqual(['Łukasz Żółć']);
    expect(await names('jazz')).toEqual(['Zoë O’Brien']);
    expect(await names('nothing')).toEqual([]);
    results[dialect] = {};
    for (const q of QUERIES) results[dialect]![q] = await names(q);
  });

  it('people whose name matches come before those matched elsewhere', async () => {
    const names = (await kit.services.people.search(accountId, 'mul', 20, 0)).items.map((p) => p.fullName);
    // Ana Mullins and Jörg Müller by name; nobody else has "mul…" elsewhere except Mulberry Ltd (Ana's company).
    expect(names).toEqual(['Ana Mullins', 'Jörg Müller']);
    const acme = (await kit.services.people.search(accountId, 'acme', 20, 0)).items.map((p) => p.fullName);
    expect(acme).toEqual(['Jane Doe', 'Zoë O’Brien']);
  });

  it('search pages with hasMore', async () => {
    const first = await kit.services.people.search(accountId, 'j', 2, 0);
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const rest = await kit.services.people.search(accountId, 'j', 20, 2);
    expect(rest.hasMore).toBe(false);
    expect(new Set([...first.items, ...rest.items].map((p) => p.id)).size).toBe(first.items.length + rest.items.length);
  });

  it('a renamed person is found by the new name only, a deleted one not at all', async () => {
    const jane = (await kit.services.people.search(accountId, 'jane', 5, 0)).items[0]!;
    await kit.services.people.update(accountId, jane.id, { fullName: 'Janet Doe-Smith' });
    expect((await kit.services.people.search(accountId, 'jane ', 5, 0)).items.map((p) => p.fullName)).toEqual(['Janet Doe-Smith']);
    expect((await kit.services.people.search(accountId, 'smi', 5, 0)).items).toHaveLength(1);
    await kit.services.people.delete(accountId, jane.id);
    expect((await kit.services.people.search(accountId, 'smi', 5, 0)).items).toHaveLength(0);
    await kit.services.people.restore(accountId, jane.id);
    await kit.services.people.update(accountId, jane.id, { fullName: 'Jane Doe' });
  });

  it('a person reads back with the same JS types on both databases', async () => {
    const jane = (await kit.services.people.search(accountId, 'jane', 5, 0)).items[0]!;
    const { person } = await kit.services.people.get(accountId, jane.id);
    expect(person).toMatchObject({
      fullName: 'Jane Doe',
      cadenceDays: null,
      emails: [{ value: 'jane@acme.com', label: null }],
      phones: [{ value: '+442079460958', label: null }],
      followUp: { reason: 'cadence', since: '2026-03-10', dueOn: '2026-03-24', soonFrom: '2026-03-21' },
    });
    expect(typeof person.createdAt).toBe('string');
    const list = await kit.services.people.list(accountId, { limit: 3, offset: 0 });
    expect(typeof list.total).toBe('number');
    expect(list.total).toBe(PEOPLE.length);
    const counts = await kit.store.repos.peopleQueries.followUpCounts(accountId, '2026-03-30');
    expect(counts).toEqual({ overdue: PEOPLE.length, due: 0, soon: 0 });
  });

  it('a second account with the same e-mail is a ConflictError on both databases', async () => {
    await expect(kit.services.auth.signUp({ email: 'REPO@example.com', password: 'long enough password' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('stage history is appended, never overwritten', async () => {
    const jose = (await kit.services.people.search(accountId, 'josé', 5, 0)).items.find((p) => p.fullName === 'José García')!;
    await kit.services.people.changeStage(accountId, jose.id, 'talking');
    await kit.services.people.changeStage(accountId, jose.id, 'talking');
    kit.clock.advanceDays(40);
    await kit.services.people.changeStage(accountId, jose.id, 'client');
    kit.clock.advanceDays(-40);
    const history = await kit.store.repos.people.stageHistory(accountId, jose.id);
    expect(history.map((h) => [h.fromStage, h.toStage, h.changedAt.slice(0, 10)])).toEqual([
      [null, 'met', '2026-03-10'],
      ['met', 'talking', '2026-03-10'],
      ['talking', 'client', '2026-04-19'],
    ]);
  });

  it('a failure in the middle of a use case leaves nothing behind', async () => {
    const before = await kit.services.people.list(accountId, { limit: 1, offset: 0 });
    await expect(
      kit.store.transaction(async (repos) => {
        await kit.services.people.insertPerson(repos, accountId, await repos.accounts.getSettings(accountId), { fullName: 'Ghost' }, null);
        throw new Error('crash after the first write');
      }),
    ).rejects.toThrow('crash after the first write');
    expect((await kit.services.people.list(accountId, { limit: 1, offset: 0 })).total).toBe(before.total);
  });
});

describe.skipIf(DIALECTS.length < 2)('both databases', () => {
  it('find the same people in the same order for every test query', () => {
    expect(Object.keys(results)).toEqual(['sqlite', 'postgres']);
    expect(results.postgres).toEqual(results.sqlite);
  });
});
