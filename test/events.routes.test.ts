import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('events, goals and first follow-ups on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  const api = apiAs(() => kit, () => headers);

  beforeAll(async () => {
    // 18:30 in London on 10 March: the Chamber mixer is on.
    kit = await createAppKit(dialect, '2026-03-10T18:30:00Z');
    headers = (await signUpWithToken(kit, 'goer@example.com', 'Europe/London')).headers;
  });
  afterAll(() => kit.close());

  it("I'm at the Chamber mixer: people captured there count toward its goal, and the recap says how it went", async () => {
    const event = (await api('POST', '/events', { name: 'the Chamber mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T21:00:00Z', place: 'Town Hall' })).json().event;
    expect(event).toMatchObject({ goal: 3, role: 'attending', timeZone: 'Europe/London' });

    const here = await api('POST', `/events/${event.id}/here`);
    expect(here.json().progress.label).toBe('0 of 3');
    expect((await api('GET', '/events/current')).json().event.id).toBe(event.id);

    const jane = await api('POST', '/capture', { text: 'Jane Doe, CTO at Acme, loves opera; promised to send the white paper by Friday' });
    expect(jane.statusCode, jane.body).toBe(201);
    expect(jane.json().person).toMatchObject({ metEventId: event.id, metOn: '2026-03-10', followUp: { reason: 'first_follow_up', dueOn: '2026-03-12' } });
    expect(jane.json().promises[0]).toMatchObject({ effectiveDueOn: '2026-03-13', eventId: event.id });

    await api('POST', '/capture', { text: 'Bob Stone (Stone & Co) bob@stone.co — marathon runner, met via Priya' });
    const known = (await api('POST', '/people', { fullName: 'Old Friend' })).json().person;
    const again = await api('POST', `/events/${event.id}/people`, { personId: known.id });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().detail.progress.label).toBe('2 of 3');

    const progress = (await api('GET', `/events/${event.id}/progress`)).json();
    expect(progress).toEqual({ goal: 3, met: 2, remaining: 1, reached: false, label: '2 of 3' });

    const recap = (await api('GET', `/events/${event.id}/recap`)).json();
    expect(recap).toMatchObject({ newPeople: 2, knownPeople: 1, followUpsScheduled: 3, promisesMade: 1 });
    expect(recap.summary).toBe(
      'At the Chamber mixer you met 2 new people of a goal of 3 (1 short of the goal), saw 1 you already knew, 3 follow-ups scheduled, 1 promise to keep.',
    );

    // Two days later Jane is due, with the reason in words.
    kit.clock.set('2026-03-12T08:00:00Z');
    const list = (await api('GET', '/follow-ups')).json();
    const item = list.items.find((i: { fullName: string; kind: string }) => i.fullName === 'Jane Doe' && i.kind === 'person');
    expect(item).toMatchObject({ state: 'due', reason: 'first_follow_up', eventName: 'the Chamber mixer', commonality: { text: 'opera' } });
    expect(item.reasonText).toBe('You met Jane at the Chamber mixer 2 days ago: a first follow-up keeps you in mind.');

    // Once the event is long over, captures are no longer attached to it.
    expect((await api('GET', '/events/current')).json().event).toBeNull();
    const later = (await api('POST', '/capture', { text: 'Carla Rossi' })).json().person;
    expect(later.metEventId).toBeNull();
  });

  it('the follow-up for someone met late at night is due on the right local day in Tokyo and in Los Angeles', async () => {
    const tokyo = await signUpWithToken(kit, 'tokyo@example.com', 'Asia/Tokyo');
    const la = await signUpWithToken(kit, 'la@example.com', 'America/Los_Angeles');
    // Saturday 7 March 2026, 23:30 in Los Angeles (PST) = Sunday 8 March 16:30 in Tokyo; LA clocks spring forward on the 8th.
    kit.clock.set('2026-03-08T07:30:00Z');
    for (const who of [tokyo, la]) {
      const ev = (await kit.app.inject({ method: 'POST', url: '/api/v1/events', headers: who.headers, payload: { name: 'Late mixer', startsAt: '2026-03-08T05:00:00Z' } })).json().event;
      const res = await kit.app.inject({ method: 'POST', url: `/api/v1/events/${ev.id}/people`, headers: who.headers, payload: { person: { fullName: 'Night Owl' } } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const dueOn = async (who: typeof tokyo) =>
      (await kit.app.inject({ method: 'GET', url: '/api/v1/people?q=night', headers: who.headers })).json().items[0].followUp.dueOn;
    expect(await dueOn(tokyo)).toBe('2026-03-10');
    expect(await dueOn(la)).toBe('2026-03-09');

    // 23:59 PDT on 8 March (after the change): soon in LA, still not due.
    kit.clock.set('2026-03-09T06:59:00Z');
    const laList = (await kit.app.inject({ method: 'GET', url: '/api/v1/follow-ups', headers: la.headers })).json();
    expect(laList.today).toBe('2026-03-08');
    expect(laList.items[0]).toMatchObject({ fullName: 'Night Owl', state: 'soon' });
    kit.clock.set('2026-03-09T07:01:00Z');
    expect((await kit.app.inject({ method: 'GET', url: '/api/v1/follow-ups', headers: la.headers })).json().items[0].state).toBe('due');
    // Tokyo's 10 March begins at 15:00 UTC on the 9th.
    kit.clock.set('2026-03-09T15:01:00Z');
    const tokyoList = (await kit.app.inject({ method: 'GET', url: '/api/v1/follow-ups', headers: tokyo.headers })).json();
    expect(tokyoList).toMatchObject({ today: '2026-03-10', items: [{ fullName: 'Night Owl', state: 'due' }] });
  });

  it('the list of events shows how each one went against its goal', async () => {
    const who = await signUpWithToken(kit, 'history@example.com', 'UTC');
    const call = apiAs(() => kit, () => who.headers);
    const breakfast = (await call('POST', '/events', { name: 'Breakfast club', startsAt: '2026-02-01T08:00:00Z', goal: 2 })).json().event;
    const summit = (await call('POST', '/events', { name: 'Summit', startsAt: '2026-02-10T08:00:00Z', goal: 3 })).json().event;
    await call('POST', '/events', { name: 'Quiet night', startsAt: '2026-02-20T08:00:00Z', goal: 1 });
    for (const fullName of ['Ann New', 'Ben New', 'Cat New']) await call('POST', `/events/${breakfast.id}/people`, { person: { fullName } });
    const gone = (await call('POST', `/events/${summit.id}/people`, { person: { fullName: 'Deleted Since' } })).json().created.person;
    await call('DELETE', `/people/${gone.id}`);
    const known = (await call('POST', '/people', { fullName: 'Old Friend' })).json().person;
    await call('POST', `/events/${summit.id}/people`, { personId: known.id });

    const list = await call('GET', '/events');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((e: { name: string; progress: unknown }) => [e.name, e.progress])).toEqual([
      ['Quiet night', { goal: 1, met: 0, remaining: 1, reached: false, label: '0 of 1' }],
      ['Summit', { goal: 3, met: 0, remaining: 3, reached: false, label: '0 of 3' }],
      ['Breakfast club', { goal: 2, met: 3, remaining: 0, reached: true, label: '3 of 2' }],
    ]);
    // The same progress as each event's own page.
    for (const event of list.json().items) expect((await call('GET', `/events/${event.id}`)).json().progress).toEqual(event.progress);
    const page = (await call('GET', '/events?limit=1&offset=2')).json();
    expect(page).toMatchObject({ total: 3, items: [{ name: 'Breakfast club', progress: { label: '3 of 2' } }] });
  });

  it('changing the cadences in settings reschedules everyone', async () => {
    const who = await signUpWithToken(kit, 'cadence@example.com', 'UTC');
    kit.clock.set('2026-05-01T10:00:00Z');
    await kit.app.inject({ method: 'POST', url: '/api/v1/people', headers: who.headers, payload: { fullName: 'Cadence Person' } });
    const res = await kit.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: who.headers, payload: { cadenceDays: { met: 7 } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cadenceDays).toEqual({ met: 7, talking: 30, relationship: 90, client: 45, dormant: null });
    const person = (await kit.app.inject({ method: 'GET', url: '/api/v1/people?q=cadence', headers: who.headers })).json().items[0];
    expect(person.followUp.dueOn).toBe('2026-05-08');
  });

  it('changing the time zone or the promise days reschedules people and open promises', async () => {
    const who = await signUpWithToken(kit, 'tz@example.com', 'UTC');
    kit.clock.set('2026-05-01T23:30:00Z'); // 1 May in UTC, already 2 May in Tokyo
    const api = apiAs(() => kit, () => who.headers);
    const person = (await api('POST', '/people', { fullName: 'Zone Person' })).json().person;
    expect(person.followUp.dueOn).toBe('2026-05-15');
    const promise = (await api('POST', `/people/${person.id}/promises`, { text: 'send the notes' })).json().promise;
    expect(promise.effectiveDueOn).toBe('2026-05-04');

    expect((await api('PATCH', '/settings', { timeZone: 'Asia/Tokyo', promiseDefaultDays: 5 })).statusCode).toBe(200);
    expect((await api('GET', `/people/${person.id}`)).json().person.followUp.dueOn).toBe('2026-05-16');
    expect((await api('GET', `/people/${person.id}`)).json().promises[0].effectiveDueOn).toBe('2026-05-06');
  });
});
