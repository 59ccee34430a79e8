import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('smoke on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  beforeAll(async () => {
    kit = await createAppKit(dialect);
    headers = (await signUpWithToken(kit, 'ana@example.com')).headers;
  });
  afterAll(() => kit.close());

  it('captures a line and finds the person', async () => {
    const res = await kit.app.inject({
      method: 'POST',
      url: '/api/v1/capture',
      headers,
      payload: { text: 'Jane Doe, CTO at Acme Corp, jane@acme.com, +44 20 7946 0958, loves opera, hiring engineers; promised to send the white paper on remote hiring' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const found = await kit.app.inject({ method: 'GET', url: '/api/v1/people?q=jan', headers });
    expect(found.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Jane Doe']);
    const due = await kit.app.inject({ method: 'GET', url: '/api/v1/follow-ups', headers });
    expect(due.statusCode, due.body).toBe(200);
  });
});
