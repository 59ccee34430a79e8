/// <reference lib="dom" />
// The calendar feed as a person sets it up: Settings → Calendar feed shows the URL once with a Copy button, the URL
// serves ICS to a calendar, "Make a new URL" (confirmed) kills the old one, and Revoke (confirmed) the new one.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp } from './support/flows.js';

const available = chromiumAvailable();

describe.skipIf(!available)('the calendar feed in the browser', () => {
  const suite = useServerAndBrowser();

  it('shows the URL once, serves it to a calendar, rotates and revokes it after a confirmation', { timeout: 90_000 }, async () => {
    const context = await suite.browser.newContext({ ...DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'feed@example.com');
    await apiInPage(page, 'POST', '/people', { fullName: 'Ivy Chen' });

    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Calendar feed' });
    await section.getByText('How to subscribe').click();
    await section.getByText('From URL').waitFor();
    await section.getByRole('button', { name: 'Create calendar feed' }).click();
    const url = await section.locator('code.token').innerText();
    expect(url).toMatch(new RegExp(`^${suite.server.url}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    await section.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByText('URL copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await section.getByText('not read by a calendar yet').waitFor();
    await screenshot(page, 'calendar-feed');

    const calendar = await fetch(url);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await calendar.text()).toContain('SUMMARY:Follow up with Ivy Chen');

    // Declining the confirmation changes nothing; accepting it makes a new URL and the old one stops working.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await section.getByRole('button', { name: 'Make a new URL' }).click();
    expect((await fetch(url)).status).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await section.getByRole('button', { name: 'Make a new URL' }).click();
    await expect.poll(() => section.locator('code.token').innerText()).not.toBe(url);
    const rotated = await section.locator('code.token').innerText();
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(rotated)).status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await section.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Calendar feed revoked').waitFor();
    await section.getByRole('button', { name: 'Create calendar feed' }).waitFor();
    expect(await section.locator('code.token').count()).toBe(0);
    expect((await fetch(rotated)).status).toBe(404);
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await context.close();
  });
});
