// The frame of every signed-in screen: a header with the main places, the offline banner, and the page.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { OfflineBanner } from './OfflineBanner';

const PLACES = [
  { href: '/', label: 'Today', icon: '☀' },
  { href: '/events', label: 'Events', icon: '◎' },
  { href: '/capture', label: 'Add', icon: '+' },
  { href: '/people', label: 'People', icon: '☺' },
  { href: '/board', label: 'Stages', icon: '▥' },
] as const;

function isCurrent(href: string, location: string): boolean {
  return href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <nav className="container" aria-label="Main">
          <ul>
            <li>
              <Link href="/" className="brand" aria-label="Kith, today">
                <img src="/icon.svg" alt="" width="28" height="28" /> Kith
              </Link>
            </li>
          </ul>
          <ul className="places">
            {PLACES.map((p) => (
              <li key={p.href}>
                <Link href={p.href} aria-current={isCurrent(p.href, location) ? 'page' : undefined}>
                  <span aria-hidden="true" className="place-icon">
                    {p.icon}
                  </span>
                  <span className="place-label">{p.label}</span>
                </Link>
              </li>
            ))}
            <li className="place-wide">
              <Link href="/host" aria-current={isCurrent('/host', location) ? 'page' : undefined}>
                Host
              </Link>
            </li>
            <li>
              <Link href="/settings" aria-current={isCurrent('/settings', location) ? 'page' : undefined}>
                <span aria-hidden="true" className="place-icon">
                  ⚙
                </span>
                <span className="place-label">Settings</span>
              </Link>
            </li>
          </ul>
          {/* The phone's bottom bar has room for the five places and Settings only: hosting sits at the top there. */}
          <ul className="phone-only">
            <li>
              <Link href="/host" aria-current={isCurrent('/host', location) ? 'page' : undefined}>
                Host
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <OfflineBanner />
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** A short loading line (screen readers hear it once). */
export function Loading({ what }: { what: string }) {
  return (
    <p aria-busy="true" className="loading">
      Loading {what}…
    </p>
  );
}
