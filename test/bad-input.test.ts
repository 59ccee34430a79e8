// Bad input gets a 4xx that names the field, never a 500, and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let personId: string;
  let eventId: string;
  const post = (url: string, payload: unknown, extra: Record<string, string> = {}) =>
    kit.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...headers, ...extra }, payload: payload as string });

  async function countRows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ['people', 'person_contacts', 'commonalities', 'promises', 'interactions', 'stage_history', 'events', 'event_people'] as const) {
      const row = await kit.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  beforeAll(async () => {
    kit = await createAppKit(dialect);
    headers = (await signUpWithToken(kit, 'careful@example.com')).headers;
    personId = (await post('/people', { fullName: 'Existing Person' })).json().person.id;
    eventId = (await post('/events', { name: 'Existing Event', startsAt: '2026-03-10T18:00:00Z' })).json().event.id;
  });
  afterAll(() => kit.close());

  it('malformed JSON is a 400 that says so', async () => {
    const res = await post('/people', '{"fullName": "Jane"', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('KITH_BAD_JSON');
  });

  it('a body that is not JSON is refused with the content type to use', async () => {
    const res = await post('/people', 'fullName=Jane', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('KITH_UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['a missing name', { company: 'Acme' }, 'fullName', 'is required'],
    ['a name of the wrong type', { fullName: 42 }, 'fullName', 'must be string'],
    ['an over-long name', { fullName: 'x'.repeat(201) }, 'fullName', 'must NOT have more than 200 characters'],
    ['over-long notes', { fullName: 'Jane', notes: 'x'.repeat(10_001) }, 'notes', 'must NOT have more than 10000 characters'],
    ['an unknown field', { fullName: 'Jane', favouriteColour: 'blue' }, 'favouriteColour', 'is not a known field'],
    ['an unknown stage', { fullName: 'Jane', stage: 'friend' }, 'stage', 'must be one of: met, talking, relationship, client, dormant'],
    ['a cadence of zero days', { fullName: 'Jane', cadenceDays: 0 }, 'cadenceDays', 'must be >= 1'],
    ['an invalid e-mail', { fullName: 'Jane', emails: [{ value: 'jane@' }] }, 'emails[0].value', '"jane@" is not an e-mail address'],
    ['an invalid phone', { fullName: 'Jane', phones: [{ value: '12' }] }, 'phones[0].value', '"12" is not a phone number (add the country code, e.g. +44)'],
    ['an invalid link', { fullName: 'Jane', links: [{ value: 'javascript:alert(1)' }] }, 'links[0].value', '"javascript:alert(1)" is not a web address'],
    ['a blank name', { fullName: '   ' }, 'fullName', 'a person needs a name'],
  ])('a person with %s is refused, naming the field', async (_case, body, path, message) => {
    const before = await countRows();
    const res = await post('/people', body);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('KITH_VALIDATION');
    expect(error.details.issues).toContainEqual({ path, message });
    expect(error.message).toContain(path);
    expect(await countRows()).toEqual(before);
  });

  it('a person whose second phone is invalid is not saved at all', async () => {
    const before = await countRows();
    const res = await post('/people', { fullName: 'Half Written', emails: [{ value: 'ok@example.com' }], phones: [{ value: '+44 20 7946 0958' }, { value: 'not a phone' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('phones[1].value');
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ['an invalid date', '/touches', { kind: 'call', occurredOn: '2026-02-30' }, 'occurredOn', 'must be date'],
    ['a date in the future', '/touches', { kind: 'call', occurredOn: '2099-01-01' }, 'occurredOn', 'is in the future (today is 2026-03-10)'],
    ['an unknown kind of touch', '/touches', { kind: 'telepathy' }, 'kind', 'must be one of: met, email, call, meeting, message, sent_something, event_together, note'],
    ['a promise without text', '/promises', { text: '' }, 'text', 'must NOT have fewer than 1 characters'],
    ['a promise due in the past', '/promises', { text: 'send it', dueOn: '2026-01-01' }, 'dueOn', 'is before today (2026-03-10)'],
    ['a snooze of zero days', '/snooze', { days: 0 }, 'days', 'must be >= 1'],
  ])('%s is refused, naming the field', async (_case, suffix, body, path, message) => {
    const before = await countRows();
    const res = await post(`/people/${personId}${suffix}`, body);
    expect(res.statusCode, res.body).toBe(400);
    const issues = res.json().error.details.issues as { path: string; message: string }[];
    expect(issues.some((i) => i.path === path && i.message === message), JSON.stringify(issues)).toBe(true);
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ['an unknown time zone', { name: 'Mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Mars/Olympus' }, 'timeZone', '"Mars/Olympus" is not an IANA time zone (e.g. Europe/London)'],
    ['a start that is not a date', { name: 'Mixer', startsAt: 'next tuesday' }, 'startsAt', 'must be date-time'],
    ['an end before the start', { name: 'Mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T17:00:00Z' }, 'endsAt', 'is before the start'],
    ['a negative goal', { name: 'Mixer', startsAt: '2026-03-10T18:00:00Z', goal: -1 }, 'goal', 'must be >= 0'],
  ])('an event with %s is refused, naming the field', async (_case, body, path, message) => {
    const res = await post('/events', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.issues).toContainEqual({ path, message });
  });

  it('settings with an unknown time zone or region are refused', async () => {
    const tz = await kit.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers, payload: { timeZone: 'Europe/Atlantis' } });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.details.issues).toContainEqual({ path: 'timeZone', message: '"Europe/Atlantis" is not an IANA time zone (e.g. Europe/London)' });
    const region = await kit.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers, payload: { defaultRegion: 'XX' } });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.details.issues[0].path).toBe('defaultRegion');
  });

  it.each([
    ['a new person met at an event, with a bad e-mail', 'POST', '/events/EVENT/people', { person: { fullName: 'Jane', emails: [{ value: 'jane@' }] } }, 'person.emails[0].value', '"jane@" is not an e-mail address'],
    ['a new person met at an event, with a blank name', 'POST', '/events/EVENT/people', { person: { fullName: '   ' }, requestId: 'blank-name-0001' }, 'person.fullName', 'a person needs a name'],
    ['a person given a phone that is not one', 'PATCH', '/people/PERSON', { phones: [{ value: '12' }] }, 'phones[0].value', '"12" is not a phone number (add the country code, e.g. +44)'],
    ['a touch in the future', 'POST', '/people/PERSON/touches', { kind: 'call', occurredOn: '2099-01-01' }, 'occurredOn', 'is in the future (today is 2026-03-10)'],
  ])('the error for %s names the field as it was sent, for the web app to show it there', async (_case, method, url, body, path, message) => {
    const before = await countRows();
    const res = await kit.app.inject({ method: method as 'POST', url: `/api/v1${url.replace('EVENT', eventId).replace('PERSON', personId)}`, headers, payload: body });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'KITH_VALIDATION', message: `${path}: ${message}` });
    expect(error.details.issues).toEqual([{ path, message }]);
    expect(await countRows()).toEqual(before);
  });

  it('unknown ids are 404 with the kind of thing that was not found', async () => {
    const missing = '00000000-0000-7000-8000-ffffffffffff';
    const cases: [string, string, string, unknown?][] = [
      ['GET', `/people/${missing}`, 'KITH_PERSON_NOT_FOUND'],
      ['PATCH', `/people/${missing}`, 'KITH_PERSON_NOT_FOUND', { title: 'x' }],
      ['POST', `/people/${missing}/touches`, 'KITH_PERSON_NOT_FOUND', { kind: 'call' }],
      ['POST', `/promises/${missing}/done`, 'KITH_PROMISE_NOT_FOUND', {}],
      ['GET', `/events/${missing}`, 'KITH_EVENT_NOT_FOUND'],
      ['DELETE', `/people/${personId}/commonalities/${missing}`, 'KITH_COMMONALITY_NOT_FOUND'],
      ['POST', '/capture', 'KITH_EVENT_NOT_FOUND', { text: 'Jane Doe', eventId: missing }],
    ];
    for (const [method, url, code, payload] of cases) {
      const res = await kit.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe(code);
    }
  });

  it('an id with characters that cannot be an id is a 400, not a 500', async () => {
    const res = await kit.app.inject({ method: 'GET', url: `/api/v1/people/${encodeURIComponent("1' OR '1'='1")}`, headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('params.id');
  });

  it('query parameters of the wrong type name the parameter', async () => {
    const res = await kit.app.inject({ method: 'GET', url: '/api/v1/people?limit=lots', headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toEqual({ path: 'querystring.limit', message: 'must be integer' });
  });

  it('an unknown route is a 404 in the same error shape', async () => {
    const res = await kit.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'KITH_ROUTE_NOT_FOUND', message: 'no route GET /api/v1/nothing-here' } });
  });

  it('an oversized body is refused with 413', async () => {
    const res = await post('/people', { fullName: 'Big', notes: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('KITH_BODY_TOO_LARGE');
  });
});
