// How the server hands out the web app: the shell for every screen's address, hashed assets cached for good,
// compressed copies when the browser takes them, the API's 404s left as JSON, and a CSP with no inline script.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/http/build-app.js';
import { createTestKit, type TestKit } from './helpers.js';

const SHELL = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('kith '.repeat(400))});`;

describe('the web app, as served', () => {
  let kit: TestKit;
  let app: App;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kith-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), SHELL);
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(root, 'assets', 'app-abc123.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
    kit = await createTestKit('sqlite');
    app = await buildApp({ services: kit.services, docs: true, webRoot: root });
  });
  afterAll(async () => {
    await app?.close();
    await kit?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / and any screen address with the app shell, under a CSP without inline scripts', async () => {
    for (const url of ['/', '/people/0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000', '/events', '/settings?tab=tokens']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(SHELL);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('caches hashed assets for a year, and sends the gzip copy to a browser that accepts it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const zipped = await app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(SCRIPT.length / 4);
  });

  it('never caches the service worker, so a new version reaches the phones', async () => {
    const res = await app.inject({ method: 'GET', url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('leaves unknown API addresses and missing assets as 404s, not the app shell', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('KITH_ROUTE_NOT_FOUND');
    const asset = await app.inject({ method: 'GET', url: '/assets/gone-123.js' });
    expect(asset.statusCode).toBe(404);
    const docs = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.json().paths['/api/v1/people']).toBeDefined();
  });

  it('compresses API answers over 1 KB for clients that accept it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(res.rawPayload).toString()).toBe(plain.body);
  });

  it('says how to build the web app when it has not been built, and the API still works', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kith-web-empty-'));
    const bare = await buildApp({ services: kit.services, docs: false, webRoot: empty });
    try {
      const res = await bare.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
      const health = await bare.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
