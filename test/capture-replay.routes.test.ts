// The web app queues captures offline and resends them until it sees an answer: a capture sent with a request id is
// made once, however often and however concurrently it arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';
import { captureOnce } from '../src/app/capture-once.js';

const JANE = 'Jane Doe, CTO at Acme, jane@acme.com, loves opera; promised to send the white paper';

describe.each(DIALECTS)('captures sent again on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let accountId: string;
  const api = apiAs(() => kit, () => headers);

  async function peopleNamed(fullName: string): Promise<number> {
    const row = await kit.store.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('full_name', '=', fullName)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T09:00:00Z');
    const account = await signUpWithToken(kit, 'queue@example.com', 'Europe/London');
    headers = account.headers;
    accountId = account.accountId;
  });
  afterAll(() => kit.close());

  it('a capture sent twice with the same requestId makes one person, and the second answer says it was replayed', async () => {
    const requestId = '5f0c7a52-8f7e-4c1e-9d3b-0a1b2c3d4e5f';
    const first = await api('POST', '/capture', { text: JANE, requestId });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, person: { fullName: 'Jane Doe' }, promises: [{ text: 'send the white paper' }] });

    const again = await api('POST', '/capture', { text: JANE, requestId });
    expect(again.statusCode, again.body).toBe(200);
    const replay = again.json();
    expect(replay).toMatchObject({ replayed: true, possibleDuplicates: [], parsed: { fullName: 'Jane Doe', company: 'Acme' } });
    expect(replay.person).toEqual(first.json().person);
    expect(replay.promises).toEqual(first.json().promises);
    expect(await peopleNamed('Jane Doe')).toBe(1);
  });

  it('a replay answers with the person as they are now, and only the promises that capture made', async () => {
    const requestId = 'b7d9e0f1-0000-4000-8000-000000000002';
    const first = (await api('POST', '/capture', { text: 'Bob Stone; promised to send the deck', requestId })).json();
    await api('PATCH', `/people/${first.person.id}`, { title: 'Founder' });
    await api('POST', `/promises/${first.promises[0].id}/done`, {});
    await api('POST', `/people/${first.person.id}/promises`, { text: 'introduce him to Priya' });

    const replay = await api('POST', '/capture', { text: 'Bob Stone; promised to send the deck', requestId });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().person).toMatchObject({ id: first.person.id, title: 'Founder' });
    expect(replay.json().promises).toEqual([{ ...first.promises[0], doneAt: '2026-03-10T09:00:00.000Z' }]);
  });

  it('the same capture sent several times at once still makes one person: the others answer as replays', async () => {
    const requestId = 'c0ffee00-1111-4222-8333-444455556666';
    const answers = await Promise.all(Array.from({ length: 4 }, () => api('POST', '/capture', { text: 'Twin Request, loves chess', requestId })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().person.id)).size).toBe(1);
    expect(answers.map((a) => a.json().replayed).filter(Boolean)).toHaveLength(3);
    expect(await peopleNamed('Twin Request')).toBe(1);
  });

  it('a replay of a capture whose person was deleted since says so, and how to bring them back', async () => {
    const requestId = 'deleted-0000-4000-8000-000000000001';
    const person = (await api('POST', '/capture', { text: 'Gone Person', requestId })).json().person;
    expect((await api('DELETE', `/people/${person.id}`)).statusCode).toBe(204);

    const replay = await api('POST', '/capture', { text: 'Gone Person', requestId });
    expect(replay.statusCode).toBe(404);
    expect(replay.json().error).toMatchObject({ code: 'KITH_PERSON_NOT_FOUND', details: { personId: person.id, requestId } });
    expect(replay.json().error.message).toContain(`POST /api/v1/people/${person.id}/restore`);
    expect(await peopleNamed('Gone Person')).toBe(1);

    await api('POST', `/people/${person.id}/restore`);
    expect((await api('POST', '/capture', { text: 'Gone Person', requestId })).json()).toMatchObject({ replayed: true, person: { id: person.id } });
  });

  it('a request id belongs to one account: another account sending it makes a person of its own', async () => {
    const requestId = 'shared-id-0000-4000-8000-000000000001';
    const mine = (await api('POST', '/capture', { text: 'Mine Only', requestId })).json().person;
    const other = await signUpWithToken(kit, 'other-queue@example.com');
    const theirs = await kit.app.inject({ method: 'POST', url: '/api/v1/capture', headers: other.headers, payload: { text: 'Theirs Only', requestId } });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().person).toMatchObject({ fullName: 'Theirs Only' });
    expect(theirs.json().person.id).not.toBe(mine.id);
    expect(theirs.body).not.toContain('Mine Only');
  });

  it('a capture without a requestId is made every time, as before', async () => {
    const one = await api('POST', '/capture', { text: 'No Request' });
    const two = await api('POST', '/capture', { text: 'No Request' });
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect([one.json().replayed, two.json().replayed]).toEqual([false, false]);
    expect(await peopleNamed('No Request')).toBe(2);
  });

  it.each([['short'], ['has spaces in it'], ['x'.repeat(65)], ['semi;colon-1234']])('a requestId like %j is refused, naming the field', async (requestId) => {
    const res = await api('POST', '/capture', { text: 'Refused Person', requestId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('requestId');
    expect(await peopleNamed('Refused Person')).toBe(0);
  });

  it('someone met at an event and sent again with the same requestId counts once toward its goal', async () => {
    const event = (await api('POST', '/events', { name: 'Offline mixer', startsAt: '2026-03-10T08:00:00Z', goal: 2 })).json().event;
    const body = { person: { fullName: 'Event Twin', emails: [{ value: 'twin@example.com' }] }, requestId: 'event-person-0000-4000-8000-000000000001' };
    const first = await api('POST', `/events/${event.id}/people`, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, detail: { progress: { label: '1 of 2' } }, created: { person: { fullName: 'Event Twin' } } });

    const again = await api('POST', `/events/${event.id}/people`, body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, detail: { progress: { label: '1 of 2' } }, created: { person: { id: first.json().created.person.id }, possibleDuplicates: [] } });
    expect(await peopleNamed('Event Twin')).toBe(1);
  });

  it.runIf(dialect === 'postgres')('a capture that loses the race to a request with the same id, committed meanwhile, is undone and answers as its replay', async () => {
    const requestId = 'raced-0000-4000-8000-000000000001';
    const outcome = await captureOnce(kit.store, accountId, requestId, () => '2026-03-10T09:00:00.000Z', async (repos) => {
      const loser = await kit.services.people.insertPerson(repos, accountId, await repos.accounts.getSettings(accountId), { fullName: 'Raced Loser' }, null);
      // The other request commits its receipt on another connection while this transaction is still open.
      await kit.store.db
        .insertInto('capture_requests')
        .values({ account_id: accountId, request_id: requestId, person_id: 'raced-winner', promise_ids: '[]', created_at: '2026-03-10T09:00:00.000Z' })
        .execute();
      return { result: 'made', personId: loser, promiseIds: [] };
    });
    expect(outcome).toEqual({ made: null, earlier: { requestId, personId: 'raced-winner', promiseIds: [], createdAt: '2026-03-10T09:00:00.000Z' } });
    expect(await peopleNamed('Raced Loser')).toBe(0);
  });
});
