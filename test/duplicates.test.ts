import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('duplicates, merges and undo through the API on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let otherHeaders: Record<string, string>;
  const api = apiAs(() => kit, () => headers);
  const asOther = apiAs(() => kit, () => otherHeaders);

  const create = async (body: Record<string, unknown>): Promise<string> => {
    const res = await api('POST', '/people', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().person.id as string;
  };
  const detail = async (id: string) => {
    const res = await api('GET', `/people/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const pairOf = async (x: string, y: string) => {
    const items = (await api('GET', '/duplicates?limit=200')).json().items as { a: { id: string }; b: { id: string }; confidence: number; certain: boolean; evidence: string[] }[];
    return items.find((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));
  };

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T09:00:00Z');
    headers = (await signUpWithToken(kit, 'owner@example.com', 'Europe/London')).headers;
    otherHeaders = (await signUpWithToken(kit, 'other@example.com', 'Europe/London')).headers;
    await api('PATCH', '/settings', { defaultRegion: 'GB' });
  });
  afterAll(() => kit.close());

  it('lists a shared e-mail as certain and close names at one company as likely, with the evidence', async () => {
    const jane = await create({ fullName: 'Jane Doe', company: 'Initech', emails: [{ value: 'jane@initech.example' }] });
    const janeToo = await create({ fullName: 'J. Doe', emails: [{ value: 'Jane@Initech.example' }] });
    const jon = await create({ fullName: 'Jon Smith', company: 'Acme' });
    const john = await create({ fullName: 'John Smith', company: 'ACME Inc.' });
    const otherJohn = await create({ fullName: 'John Smith', company: 'Globex' });

    const certain = await pairOf(jane, janeToo);
    expect(certain).toMatchObject({ confidence: 1, certain: true });
    expect(certain?.evidence).toEqual(['same e-mail jane@initech.example', "names 'Jane Doe' and 'J. Doe' match with an initial; both with e-mail at initech.example"]);
    const likely = await pairOf(jon, john);
    expect(likely?.certain).toBe(false);
    expect(likely?.confidence).toBeLessThan(1);
    expect(likely?.evidence[0]).toBe("names 'Jon Smith' and 'John Smith' differ by one letter; both at Acme");
    expect(await pairOf(john, otherJohn)).toBeUndefined();

    const page = (await api('GET', '/duplicates?limit=1')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].certain).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items[0].a).toMatchObject({ fullName: expect.any(String), emails: expect.any(Array) });
  });

  it('the list follows every change at once, though pairs are kept between pages', async () => {
    const ida = await create({ fullName: 'Ida Lovelace', emails: [{ value: 'ida@one.example' }] });
    const ide = await create({ fullName: 'Idelle Byron', emails: [{ value: 'idelle@two.example' }] });
    expect(await pairOf(ida, ide)).toBeUndefined();
    // The clock of this test stands still: only the contacts and the deletions tell the list that something changed.
    expect((await api('PATCH', `/people/${ide}`, { emails: [{ value: 'ida@one.example' }] })).statusCode).toBe(200);
    expect((await pairOf(ida, ide))?.certain).toBe(true);
    expect((await api('DELETE', `/people/${ide}`)).statusCode).toBe(204);
    expect(await pairOf(ida, ide)).toBeUndefined();
    expect((await api('POST', `/people/${ide}/restore`)).statusCode).toBe(200);
    expect((await pairOf(ida, ide))?.certain).toBe(true);
    expect((await api('PATCH', `/people/${ide}`, { emails: [] })).statusCode).toBe(200);
    expect(await pairOf(ida, ide)).toBeUndefined();
  });

  it('"not the same person" is remembered', async () => {
    const a = await create({ fullName: 'Priya Patel', company: 'Hooli' });
    const b = await create({ fullName: 'Priya Patell', company: 'Hooli' });
    expect(await pairOf(a, b)).toBeDefined();
    const res = await api('POST', '/duplicates/dismiss', { a: b, b: a });
    expect(res.statusCode, res.body).toBe(204);
    expect(await pairOf(a, b)).toBeUndefined();
    expect((await api('POST', '/duplicates/dismiss', { a, b })).statusCode).toBe(204);
  });

  it('merges field by field, keeps both histories, and undo restores both people exactly', async () => {
    const event = (await api('POST', '/events', { name: 'Chamber mixer', startsAt: '2026-03-09T18:00:00Z' })).json().event.id as string;
    const keep = await create({
      fullName: 'Robert Jones',
      company: 'Umbrella',
      title: 'CTO',
      notes: 'met at the mixer',
      emails: [{ value: 'rob@umbrella.example', label: 'work' }],
      phones: [{ value: '020 7946 0001' }],
      commonalities: [{ kind: 'interest', text: 'opera' }],
    });
    const merge = await create({
      fullName: 'Bob Jones',
      company: 'Umbrella Corp',
      title: 'Chief Technology Officer',
      notes: 'likes sailing',
      emails: [{ value: 'ROB@umbrella.example' }, { value: 'bob@home.example' }],
      phones: [{ value: '020 7946 0002' }],
      links: [{ value: 'https://example.com/bob' }],
      commonalities: [{ kind: 'interest', text: 'Opera' }, { kind: 'personal', text: 'sailing' }],
    });
    expect((await api('POST', `/people/${keep}/touches`, { kind: 'call', summary: 'first call' })).statusCode).toBe(201);
    expect((await api('POST', `/people/${merge}/touches`, { kind: 'email', summary: 'sent the deck' })).statusCode).toBe(201);
    expect((await api('POST', `/people/${merge}/promises`, { text: 'send the white paper' })).statusCode).toBe(201);
    expect((await api('POST', `/people/${merge}/stage`, { stage: 'talking' })).statusCode).toBe(200);
    expect((await api('POST', `/events/${event}/people`, { personId: merge })).statusCode).toBeLessThan(300);

    const pair = await pairOf(keep, merge);
    expect(pair?.certain).toBe(true);

    const before = { keep: await detail(keep), merge: await detail(merge) };
    kit.clock.set('2026-03-11T10:00:00Z');
    const res = await api('POST', '/merges', { keep, merge, fields: { title: 'merge', stage: 'merge', notes: 'both' } });
    expect(res.statusCode, res.body).toBe(201);
    const { merge: made, person } = res.json();
    expect(person).toMatchObject({
      fullName: 'Robert Jones',
      company: 'Umbrella',
      title: 'Chief Technology Officer',
      notes: 'met at the mixer\n\nlikes sailing',
      stage: 'talking',
      emails: [{ value: 'rob@umbrella.example', label: 'work' }, { value: 'bob@home.example', label: null }],
      phones: [{ value: '+442079460001' }, { value: '+442079460002' }],
      links: [{ value: 'https://example.com/bob' }],
    });
    expect(person.commonalities.map((c: { text: string }) => c.text).sort()).toEqual(['opera', 'sailing']);

    const after = await detail(keep);
    expect(after.interactions.map((i: { summary: string }) => i.summary).sort()).toEqual(['Met at Chamber mixer', 'first call', 'sent the deck']);
    expect(after.promises.map((p: { text: string }) => p.text)).toEqual(['send the white paper']);
    expect(after.events.map((e: { eventId: string }) => e.eventId)).toEqual([event]);
    expect(after.stageHistory.length).toBe(before.keep.stageHistory.length + before.merge.stageHistory.length + 1);
    expect((await api('GET', `/people/${merge}`)).statusCode).toBe(404);
    expect(await pairOf(keep, merge)).toBeUndefined();

    const merges = (await api('GET', '/merges')).json().items;
    expect(merges[0]).toMatchObject({ id: made.id, keptId: keep, mergedId: merge, keptName: 'Robert Jones', mergedName: 'Bob Jones', undoneAt: null });

    const undone = await api('POST', `/merges/${made.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().merge.undoneAt).toBe('2026-03-11T10:00:00.000Z');
    expect(await detail(keep)).toEqual(before.keep);
    expect(await detail(merge)).toEqual(before.merge);

    const again = await api('POST', `/merges/${made.id}/undo`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('KITH_MERGE_ALREADY_UNDONE');
  });

  it('an earlier merge cannot be undone while a later one involves the same person', async () => {
    const a = await create({ fullName: 'Chain One', emails: [{ value: 'chain@x.example' }] });
    const b = await create({ fullName: 'Chain Two', emails: [{ value: 'chain@x.example' }] });
    const c = await create({ fullName: 'Chain Three', emails: [{ value: 'chain3@x.example' }] });
    const first = (await api('POST', '/merges', { keep: a, merge: b })).json().merge.id;
    const second = (await api('POST', '/merges', { keep: a, merge: c })).json().merge.id;
    const blocked = await api('POST', `/merges/${first}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'KITH_MERGE_UNDO_BLOCKED', details: { laterMergeId: second } });
    expect((await api('POST', `/merges/${second}/undo`)).statusCode).toBe(200);
    expect((await api('POST', `/merges/${first}/undo`)).statusCode).toBe(200);
    expect((await detail(b)).person.fullName).toBe('Chain Two');
  });

  it('merge-certain merges only identical e-mails or phones, each undoable', async () => {
    const fresh = await createAppKit(dialect, '2026-03-10T09:00:00Z');
    try {
      const h = (await signUpWithToken(fresh, 'fresh@example.com')).headers;
      const call = apiAs(() => fresh, () => h);
      await call('PATCH', '/settings', { defaultRegion: 'GB' });
      const make = async (body: Record<string, unknown>) => (await call('POST', '/people', body)).json().person.id as string;
      const p1 = await make({ fullName: 'Ana Lima', phones: [{ value: '020 7946 0100' }] });
      const p2 = await make({ fullName: 'Ana L.', phones: [{ value: '+44 20 7946 0100' }] });
      const p3 = await make({ fullName: 'Jon Smith', company: 'Acme' });
      const p4 = await make({ fullName: 'John Smith', company: 'Acme' });
      const res = await call('POST', '/duplicates/merge-certain');
      expect(res.statusCode, res.body).toBe(200);
      const merges = res.json().merges;
      expect(merges).toHaveLength(1);
      expect(merges[0]).toMatchObject({ keptId: p1, mergedId: p2, evidence: ['same phone +442079460100'] });
      const left = (await call('GET', '/duplicates')).json().items;
      expect(left).toHaveLength(1);
      expect([left[0].a.id, left[0].b.id].sort()).toEqual([p3, p4].sort());
      expect((await call('POST', `/merges/${merges[0].id}/undo`)).statusCode).toBe(200);
      expect((await call('GET', `/people/${p2}`)).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('answers bad input with clear errors', async () => {
    const a = await create({ fullName: 'Solo Person' });
    const self = await api('POST', '/merges', { keep: a, merge: a });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('KITH_MERGE_SAME_PERSON');
    expect((await api('POST', '/duplicates/dismiss', { a, b: a })).json().error.code).toBe('KITH_MERGE_SAME_PERSON');
    const unknown = await api('POST', '/merges', { keep: a, merge: '00000000-0000-7000-8000-ffffffffffff' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('KITH_PERSON_NOT_FOUND');
    expect((await api('POST', '/merges', { keep: a, merge: a, fields: { notes: 'all' } })).statusCode).toBe(400);
    expect((await api('POST', '/merges', { keep: a })).statusCode).toBe(400);
    const noMerge = await api('POST', '/merges/00000000-0000-7000-8000-ffffffffffff/undo');
    expect(noMerge.statusCode).toBe(404);
    expect(noMerge.json().error.code).toBe('KITH_MERGE_NOT_FOUND');
    expect((await api('GET', '/duplicates?limit=0')).statusCode).toBe(400);
  });

  it("another account's people and merges are not found, and its pairs are not listed", async () => {
    const mine = await create({ fullName: 'Private One', emails: [{ value: 'private@secret.example' }] });
    const mineToo = await create({ fullName: 'Private Two', emails: [{ value: 'private@secret.example' }] });
    const theirs = (await asOther('POST', '/people', { fullName: 'Theirs', emails: [{ value: 'private@secret.example' }] })).json().person.id;
    expect((await asOther('GET', '/duplicates')).json().items).toEqual([]);
    expect((await asOther('POST', '/merges', { keep: theirs, merge: mine })).statusCode).toBe(404);
    expect((await asOther('POST', '/duplicates/dismiss', { a: theirs, b: mine })).statusCode).toBe(404);
    const made = (await api('POST', '/merges', { keep: mine, merge: mineToo })).json().merge.id;
    expect((await asOther('POST', `/merges/${made}/undo`)).statusCode).toBe(404);
    expect((await asOther('GET', '/merges')).json().items).toEqual([]);
    expect((await api('GET', `/people/${mine}`)).json().person.emails).toEqual([{ value: 'private@secret.example', label: null }]);
  });
});
