/// <reference lib="dom" />
// Steps that several browser tests take, written as a person would take them: by labels and button names.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, newContext, watchPage } from './browser.js';

export const PASSWORD = 'correct horse battery staple';

export async function signUp(page: Page, baseUrl: string, email: string, goal = 3): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Welcome to Kith' }).waitFor();
  await page.getByLabel('How many new people is a good goal for one event?').fill(String(goal));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
}

/** Calls the API from inside the page, with the page's session and CSRF token (as the app itself does). */
export async function apiInPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status === 204 ? null : response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/**
 * The path of a link (`/r/…` a registrant's page, `/s/…` a speaker's) in the last e-mail with this subject to this
 * address, read from the organizer's outbox in their page.
 */
/** Plans an event starting now (or `startsAt`) with a goal, and says "I'm here": the event mode's state. */
export async function atEvent(page: Page, name: string, goal: number, startsAt = new Date()): Promise<{ id: string }> {
  const { event } = await apiInPage<{ event: { id: string } }>(page, 'POST', '/events', { name, startsAt: startsAt.toISOString(), goal });
  await apiInPage(page, 'POST', `/events/${event.id}/here`);
  return event;
}

/** A phone signed in as `email`, at an event starting now, in event mode. */
export async function phoneAtEvent(browser: Browser, baseUrl: string, email: string, eventName: string, goal: number) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const seen = watchPage(page);
  await signUp(page, baseUrl, email, goal);
  const event = await atEvent(page, eventName, goal);
  await page.goto(`${baseUrl}/events/${event.id}`);
  await page.getByRole('heading', { name: `I'm at ${eventName}` }).waitFor();
  return { context, page, seen, event };
}

/** An organizer signed up as `email` on a laptop (CSP off, so that the page can be read as rendered). */
export async function organizerOnLaptop(browser: Browser, baseUrl: string, email: string) {
  const context = await newContext(browser, { ...DESKTOP, bypassCSP: true });
  const page = await context.newPage();
  const seen = watchPage(page);
  await signUp(page, baseUrl, email);
  return { context, page, seen };
}

/** Holds the requests to `url` (of `method`, when given) until the returned function is called: a slow network. */
export async function holdRequests(page: Page, url: string, method?: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    if (!method || route.request().method() === method) await released;
    await route.continue();
  });
  return release;
}

export async function linkFromOutbox(organizer: Page, to: string, subject: string, kind: 'r' | 's'): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const outbox = await apiInPage<{ items: { id: string; to: string; subject: string }[] }>(organizer, 'GET', '/outbox?limit=200');
      id = outbox.items.find((m) => m.to.includes(to) && m.subject === subject)?.id;
      return id;
    }, { timeout: 15_000 })
    .toBeTruthy();
  const { message } = await apiInPage<{ message: { text: string } }>(organizer, 'GET', `/outbox/${id}`);
  const path = new RegExp(`/${kind}/[A-Za-z0-9_-]+`).exec(message.text)?.[0];
  expect(path).toBeTruthy();
  return path!;
}

export async function ringLabel(page: Page): Promise<string | null> {
  return page.locator('.goal-ring svg').getAttribute('aria-label');
}

export async function expectRing(page: Page, label: string): Promise<void> {
  await expect.poll(() => ringLabel(page), { timeout: 15_000 }).toBe(`${label} new people met`);
}
