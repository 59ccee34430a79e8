// Things to share: a person adds something, Kith lists who it fits best first with the reason, and sending it logs a
// touch and stops suggesting it to them. Commonalities are suggested from notes, and added only when accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';
import { fillCommonalityTerms } from '../src/db/migrations/0006-shares.js';

type Match = { personId: string; fullName: string; email: string | null; score: number; commonality: { kind: string; text: string }; reasonText: string };

describe.each(DIALECTS)('things to share on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let accountId: string;
  const api = apiAs(() => kit, () => headers);
  const ids: Record<string, string> = {};

  const person = async (fullName: string, commonalities: { kind: string; text: string }[], extra: Record<string, unknown> = {}) => {
    const res = await api('POST', '/people', { fullName, commonalities, ...extra });
    expect(res.statusCode).toBe(201);
    ids[fullName] = res.json().person.id;
    return ids[fullName]!;
  };
  const matchesOf = async (shareId: string, query = '') => {
    const res = await api('GET', `/shares/${shareId}/matches${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Match[]; total: number; hasMore: boolean };
  };

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T12:00:00Z');
    ({ headers, accountId } = await signUpWithToken(kit, 'shares@example.com'));
    await person('Jane Doe', [{ kind: 'interest', text: 'opera' }], { emails: [{ value: 'jane@acme.com' }] });
    await person('Ola Verdi', [{ kind: 'interest', text: 'Verdi operas' }]);
    await person('Pat Ops', [{ kind: 'challenge', text: 'scaling operations' }]);
    await person('Raj Patel', [{ kind: 'challenge', text: 'recruiting engineers' }, { kind: 'interest', text: 'chess' }]);
    await person('Mia Chen', [{ kind: 'personal', text: 'the Opéra de Paris' }]);
    await person('Lou Hire', [{ kind: 'challenge', text: 'struggling to hire data engineers' }]);
  });
  afterAll(() => kit.close());

  it('lists the people whose commonalities match "opera", best first, with the reason; not "operations"', async () => {
    const share = (await api('POST', '/shares', { title: 'La Traviata at the Civic Opera, 12 March', topics: ['opera'], link: 'https://civicopera.example/traviata' })).json().share;
    ids.opera = share.id;
    expect(share).toMatchObject({ title: 'La Traviata at the Civic Opera, 12 March', topics: ['opera'], link: 'https://civicopera.example/traviata', archivedAt: null });
    const page = await matchesOf(share.id);
    expect(page.items.map((m) => m.fullName)).toEqual(['Jane Doe', 'Ola Verdi', 'Mia Chen']);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ reasonText: 'Jane loves opera', email: 'jane@acme.com', score: 1, commonality: { kind: 'interest', text: 'opera' } });
    expect(page.items[1]!.reasonText).toBe("Ola: interest 'Verdi operas' matches 'opera'");
    expect(page.items[2]!.commonality).toEqual(expect.objectContaining({ kind: 'personal', text: 'the Opéra de Paris' }));
  });

  it('matches a "hiring" topic with the challenges "recruiting engineers" and "struggling to hire data engineers"', async () => {
    const share = (await api('POST', '/shares', { title: 'White paper: remote hiring', topics: ['hiring'] })).json().share;
    ids.hiring = share.id;
    const page = await matchesOf(share.id);
    expect(page.items.map((m) => m.fullName).sort()).toEqual(['Lou Hire', 'Raj Patel']);
    const raj = page.items.find((m) => m.fullName === 'Raj Patel')!;
    expect(raj).toMatchObject({ commonality: { kind: 'challenge', text: 'recruiting engineers' }, reasonText: "Raj: challenge 'recruiting engineers' matches 'hiring'" });
  });

  it('ranks a commonality matching more of the topics first, and pages', async () => {
    const share = (await api('POST', '/shares', { title: 'Verdi night', topics: ['opera', 'Verdi'] })).json().share;
    const first = await matchesOf(share.id, '?limit=1');
    expect(first.items.map((m) => [m.fullName, m.score])).toEqual([['Ola Verdi', 1]]);
    expect(first).toMatchObject({ total: 3, hasMore: true });
    const rest = await matchesOf(share.id, '?limit=5&offset=1');
    expect(rest.items.map((m) => [m.fullName, m.score])).toEqual([['Jane Doe', 0.5], ['Mia Chen', 0.5]]);
    expect(rest.hasMore).toBe(false);
  });

  it('follows commonalities as they are added and removed', async () => {
    const res = await api('POST', `/people/${ids['Pat Ops']}/commonalities`, { kind: 'interest', text: 'opera lover' });
    expect(res.statusCode).toBe(201);
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).toContain('Pat Ops');
    const added = res.json().person.commonalities.find((c: { text: string }) => c.text === 'opera lover');
    expect((await api('DELETE', `/people/${ids['Pat Ops']}/commonalities/${added.id}`)).statusCode).toBe(200);
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).not.toContain('Pat Ops');
  });

  it('leaves out a deleted person, and brings them back when restored', async () => {
    await api('DELETE', `/people/${ids['Mia Chen']}`);
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).not.toContain('Mia Chen');
    await api('POST', `/people/${ids['Mia Chen']}/restore`);
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).toContain('Mia Chen');
  });

  it('sent: logs a "sent something" touch and no longer lists them', async () => {
    const res = await api('POST', `/shares/${ids.opera}/sent`, { personId: ids['Jane Doe'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      delivery: { shareId: ids.opera, personId: ids['Jane Doe'], state: 'sent' },
      interaction: { kind: 'sent_something', summary: 'Shared: La Traviata at the Civic Opera, 12 March', occurredOn: '2026-03-10' },
    });
    const jane = (await api('GET', `/people/${ids['Jane Doe']}`)).json();
    expect(jane.interactions[0]).toMatchObject({ kind: 'sent_something', summary: 'Shared: La Traviata at the Civic Opera, 12 March' });
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).not.toContain('Jane Doe');
    const detail = (await api('GET', `/shares/${ids.opera}`)).json();
    expect(detail.deliveries).toEqual([expect.objectContaining({ personId: ids['Jane Doe'], state: 'sent' })]);
    const list = (await api('GET', '/shares')).json().items as { id: string; sentCount: number }[];
    expect(list.find((s) => s.id === ids.opera)!.sentCount).toBe(1);
  });

  it('dismiss ("not for them") hides the person for that share only, and never undoes a send', async () => {
    expect((await api('POST', `/shares/${ids.opera}/dismiss`, { personId: ids['Ola Verdi'] })).json().delivery).toMatchObject({ state: 'dismissed' });
    expect((await matchesOf(ids.opera!)).items.map((m) => m.fullName)).toEqual(['Mia Chen']);
    const again = await api('POST', `/shares/${ids.opera}/dismiss`, { personId: ids['Jane Doe'] });
    expect(again.json().delivery.state).toBe('sent');
    const touches = (await api('GET', `/people/${ids['Ola Verdi']}`)).json().interactions as { kind: string }[];
    expect(touches.filter((t) => t.kind === 'sent_something')).toEqual([]);
  });

  it('suggests the best match per person across active shares, none already sent or dismissed', async () => {
    const candidates = await kit.services.shares.suggestionCandidates(accountId, 10);
    const byPerson = new Map(candidates.map((c) => [c.fullName, c]));
    expect(candidates.length).toBe(byPerson.size);
    expect(byPerson.has('Jane Doe')).toBe(true); // sent the opera show, but "Verdi night" still fits her
    expect(byPerson.get('Jane Doe')!.shareId).not.toBe(ids.opera);
    expect(byPerson.get('Raj Patel')).toMatchObject({ shareId: ids.hiring, title: 'White paper: remote hiring', commonality: { kind: 'challenge', text: 'recruiting engineers' } });
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));
    expect(await kit.services.shares.suggestionCandidates(accountId, 2)).toEqual(candidates.slice(0, 2));
  });

  it('edits, archives (no longer suggested) and deletes a share', async () => {
    const share = (await api('POST', '/shares', { title: 'Chess night', topics: ['chess'] })).json().share;
    const edited = await api('PATCH', `/shares/${share.id}`, { title: 'Chess club night', topics: ['chess', 'board games'], link: null });
    expect(edited.json().share).toMatchObject({ title: 'Chess club night', topics: ['chess', 'board games'] });
    await person('Kim Board', [{ kind: 'interest', text: 'board games' }]);
    expect((await matchesOf(share.id)).items.map((m) => m.fullName)).toEqual(['Kim Board', 'Raj Patel']);
    expect((await kit.services.shares.suggestionCandidates(accountId, 50)).some((c) => c.shareId === share.id)).toBe(true);
    const archived = (await api('PATCH', `/shares/${share.id}`, { archived: true })).json().share;
    expect(archived.archivedAt).toBe('2026-03-10T12:00:00.000Z');
    expect((await kit.services.shares.suggestionCandidates(accountId, 50)).some((c) => c.shareId === share.id)).toBe(false);
    expect((await api('GET', '/shares')).json().items.map((s: { id: string }) => s.id)).not.toContain(share.id);
    expect((await api('GET', '/shares?archived=true')).json().items.map((s: { id: string }) => s.id)).toContain(share.id);
    expect((await api('DELETE', `/shares/${share.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/shares/${share.id}`)).json().error.code).toBe('KITH_SHARE_NOT_FOUND');
  });

  it('answers bad input with 400 and the field, and writes nothing', async () => {
    const before = (await api('GET', '/shares?archived=true')).json().items.length;
    const cases: [unknown, string][] = [
      [{ title: '  ', topics: ['opera'] }, 'title'],
      [{ title: 'x', topics: ['opera'], link: 'javascript:alert(1)' }, 'link'],
      [{ title: 'x', topics: ['opera'], link: 'not a url' }, 'link'],
      [{ title: 'x', topics: [] }, 'topics'],
      [{ title: 'x', topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'topics'],
      [{ title: 'x', topics: ['opera', 'o'.repeat(61)] }, 'topics[1]'],
      [{ title: 'x', topics: ['opera', 'the'] }, 'topics[1]'],
      [{ title: 'x', topics: ['opera', '  '] }, 'topics[1]'],
      [{ title: 'x' }, 'topics'],
      [{ title: 'x', topics: ['opera'], extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const res = await api('POST', '/shares', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('KITH_VALIDATION');
      expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await api('PATCH', `/shares/${ids.opera}`, { link: 'ftp://x.example' })).statusCode).toBe(400);
    expect((await api('PATCH', `/shares/${ids.opera}`, {})).statusCode).toBe(400);
    expect((await api('POST', `/shares/${ids.opera}/sent`, {})).statusCode).toBe(400);
    expect((await api('GET', '/shares?archived=true')).json().items.length).toBe(before);
  });

  it('answers 404 for an unknown share or person, and sends nothing half-way', async () => {
    expect((await api('GET', '/shares/nope/matches')).json().error.code).toBe('KITH_SHARE_NOT_FOUND');
    expect((await api('PATCH', '/shares/nope', { title: 'x' })).statusCode).toBe(404);
    expect((await api('DELETE', '/shares/nope')).statusCode).toBe(404);
    const res = await api('POST', `/shares/${ids.hiring}/sent`, { personId: 'nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('KITH_PERSON_NOT_FOUND');
    expect((await api('POST', `/shares/${ids.hiring}/dismiss`, { personId: 'nobody' })).statusCode).toBe(404);
    expect((await api('GET', `/shares/${ids.hiring}`)).json().deliveries).toEqual([]);
  });

  it("another account sees none of it: not the shares, not the matches, and cannot send or dismiss", async () => {
    const other = await signUpWithToken(kit, 'other-shares@example.com');
    const as = apiAs(() => kit, () => other.headers);
    expect((await as('GET', '/shares')).json().items).toEqual([]);
    for (const [method, url, body] of [
      ['GET', `/shares/${ids.opera}`, undefined],
      ['GET', `/shares/${ids.opera}/matches`, undefined],
      ['PATCH', `/shares/${ids.opera}`, { title: 'mine' }],
      ['POST', `/shares/${ids.opera}/sent`, { personId: ids['Mia Chen'] }],
      ['POST', `/shares/${ids.opera}/dismiss`, { personId: ids['Mia Chen'] }],
      ['DELETE', `/shares/${ids.opera}`, undefined],
    ] as const) {
      const res = await as(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('KITH_SHARE_NOT_FOUND');
    }
    // Their own share on the same topic matches none of the first account's people.
    const mine = (await as('POST', '/shares', { title: 'Opera', topics: ['opera'] })).json().share;
    expect((await as('GET', `/shares/${mine.id}/matches`)).json().items).toEqual([]);
    expect((await as('GET', `/people/${ids['Jane Doe']}/commonality-suggestions`)).statusCode).toBe(404);
    expect(await kit.services.shares.suggestionCandidates(other.accountId, 10)).toEqual([]);
  });

  it('suggests commonalities from notes and touches, and adds one only when accepted', async () => {
    const id = await person('Nora Notes', [{ kind: 'interest', text: 'jazz' }], { notes: 'big fan of Verdi, struggling to hire data engineers. Loves jazz.' });
    await api('POST', `/people/${id}/touches`, { kind: 'call', summary: 'has two kids; also went to MIT' });
    const suggested = (await api('GET', `/people/${id}/commonality-suggestions`)).json().items as { kind: string; text: string }[];
    expect(suggested.map((s) => [s.kind, s.text])).toEqual([
      ['interest', 'Verdi'],
      ['challenge', 'hiring data engineers'],
      ['personal', 'two kids'],
      ['shared', 'MIT'],
    ]);
    expect((await api('GET', `/people/${id}`)).json().person.commonalities).toHaveLength(1);
    await api('POST', `/people/${id}/commonalities`, { kind: 'interest', text: 'Verdi' });
    const after = (await api('GET', `/people/${id}/commonality-suggestions`)).json().items as { text: string }[];
    expect(after.map((s) => s.text)).not.toContain('Verdi');
    expect((await api('GET', '/people/nobody/commonality-suggestions')).statusCode).toBe(404);
  });

  it('the migration fills the terms of commonalities that existed before it', async () => {
    const db = kit.store.db;
    const count = async () => Number((await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM commonality_terms`.execute(db)).rows[0]!.n);
    const before = await count();
    await db.deleteFrom('commonality_terms').execute();
    await fillCommonalityTerms(db as never);
    expect(await count()).toBe(before);
    expect((await matchesOf(ids.hiring!)).items.map((m) => m.fullName).sort()).toEqual(['Lou Hire', 'Raj Patel']);
  });

  it('includes shares and their deliveries in the full export', async () => {
    const data = (await api('GET', '/export')).json().data;
    expect(data.shares.map((s: { title: string }) => s.title)).toContain('La Traviata at the Civic Opera, 12 March');
    expect(data.share_deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ personId: ids['Jane Doe'], state: 'sent' })]));
    expect(data.commonality_terms).toBeUndefined();
  });
});
