// Today's suggestions through the API: one short list, ranked, one per person, each with its reason and words from
// the account's templates; acting on one logs a touch, setting one aside keeps it away until its day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

type Suggestion = { key: string; kind: string; fullName: string; reasonText: string; promiseId: string | null; draft: { subject: string; body: string; short: string } };

describe.each(DIALECTS)('daily suggestions on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  const api = apiAs(() => kit, () => headers);
  const list = async () => (await api('GET', '/suggestions')).json() as { today: string; items: Suggestion[] };

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-02-01T10:00:00Z');
    headers = (await signUpWithToken(kit, 'suggest@example.com', 'Europe/London')).headers;
    // Two people added long ago: their keep-in-touch follow-ups will be overdue.
    await api('POST', '/people', { fullName: 'Olga Old', commonalities: [{ kind: 'interest', text: 'jazz' }] });
    await api('POST', '/people', { fullName: 'Otto Older' });
    kit.clock.set('2026-03-10T18:30:00Z');
    const event = (await api('POST', '/events', { name: 'the Chamber mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T21:00:00Z' })).json().event;
    await api('POST', `/events/${event.id}/here`);
    // Jane: met at the event AND owed a promise: she must appear once.
    await api('POST', '/capture', { text: 'Jane Doe, CTO at Acme, jane@acme.com, loves opera; promised to send the white paper on remote hiring' });
    await api('POST', '/capture', { text: 'Mo Salah, likes football' });
    await api('DELETE', '/events/current');
  });
  afterAll(() => kit.close());

  it('first follow-ups come first, keep-in-touch ones after; one per person; at most the daily number', async () => {
    kit.clock.set('2026-03-11T08:00:00Z');
    const { today, items } = await list();
    expect(today).toBe('2026-03-11');
    expect(items).toHaveLength(3);
    expect(items.map((s) => s.fullName)).toEqual(['Jane Doe', 'Mo Salah', 'Olga Old']);
    expect(items.map((s) => s.kind)).toEqual(['first_follow_up', 'first_follow_up', 'cadence']);
    expect(new Set(items.map((s) => s.fullName)).size).toBe(items.length);
    expect(items[0]!.reasonText).toBe('You met Jane at the Chamber mixer yesterday: a first follow-up keeps you in mind.');
    expect(items[0]!.draft.subject).toBe('Great to meet you at the Chamber mixer');
  });

  it('the words come from my template once I change it, and go back to the default when reset', async () => {
    const bad = await api('PUT', '/templates/first_follow_up', { subject: 'Hi {frist_name}', body: 'x [[ y', short: 'ok' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('KITH_TEMPLATE_INVALID');
    expect(bad.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['subject', 'body']);
    const tooLong = await api('PUT', '/templates/cadence', { subject: 's', body: 'b'.repeat(4001), short: 's' });
    expect(tooLong.statusCode).toBe(400);
    expect((await api('PUT', '/templates/nope', { subject: 's', body: 'b', short: 's' })).json().error.code).toBe('KITH_TEMPLATE_NOT_FOUND');

    const saved = await api('PUT', '/templates/first_follow_up', { subject: 'Lovely to meet you[[ at {event}]], {first_name}', body: 'Hi {first_name}!\n\n[[We talked about {commonality}. ]]Coffee soon?', short: 'Hi {first_name}! Coffee?' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ reason: 'first_follow_up', isDefault: false });
    const jane = (await list()).items[0]!;
    expect(jane.draft).toEqual({ subject: 'Lovely to meet you at the Chamber mixer, Jane', body: 'Hi Jane!\n\nWe talked about opera. Coffee soon?', short: 'Hi Jane! Coffee?' });
    // The long follow-up list uses the same words.
    const followUps = (await api('GET', '/follow-ups')).json().items as Suggestion[];
    expect(followUps.find((f) => f.fullName === 'Jane Doe' && f.kind === 'person')!.draft.subject).toBe('Lovely to meet you at the Chamber mixer, Jane');

    const templates = (await api('GET', '/templates')).json().items as { reason: string; isDefault: boolean; placeholders: { name: string }[] }[];
    expect(templates.map((t) => [t.reason, t.isDefault])).toEqual([['first_follow_up', false], ['cadence', true], ['promise', true], ['share', true]]);
    expect(templates[0]!.placeholders.map((p) => p.name)).toContain('event');
    // My words are part of the export of everything.
    expect((await api('GET', '/export')).json().data.message_templates).toEqual([expect.objectContaining({ reason: 'first_follow_up', short: 'Hi {first_name}! Coffee?' })]);
    expect((await api('DELETE', '/templates/first_follow_up')).json()).toMatchObject({ isDefault: true, subject: 'Great to meet you[[ at {event}]]' });
    expect((await list()).items[0]!.draft.subject).toBe('Great to meet you at the Chamber mixer');
  });

  it('acting on a suggestion logs a touch and it leaves the list', async () => {
    const jane = (await list()).items[0]!;
    const done = await api('POST', `/suggestions/${encodeURIComponent(jane.key)}/done`, { action: 'email' });
    expect(done.statusCode).toBe(200);
    expect((await list()).items.map((s) => s.fullName)).not.toContain('Jane Doe');
    const person = (await api('GET', `/people/${jane.key.split(':')[1]}`)).json();
    expect(JSON.stringify(person)).toContain('Followed up');
  });

  it('"not now" keeps a suggestion away through today and brings it back tomorrow; a promise keeps its due day', async () => {
    // The promise to Jane comes up the day before it is due.
    kit.clock.set('2026-03-12T08:00:00Z');
    const promise = (await list()).items.find((s) => s.kind === 'promise')!;
    expect(promise.fullName).toBe('Jane Doe');
    const aside = await api('POST', `/suggestions/${encodeURIComponent(promise.key)}/set-aside`, {});
    expect(aside.json()).toEqual({ key: promise.key, until: '2026-03-13' });
    expect((await list()).items.map((s) => s.key)).not.toContain(promise.key);
    kit.clock.set('2026-03-13T08:00:00Z');
    expect((await list()).items.map((s) => s.key)).toContain(promise.key);
    // Kept: the promise is done and a touch logged.
    await api('POST', `/suggestions/${encodeURIComponent(promise.key)}/done`, { action: 'email', summary: 'Sent the paper' });
    expect((await list()).items.map((s) => s.key)).not.toContain(promise.key);
    const jane = (await api('GET', `/people/${(promise as unknown as { personId: string }).personId}`)).json();
    expect(JSON.stringify(jane)).toContain('Sent the paper');
    expect(JSON.stringify(jane)).toContain('"doneAt":"2026-03-13');
  });

  it('a person set aside for a week is snoozed: they come back when the week is over', async () => {
    const first = (await list()).items.find((s) => s.kind === 'cadence')!;
    expect((await api('POST', `/suggestions/${encodeURIComponent(first.key)}/set-aside`, { days: 7 })).json().until).toBe('2026-03-20');
    expect((await list()).items.map((s) => s.key)).not.toContain(first.key);
    kit.clock.set('2026-03-20T08:00:00Z');
    expect((await list()).items.map((s) => s.key)).toContain(first.key);
  });

  it('bad keys and actions are clear 400s; unknown people and promises 404; only matches can be dismissed', async () => {
    const code = async (method: 'POST', url: string, body?: unknown) => {
      const res = await api(method, url, body);
      return [res.statusCode, res.json().error?.code];
    };
    expect(await code('POST', '/suggestions/nonsense/done', { action: 'email' })).toEqual([400, 'KITH_VALIDATION']);
    expect(await code('POST', '/suggestions/person:abc/done', { action: 'wave' })).toEqual([400, 'KITH_VALIDATION']);
    expect(await code('POST', `/suggestions/${encodeURIComponent('person:00000000-0000-7000-8000-000000000000')}/done`, { action: 'call' })).toEqual([404, 'KITH_PERSON_NOT_FOUND']);
    expect(await code('POST', `/suggestions/${encodeURIComponent('promise:00000000-0000-7000-8000-000000000000')}/set-aside`, {})).toEqual([404, 'KITH_PROMISE_NOT_FOUND']);
    expect(await code('POST', `/suggestions/${encodeURIComponent('person:00000000-0000-7000-8000-000000000000')}/dismiss`)).toEqual([400, 'KITH_VALIDATION']);
    expect(await code('POST', '/suggestions/person:x/set-aside', { days: 0 })).toEqual([400, 'KITH_VALIDATION']);
  });
});

describe.each(DIALECTS)('things to share among the suggestions on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  const api = apiAs(() => kit, () => headers);
  const list = async () => (await api('GET', '/suggestions')).json() as { items: (Suggestion & { personId: string; share: { id: string; title: string } | null })[] };

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T10:00:00Z');
    headers = (await signUpWithToken(kit, 'share-suggest@example.com', 'Europe/London')).headers;
    await api('POST', '/people', { fullName: 'Vera Verdi', emails: [{ value: 'vera@example.com' }], commonalities: [{ kind: 'interest', text: 'Italian operas' }] });
    await api('POST', '/people', { fullName: 'Sid Sport', commonalities: [{ kind: 'interest', text: 'football' }] });
  });
  afterAll(() => kit.close());

  it('a person matching something to share is suggested with the thing, the reason and a drafted note', async () => {
    expect((await list()).items).toEqual([]);
    const share = (await api('POST', '/shares', { title: 'La Traviata at the Civic Opera, 12 March', link: 'https://opera.example/traviata', topics: ['opera'] })).json().share;
    const items = (await list()).items;
    expect(items.map((s) => [s.fullName, s.kind])).toEqual([['Vera Verdi', 'share']]);
    const vera = items[0]!;
    expect(vera.key).toBe(`share:${share.id}:${vera.personId}`);
    expect(vera.share).toMatchObject({ id: share.id, title: 'La Traviata at the Civic Opera, 12 March' });
    expect(vera.draft.subject).toBe('Thought of you: La Traviata at the Civic Opera, 12 March');
    expect(vera.draft.body).toContain('https://opera.example/traviata');
    expect(vera.draft.body).toContain('given Italian operas');
  });

  it('sending it logs a touch and it is not suggested to them again; "not for them" works the same way', async () => {
    const vera = (await list()).items[0]!;
    expect((await api('POST', `/suggestions/${encodeURIComponent(vera.key)}/done`, { action: 'email' })).statusCode).toBe(200);
    expect((await list()).items).toEqual([]);
    const person = (await api('GET', `/people/${vera.personId}`)).json();
    expect(person.interactions.map((i: { kind: string }) => i.kind)).toContain('sent_something');

    await api('POST', '/shares', { title: 'Cup final tickets', topics: ['football'] });
    const sid = (await list()).items[0]!;
    expect(sid.fullName).toBe('Sid Sport');
    expect((await api('POST', `/suggestions/${encodeURIComponent(sid.key)}/dismiss`)).statusCode).toBe(200);
    expect((await list()).items).toEqual([]);
  });

  it('someone who comes to share an interest joins the list within minutes; a new or edited share at once; a deleted person never', async () => {
    const nia = (await api('POST', '/people', { fullName: 'Nia Newcomer' })).json().person;
    await api('POST', `/people/${nia.id}/commonalities`, { kind: 'interest', text: 'football' });
    // The candidates of things to share are kept for five minutes (docs/sharing.md).
    kit.clock.set('2026-03-10T10:06:00Z');
    expect((await list()).items.map((s) => s.fullName)).toEqual(['Nia Newcomer']);
    // A share edited: its matches are worked out again at once.
    const shares = (await api('GET', '/shares')).json().items as { id: string; title: string }[];
    const cup = shares.find((s) => s.title === 'Cup final tickets')!;
    await api('PATCH', `/shares/${cup.id}`, { topics: ['falconry'] });
    expect((await list()).items).toEqual([]);
    await api('PATCH', `/shares/${cup.id}`, { topics: ['football'] });
    expect((await list()).items.map((s) => s.fullName)).toEqual(['Nia Newcomer']);
    await api('DELETE', `/people/${nia.id}`);
    expect((await list()).items).toEqual([]);
  });
});
