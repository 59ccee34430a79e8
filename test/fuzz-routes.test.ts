// Never a 500 for bad input: every route of the API (from the OpenAPI document) gets a few hundred seeded random
// bodies, query strings and ids, and must answer each with a status below 500 and the error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKit, signUpWithToken, type AppKit } from './helpers.js';
import { mulberry32 } from './prng.js';

const STRINGS = ['', ' ', 'Jane', 'x'.repeat(5000), '💥🎉', "'; DROP TABLE people; --", '<script>alert(1)</script>', '2026-02-30', '1e999', 'null', '\u0000', 'Ünïcödé', '../../etc/passwd', '%00', '00000000-0000-7000-8000-000000000001'];
const KEYS = ['fullName', 'text', 'kind', 'stage', 'days', 'until', 'emails', 'phones', 'name', 'startsAt', 'endsAt', 'timeZone', 'goal', 'personId', 'person', 'done', 'dueOn', 'direction', 'occurredOn', 'email', 'password', 'cadenceDays', 'eventId', 'defaultRegion', 'requestId', 'onboarded'];

function randomValue(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (r < 0.25) return STRINGS[Math.floor(rnd() * STRINGS.length)];
  if (r < 0.4) return Math.floor(rnd() * 2 ** 31) * (rnd() < 0.5 ? -1 : 1);
  if (r < 0.45) return rnd() < 0.5;
  if (r < 0.5) return null;
  if (r < 0.7 && depth < 3) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  if (depth < 3) return randomObject(rnd, depth + 1);
  return 1.5;
}

function randomObject(rnd: () => number, depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(rnd() * 5); i > 0; i--) object[KEYS[Math.floor(rnd() * KEYS.length)]!] = randomValue(rnd, depth);
  return object;
}

describe('random input on every route', () => {
  let kit: AppKit;
  let headers: Record<string, string>;
  beforeAll(async () => {
    kit = await createAppKit('sqlite');
    headers = (await signUpWithToken(kit, 'fuzz@example.com')).headers;
  });
  afterAll(() => kit.close());

  it('never answers 500, and every error has a code and a message', async () => {
    const rnd = mulberry32(20261126);
    const paths = (kit.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger().paths;
    let requests = 0;
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        for (let i = 0; i < 12; i++) {
          const id = encodeURIComponent(String(randomValue(rnd)));
          const url = path.replace(/\{[^}]+\}/g, id) + (rnd() < 0.5 ? `?${KEYS[Math.floor(rnd() * KEYS.length)]}=${encodeURIComponent(String(randomValue(rnd)))}` : '');
          const hasBody = method !== 'GET' && method !== 'DELETE';
          const res = await kit.app.inject({
            method: method as 'GET',
            url,
            headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
            ...(hasBody ? { payload: rnd() < 0.1 ? '{"broken": ' : JSON.stringify(rnd() < 0.8 ? randomObject(rnd) : randomValue(rnd)) } : {}),
          });
          requests++;
          expect(res.statusCode, `${method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const error = res.json().error;
            expect(typeof error.code, `${method} ${url}`).toBe('string');
            expect(error.message.length, `${method} ${url}`).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(300);
  });
});
