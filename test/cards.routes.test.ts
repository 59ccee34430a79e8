// The card API with a stand-in reader (the real OCR is tested in cards-pipeline.test.ts): what a scan answers and
// keeps, what saving makes, the pictures, and every way a request can be wrong, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';
import { multipart, PICTURE, StandInReader } from './card-stand-in.js';

const JANE = ['Jane Doe', 'Chief Technology Officer', 'Acme Robotics Ltd', 'Mobile +44 7911 123456', 'jane.doe@acme-robotics.co.uk', 'www.acme-robotics.co.uk'];
describe.each(DIALECTS)('business cards over the API (%s)', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let other: Record<string, string>;
  const reader = new StandInReader();

  beforeAll(async () => {
    kit = await createAppKit(dialect, undefined, { cardReader: async () => reader });
    headers = (await signUpWithToken(kit, 'jane.owner@example.com')).headers;
    other = (await signUpWithToken(kit, 'someone.else@example.com')).headers;
  });
  afterAll(async () => kit?.close());

  const scan = async (parts: Record<string, string | Buffer>, as = headers) => {
    const body = await multipart(parts);
    return kit.app.inject({ method: 'POST', url: '/api/v1/cards/scan', payload: body.payload, headers: { ...as, ...body.headers } });
  };

  it('reads a card into a draft to review, with each field, its confidence, and the person it describes', async () => {
    const res = await scan({ front: JANE.join('\n') });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.scan.draft.name.value).toBe('Jane Doe');
    expect(body.scan.draft.emails[0].value).toBe('jane.doe@acme-robotics.co.uk');
    expect(body.scan.draft.phones[0].value).toEqual({ number: '+447911123456', label: 'mobile' });
    expect(body.person).toMatchObject({ fullName: 'Jane Doe', company: 'Acme Robotics Ltd', emails: [{ value: 'jane.doe@acme-robotics.co.uk' }] });
    expect(body.scan.images.map((i: { side: string }) => i.side)).toEqual(['front']);
    const picture = await kit.app.inject({ method: 'GET', url: `/api/v1/cards/images/${body.scan.images[0].id}`, headers });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(picture.rawPayload.equals(PICTURE.bytes)).toBe(true);
  });

  it('saves the reviewed card as a person from a card, met at the event I am at, with the card kept', async () => {
    const event = (await kit.app.inject({ method: 'POST', url: '/api/v1/events', headers, payload: { name: 'Robotics meetup', startsAt: '2026-03-10T11:00:00Z', goal: 2 } })).json().event;
    await kit.app.inject({ method: 'POST', url: `/api/v1/events/${event.id}/here`, headers });
    const scanned = (await scan({ front: ['Omar Haddad', 'Head of Data', 'Globex GmbH', 'omar@globex.de'].join('\n'), back: 'Globex GmbH\nTel +49 30 901820' })).json();
    expect(scanned.scan.eventId).toBe(event.id);
    expect(scanned.scan.images.map((i: { side: string }) => i.side).sort()).toEqual(['back', 'front']);

    const saved = await kit.app.inject({ method: 'POST', url: `/api/v1/cards/scans/${scanned.scan.id}/save`, headers, payload: { ...scanned.person, title: 'Head of Data Science' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const person = saved.json().person;
    expect(person).toMatchObject({ fullName: 'Omar Haddad', title: 'Head of Data Science', source: 'card', metEventId: event.id });
    const images = (await kit.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/card-images`, headers })).json().items;
    expect(images.map((i: { side: string }) => i.side).sort()).toEqual(['back', 'front']);
    const progress = (await kit.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}/progress`, headers })).json();
    expect(progress.met).toBe(1);

    const again = await kit.app.inject({ method: 'POST', url: `/api/v1/cards/scans/${scanned.scan.id}/save`, headers });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('KITH_CARD_SCAN_NOT_FOUND');
    await kit.app.inject({ method: 'DELETE', url: '/api/v1/events/current', headers });
  });

  it('saves the draft as read when no reviewed fields are sent, and forgets a discarded scan', async () => {
    const first = (await scan({ front: JANE.join('\n'), eventId: 'none' })).json();
    const saved = await kit.app.inject({ method: 'POST', url: `/api/v1/cards/scans/${first.scan.id}/save`, headers });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().person).toMatchObject({ fullName: 'Jane Doe', metEventId: null, source: 'card' });
    const second = (await scan({ front: JANE.join('\n') })).json();
    expect(second.possibleDuplicates.map((d: { fullName: string }) => d.fullName)).toContain('Jane Doe');
    expect((await kit.app.inject({ method: 'DELETE', url: `/api/v1/cards/scans/${second.scan.id}`, headers })).statusCode).toBe(204);
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/cards/scans/${second.scan.id}`, headers })).statusCode).toBe(404);
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/cards/images/${second.scan.images[0].id}`, headers })).statusCode).toBe(404);
  });

  it('never shows one account’s scans or card pictures to another', async () => {
    const mine = (await scan({ front: JANE.join('\n') })).json();
    for (const [method, url] of [
      ['GET', `/api/v1/cards/scans/${mine.scan.id}`],
      ['POST', `/api/v1/cards/scans/${mine.scan.id}/save`],
      ['DELETE', `/api/v1/cards/scans/${mine.scan.id}`],
      ['GET', `/api/v1/cards/images/${mine.scan.images[0].id}`],
    ] as const) {
      const res = await kit.app.inject({ method, url, headers: other });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/cards/scans/${mine.scan.id}`, headers })).statusCode).toBe(200);
  });

  it('answers every wrong request with a clear error and keeps nothing of it', async () => {
    const before = reader.reads;
    const count = async () => Number((await kit.store.db.selectFrom('card_scans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const scansBefore = await count();

    const json = await kit.app.inject({ method: 'POST', url: '/api/v1/cards/scan', headers, payload: { front: 'x' } });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'KITH_NOT_MULTIPART']);
    const noFront = await scan({ back: 'something' });
    expect([noFront.statusCode, noFront.json().error.code]).toEqual([400, 'KITH_CARD_MISSING_FRONT']);
    const unknown = await scan({ front: 'Jane', picture: 'x' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'KITH_VALIDATION']);
    const badEvent = await scan({ front: 'Jane', eventId: 'not an id!' });
    expect([badEvent.statusCode, badEvent.json().error.details.issues[0].path]).toEqual([400, 'eventId']);
    const noEvent = await scan({ front: 'Jane', eventId: '00000000-0000-7000-8000-ffffffffffff' });
    expect([noEvent.statusCode, noEvent.json().error.code]).toEqual([404, 'KITH_EVENT_NOT_FOUND']);
    const huge = await scan({ front: Buffer.alloc(12 * 1024 * 1024 + 1, 1) });
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'KITH_CARD_TOO_LARGE']);
    const three = await scan({ front: 'a', back: 'b', extra: 'c' });
    expect(three.statusCode).toBeGreaterThanOrEqual(400);
    expect(three.statusCode).toBeLessThan(500);
    const notImage = await scan({ front: 'not an image' });
    expect([notImage.statusCode, notImage.json().error.code]).toEqual([400, 'KITH_CARD_NOT_AN_IMAGE']);

    expect(await count()).toBe(scansBefore);
    expect(reader.reads - before).toBe(1); // only the one that was a file to read reached the reader
    const after = await scan({ front: JANE.join('\n') });
    expect(after.statusCode).toBe(201);
  });
});
