// Registers the service worker that keeps the app shell for offline use (built by vite-plugin-pwa). From a file,
// not an inline script, so the Content-Security-Policy stays strict.
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
