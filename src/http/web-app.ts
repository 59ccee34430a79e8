// Serves the web app (built by Vite into dist/web) at /: hashed assets cached for a year, the app shell and the
// service worker never cached, gzip/brotli files prepared at build time, every other path that is not the API
// answered with the app (client-side routes), and a strict Content-Security-Policy: scripts and styles only from
// this origin, no inline script, no eval.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', WEB_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
}

/** dist/web of the package this file belongs to, whether it runs from src/ (tests, tsx) or from the dist/ bundle. */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'web');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kith</title></head><body>
<h1>Kith is running, but its web app is not built</h1><p>Run <code>npm run build</code> (the README's first command does it), then reload.
The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

export async function webApp(app: FastifyInstance, options: { root: string }): Promise<void> {
  const indexFile = join(options.root, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      securityHeaders(reply);
      return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    });
    return;
  }
  const indexHtml = readFileSync(indexFile);

  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('content-security-policy', WEB_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      // Hashed names never change content; everything else (sw.js, the manifest, icons) is checked each time.
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  // Any other GET that is not the API is a screen of the app: send the shell and let the client route it.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
    securityHeaders(reply);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
