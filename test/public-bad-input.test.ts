// The pages and APIs outside /api/v1 that people reach without signing in (event pages, registrants' and speakers'
// pages, door staff, unsubscribe links) answer every malformed request with a clear 4xx, never a 500, and keep
// nothing of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailKit, type MailKit } from './mail-kit.js';
import { signUpWithToken } from './helpers.js';

describe('public pages and APIs with bad input', () => {
  let kit: MailKit;
  let slug: string;
  let registrationPath: string;
  let doorToken: string;

  beforeAll(async () => {
    kit = await createMailKit('sqlite', '2026-03-01T09:00:00Z');
    const { accountId } = await signUpWithToken(kit, 'owner@chamber.example');
    const org = await kit.services.organizer.createOrganization(accountId, 'Riverside');
    const event = await kit.services.organizer.createEvent(accountId, org.id, { title: 'Mixer', startsAt: '2026-03-10T18:00:00Z', timeZone: 'Europe/London', questions: [{ id: 'q', label: 'Why?', required: true }] });
    slug = event.slug;
    const rsvp = await kit.services.registrations.rsvp(slug, { fullName: 'Ada', email: 'ada@example.com', answers: { q: 'x' } });
    registrationPath = `/r/${rsvp.token}`;
    doorToken = (await kit.services.door.createLink(accountId, org.id, event.id, 'Front')).token;
  });
  afterAll(() => kit?.close());

  const weird = ['%', '%zz', 'a'.repeat(5000), '..%2F..%2Fetc', '<script>', '\u0000', 'é'];

  it('never answers 500, whatever the path, body or content type', async () => {
    const requests: { method: 'GET' | 'POST'; url: string; payload?: string; headers?: Record<string, string> }[] = [];
    for (const w of weird) {
      const part = encodeURIComponent(w).slice(0, 3000);
      requests.push({ method: 'GET', url: `/e/${part}` }, { method: 'GET', url: `/r/${part}` }, { method: 'GET', url: `/s/${part}` }, { method: 'GET', url: `/unsubscribe/o/${part}` }, { method: 'GET', url: `/e/${part}/calendar.ics` }, { method: 'GET', url: `/r/${part}/calendar.ics` });
      requests.push({ method: 'POST', url: `/r/${part}/cancel`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      requests.push({ method: 'POST', url: `/s/${part}/accept`, payload: 'note=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    const forms = ['fullName=%', '%%%', `fullName=${'a'.repeat(30_000)}`, 'answers.q=&fullName=&email=', '__proto__=x&constructor=y&fullName=Z&email=z%40example.com&answers.q=1', 'email=a@b&email=c@d'];
    for (const body of forms) requests.push({ method: 'POST', url: `/e/${slug}`, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (const [type, body] of [['application/json', '{"fullName": "x"}'], ['multipart/form-data; boundary=x', '--x--'], ['text/plain', 'hello'], ['application/x-www-form-urlencoded', 'x'.repeat(70_000)]] as const) {
      requests.push({ method: 'POST', url: `/e/${slug}`, payload: body, headers: { 'content-type': type } });
      requests.push({ method: 'POST', url: `${registrationPath}/claim`, payload: body, headers: { 'content-type': type } });
    }
    requests.push({ method: 'POST', url: `${registrationPath}/explode`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (const body of ['{', '[]', '{"actions": "x"}', '{"actions": [{"id": "short", "kind": "check-in"}]}', '{"actions": [{"id": "abcdefgh-1", "kind": "teleport"}]}', `{"actions": [${'{"id":"abcdefgh-1","kind":"undo","registrationId":"x"},'.repeat(600)}{}]}`]) {
      requests.push({ method: 'POST', url: '/api/door/actions', payload: body, headers: { 'content-type': 'application/json', 'x-door-token': doorToken } });
    }
    requests.push({ method: 'GET', url: '/api/door/list', headers: { 'x-door-token': '%%%' } }, { method: 'GET', url: '/api/door/list', headers: { 'x-door-token': 'a'.repeat(3000) } });
    for (const r of requests) {
      const res = await kit.app.inject({ method: r.method, url: r.url, ...(r.payload !== undefined ? { payload: r.payload } : {}), ...(r.headers ? { headers: r.headers } : {}), remoteAddress: `10.0.${requests.indexOf(r) % 250}.${Math.floor(requests.indexOf(r) / 250) + 1}` });
      expect(res.statusCode, `${r.method} ${r.url.slice(0, 80)} ${(r.payload ?? '').slice(0, 60)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
    // Nothing was registered by any of it but Ada and the one well-formed form above.
    const registrations = await kit.store.db.selectFrom('registrations').select('full_name').execute();
    expect(registrations.map((r) => r.full_name).sort()).toEqual(['Ada', 'Z']);
  });
});
