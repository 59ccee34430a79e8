/// <reference lib="dom" />
// Acting on Today in one tap (done, snooze, not now, the drafted words ready to send), deleting with undo, and the
// app being installable.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, newContext, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp, atEvent } from './support/flows.js';

const available = chromiumAvailable();

describe.skipIf(!available)('acting on Today', () => {
  const suite = useServerAndBrowser();

  it('takes one tap to mark done, snooze or put off a follow-up, and offers the drafted words for e-mail', { timeout: 90_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'today@example.com');
    await atEvent(page, 'Founders breakfast', 3);
    const ids: Record<string, string> = {};
    for (const line of ['Ana Lima, ana@lima.dev, loves opera', 'Ben Okafor, hiring data engineers', 'Chloe Martin, runs the design meetup']) {
      const { person } = await apiInPage<{ person: { id: string; fullName: string } }>(page, 'POST', '/capture', { text: line });
      ids[person.fullName] = person.id;
    }
    await page.goto(suite.server.url);
    const list = page.getByRole('list', { name: 'Who to contact' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);

    // The drafted words: an e-mail to open in the mail app, with subject and body.
    const ana = list.getByRole('listitem').filter({ hasText: 'Ana Lima' });
    await ana.getByText('Drafted message').click();
    const mailto = await ana.getByRole('button', { name: 'Open in mail' }).getAttribute('href');
    expect(mailto).toMatch(/^mailto:ana%40lima\.dev\?subject=.+&body=.+/);
    expect(decodeURIComponent(mailto!.split('body=')[1]!)).toContain('Founders breakfast');
    await screenshot(page, 'today-draft-open', false);

    await ana.getByRole('button', { name: 'Done' }).click();
    await list.getByRole('listitem').filter({ hasText: 'Ben Okafor' }).getByRole('button', { name: 'Snooze a week' }).click();
    await list.getByRole('listitem').filter({ hasText: 'Chloe Martin' }).getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await page.getByText('Nobody to contact today').waitFor();

    const after = async (name: string) => (await apiInPage<{ person: { snoozedUntil: string | null; lastTouchOn: string | null }; interactions: { kind: string }[] }>(page, 'GET', `/people/${ids[name]}`));
    expect((await after('Ana Lima')).interactions.map((i) => i.kind)).toContain('email');
    const ben = (await after('Ben Okafor')).person.snoozedUntil!;
    const chloe = (await after('Chloe Martin')).person.snoozedUntil!;
    const days = (day: string) => Math.round((Date.parse(day) - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000);
    expect(days(ben)).toBeGreaterThanOrEqual(6);
    expect(days(chloe)).toBeLessThanOrEqual(2);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('deletes a person with an undo that brings them back', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'undo@example.com');
    const { person } = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', { fullName: 'Dana Scully', company: 'FBI' });
    await page.goto(`${suite.server.url}/people/${person.id}`);
    await page.getByRole('button', { name: 'Delete Dana Scully' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByText('Dana Scully was deleted.').waitFor();
    expect((await apiInPage<{ error?: { code: string } }>(page, 'GET', `/people/${person.id}`)).error?.code).toBe('KITH_PERSON_NOT_FOUND');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Dana Scully is back.').waitFor();
    await page.locator('[data-person-row]').filter({ hasText: 'Dana Scully' }).waitFor();
    expect((await apiInPage<{ person?: { fullName: string } }>(page, 'GET', `/people/${person.id}`)).person?.fullName).toBe('Dana Scully');
    await context.close();
  });

  it('is an installable app: Chromium reports no installability error', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/sign-in`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // Playwright's contexts are off-the-record, which Chromium reports as 'in-incognito': a property of the test
    // browser, not of the app. Anything else (no manifest, no icon, no service worker…) fails.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toBe(`${suite.server.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    await context.close();
  });
});
