// The web app's build: React, and the PWA (manifest + a Workbox service worker that precaches the app shell, so the
// app opens and captures offline). The service worker is registered from src/offline/register-sw.ts: no inline
// script, so the Content-Security-Policy needs no 'unsafe-inline'.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Kith',
        short_name: 'Kith',
        description: 'Networking for people who hate networking: meet people, remember them, follow up.',
        theme_color: '#3f6b5a',
        background_color: '#f7f5f0',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The app shell is precached; the API is never cached (people's data stays fresh and private).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // Pages the server renders itself (public event pages, registrants' and speakers' pages, unsubscribe pages,
        // calendar feeds, CardDAV) must reach the server, not the app shell, even where the app is installed.
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/(e|r|s|unsubscribe|feeds|dav|\.well-known)\//],
        cleanupOutdatedCaches: true,
        // The first visit is already covered: the page that installed the worker is controlled by it at once.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
});
