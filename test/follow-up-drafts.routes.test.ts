// Each follow-up comes with a message to start from and the address to send it to, so the web app can open a
// drafted e-mail (mailto:) or a text message in one tap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

type Item = { fullName: string; kind: string; reason: string; email: string | null; draft: { subject: string; body: string; short: string } };

describe.each(DIALECTS)('drafted follow-ups on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  const api = apiAs(() => kit, () => headers);

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T18:30:00Z');
    headers = (await signUpWithToken(kit, 'drafts@example.com', 'Europe/London')).headers;
    const event = (await api('POST', '/events', { name: 'the Chamber mixer', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T21:00:00Z' })).json().event;
    await api('POST', `/events/${event.id}/here`);
    await api('POST', '/capture', { text: 'Jane Doe, CTO at Acme, jane@acme.com, jane@home.example, loves opera; promised to send the white paper on remote hiring' });
    await api('DELETE', '/events/current');
    await api('POST', '/people', { fullName: 'Sam Quiet', commonalities: [{ kind: 'challenge', text: 'hiring engineers' }] });
  });
  afterAll(() => kit.close());

  it('a first follow-up after an event is drafted with the first name, the event and what we talked about', async () => {
    kit.clock.set('2026-03-12T08:00:00Z');
    const items = (await api('GET', '/follow-ups')).json().items as Item[];
    const jane = items.find((i) => i.fullName === 'Jane Doe' && i.kind === 'person')!;
    expect(jane).toMatchObject({ reason: 'first_follow_up', email: 'jane@acme.com' });
    expect(jane.draft.subject).toBe('Great to meet you at the Chamber mixer');
    expect(jane.draft.body).toMatch(/^Hi Jane,\n\nIt was great to meet you at the Chamber mixer\. I really enjoyed our chat about opera\./);
    expect(jane.draft.body.endsWith('\n\nAll the best')).toBe(true);
    expect(jane.draft.short).toBe("Hi Jane, great to meet you at the Chamber mixer! I'd love to stay in touch.");
  });

  it('a promise I owe is drafted around the promise', async () => {
    kit.clock.set('2026-03-13T08:00:00Z');
    const items = (await api('GET', '/follow-ups')).json().items as Item[];
    const promise = items.find((i) => i.kind === 'promise')!;
    expect(promise).toMatchObject({ fullName: 'Jane Doe', reason: 'promise', email: 'jane@acme.com', draft: { subject: 'Following up' } });
    expect(promise.draft.body).toContain("I said I'd send the white paper on remote hiring");
  });

  it('a keep-in-touch follow-up is drafted too, and someone without an e-mail has none to link to', async () => {
    kit.clock.set('2026-03-24T08:00:00Z');
    const items = (await api('GET', '/follow-ups?limit=3')).json().items as Item[];
    const sam = items.find((i) => i.fullName === 'Sam Quiet')!;
    expect(sam).toMatchObject({ reason: 'cadence', email: null, draft: { subject: 'Catching up' } });
    expect(sam.draft.body).toContain('How is it going with hiring engineers?');
    expect(items.length).toBeLessThanOrEqual(3);
  });
});
