import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('people, promises, touches and stages through the API on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  const api = apiAs(() => kit, () => headers);

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T09:00:00Z');
    headers = (await signUpWithToken(kit, 'owner@example.com', 'Europe/London')).headers;
    await api('PATCH', '/settings', { defaultRegion: 'GB' });
  });
  afterAll(() => kit.close());

  it('creates a person with several labelled e-mails, phones and links, normalised', async () => {
    const res = await api('POST', '/people', {
      fullName: '  Zoë Müller ',
      company: 'Acme GmbH',
      emails: [{ value: 'Zoe@Acme.DE', label: 'work' }, { value: 'zoe@home.example' }],
      phones: [{ value: '020 7946 0958', label: 'office' }],
      links: [{ value: 'linkedin.com/in/zoe', label: 'linkedin' }],
      commonalities: [{ kind: 'interest', text: 'The Opera' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json().person;
    expect(person).toMatchObject({
      fullName: 'Zoë Müller',
      stage: 'met',
      source: 'typed',
      emails: [{ value: 'zoe@acme.de', label: 'work' }, { value: 'zoe@home.example', label: null }],
      phones: [{ value: '+442079460958', label: 'office' }],
      links: [{ value: 'https://linkedin.com/in/zoe', label: 'linkedin' }],
      commonalities: [{ kind: 'interest', text: 'The Opera', topic: 'opera' }],
      followUp: { reason: 'cadence', dueOn: '2026-03-24' },
    });
  });

  it('warns "you may already know" when the same e-mail comes again', async () => {
    const res = await api('POST', '/people', { fullName: 'Z. Muller', emails: [{ value: 'zoe@acme.de' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().possibleDuplicates[0].message).toMatch(/^You may already know Zoë Müller/);
  });

  it('quick capture turns one line into a person, commonalities and a promise', async () => {
    const res = await api('POST', '/capture', {
      text: 'Jane Doe, CTO at Acme Corp, jane@acme.com, +44 20 7946 0958, loves opera, hiring engineers; promised to send the white paper on remote hiring',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.person).toMatchObject({ fullName: 'Jane Doe', title: 'CTO', company: 'Acme Corp', emails: [{ value: 'jane@acme.com' }], phones: [{ value: '+442079460958' }] });
    expect(body.person.commonalities.map((c: { kind: string; text: string }) => [c.kind, c.text])).toEqual([
      ['interest', 'opera'],
      ['challenge', 'hiring engineers'],
    ]);
    expect(body.promises).toMatchObject([{ direction: 'i_owe', text: 'send the white paper on remote hiring', effectiveDueOn: '2026-03-13' }]);
    // The same phone as Zoë: Kith says so.
    expect(body.possibleDuplicates.map((d: { fullName: string }) => d.fullName)).toContain('Zoë Müller');
  });

  it('the capture preview shows how a line is read and saves nothing', async () => {
    const before = (await api('GET', '/people')).json().total;
    const res = await api('POST', '/capture/preview', { text: 'Bob Stone (Stone & Co) bob@stone.co — marathon runner, met via Priya' });
    expect(res.statusCode).toBe(200);
    expect(res.json().parsed).toMatchObject({ fullName: 'Bob Stone', company: 'Stone & Co', introducedBy: 'Priya', emails: [{ value: 'bob@stone.co' }] });
    expect((await api('GET', '/people')).json().total).toBe(before);
  });

  it('a line without a name is refused with what to type', async () => {
    const res = await api('POST', '/capture', { text: '   ,  ; ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('KITH_CAPTURE_NO_NAME');
  });

  it('reads a person with promises, timeline, stage history and events; logs touches; changes stages', async () => {
    const jane = (await api('GET', '/people?q=jane')).json().items[0];
    const touch = await api('POST', `/people/${jane.id}/touches`, { kind: 'email', summary: 'Sent the intro' });
    expect(touch.statusCode, touch.body).toBe(201);
    expect(touch.json().person.followUp).toMatchObject({ reason: 'cadence', since: '2026-03-10', dueOn: '2026-03-24' });

    const staged = await api('POST', `/people/${jane.id}/stage`, { stage: 'talking' });
    expect(staged.json().person.followUp.dueOn).toBe('2026-04-09');
    await api('POST', `/people/${jane.id}/stage`, { stage: 'client' });

    const detail = (await api('GET', `/people/${jane.id}`)).json();
    expect(detail.stageHistory.map((s: { fromStage: string | null; toStage: string }) => [s.fromStage, s.toStage])).toEqual([
      [null, 'met'],
      ['met', 'talking'],
      ['talking', 'client'],
    ]);
    expect(detail.interactions[0]).toMatchObject({ kind: 'email', summary: 'Sent the intro', occurredOn: '2026-03-10' });
    expect(detail.promises).toHaveLength(1);
  });

  it('a promise is marked done, and undone', async () => {
    const jane = (await api('GET', '/people?q=jane')).json().items[0];
    const promise = (await api('GET', `/people/${jane.id}`)).json().promises[0];
    const done = await api('POST', `/promises/${promise.id}/done`, {});
    expect(done.json().promise.doneAt).toBe('2026-03-10T09:00:00.000Z');
    const undone = await api('POST', `/promises/${promise.id}/done`, { done: false });
    expect(undone.json().promise.doneAt).toBeNull();
  });

  it('edits fields, and a deleted person can be restored', async () => {
    const created = (await api('POST', '/people', { fullName: 'Temp Person' })).json().person;
    const patched = await api('PATCH', `/people/${created.id}`, { title: 'Chief of Staff', notes: 'met at the bakery', cadenceDays: 7 });
    expect(patched.json().person).toMatchObject({ title: 'Chief of Staff', notes: 'met at the bakery', cadenceDays: 7, followUp: { dueOn: '2026-03-17' } });
    expect((await api('DELETE', `/people/${created.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/people/${created.id}`)).statusCode).toBe(404);
    expect((await api('GET', '/people?q=temp')).json().items).toEqual([]);
    const restored = await api('POST', `/people/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await api('GET', '/people?q=temp')).json().items.map((p: { id: string }) => p.id)).toEqual([created.id]);
  });

  it('commonalities are added and removed', async () => {
    const p = (await api('POST', '/people', { fullName: 'Priya Shah' })).json().person;
    const added = await api('POST', `/people/${p.id}/commonalities`, { kind: 'personal', text: 'two kids' });
    expect(added.statusCode).toBe(201);
    const c = added.json().person.commonalities[0];
    expect(c).toMatchObject({ kind: 'personal', text: 'two kids' });
    const removed = await api('DELETE', `/people/${p.id}/commonalities/${c.id}`);
    expect(removed.json().person.commonalities).toEqual([]);
  });

  it('lists people by stage and by commonality topic, with paging', async () => {
    const clients = (await api('GET', '/people?stage=client')).json();
    expect(clients.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Jane Doe']);
    const opera = (await api('GET', '/people?topic=operas')).json();
    expect(opera.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual(['Jane Doe', 'Zoë Müller']);
    const page = (await api('GET', '/people?limit=2&offset=0')).json();
    expect(page.items).toHaveLength(2);
    expect(page.hasMore).toBe(true);
  });

  it('a snooze hides a follow-up until the day chosen', async () => {
    const zoe = (await api('GET', '/people?q=zoe')).json().items[0];
    const res = await api('POST', `/people/${zoe.id}/snooze`, { days: 30 });
    expect(res.json().person).toMatchObject({ snoozedUntil: '2026-04-09', followUp: { dueOn: '2026-04-09' } });
    const past = await api('POST', `/people/${zoe.id}/snooze`, { until: '2026-03-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toBe('until: must be after today (2026-03-10)');
  });

  it('the follow-up list gives overdue, due and soon, each with its reason', async () => {
    kit.clock.set('2026-03-15T09:00:00Z');
    try {
      const list = (await api('GET', '/follow-ups')).json();
      expect(list.today).toBe('2026-03-15');
      expect(list.items.map((i: { fullName: string; kind: string; state: string }) => [i.fullName, i.kind, i.state])).toEqual([
        ['Jane Doe', 'promise', 'overdue'],
        ['Temp Person', 'person', 'soon'],
      ]);
      expect(list.items[0]).toMatchObject({
        reasonText: 'You promised Jane: send the white paper on remote hiring (2 days overdue).',
        commonality: { kind: 'interest', text: 'opera' },
      });
      expect(list.items[1].reasonText).toBe('You added Temp 5 days ago and have not been in touch since (you aim for every 7 days).');
      expect(list.counts).toEqual({ overdue: 0, due: 0, soon: 1, promises: 1 });
    } finally {
      kit.clock.set('2026-03-10T09:00:00Z');
    }
  });

  it('exports all of my data as JSON, with no secrets', async () => {
    const res = await api('GET', '/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="kith-export-2026-03-10.json"/);
    const data = res.json();
    expect(data.format).toBe('kith-export');
    expect(data.data.people.length).toBeGreaterThanOrEqual(4);
    expect(data.data.promises.length).toBe(1);
    expect(res.body).not.toMatch(/password|token_hash|tokenHash|scrypt/);
    // Derived search columns are Kith's business, not the person's data.
    expect(Object.keys(data.data.people[0])).not.toEqual(expect.arrayContaining(['searchName']));
    expect(Object.keys(data.data.people[0])).not.toContain('companyKey');
    expect(data.data.people[0]).toMatchObject({ fullName: expect.any(String), followUpDueOn: expect.any(String) });
  });
});
