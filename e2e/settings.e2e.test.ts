/// <reference lib="dom" />
// Settings as a person uses them: fewer suggestions a day shows fewer on Today, a bad value is refused next to its
// field, an API token is shown once and can be revoked, and "Export all my data" downloads everything.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp, atEvent } from './support/flows.js';

const available = chromiumAvailable();

describe.skipIf(!available)('settings in the browser', () => {
  const suite = useServerAndBrowser();

  it('changes the day’s suggestions, refuses a bad value at its field, makes and revokes a token, and exports everything', { timeout: 90_000 }, async () => {
    const context = await suite.browser.newContext({ ...DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'settings@example.com');
    await atEvent(page, 'Open studio', 2);
    for (const line of ['Ivy Chen, loves pottery', 'Jon Berg, hiring designers']) await apiInPage(page, 'POST', '/capture', { text: line });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Suggestions a day').fill('1');
    await page.getByLabel('Phone region').fill('12');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('input[name="defaultRegion"][aria-invalid="true"]').waitFor();
    await screenshot(page, 'settings-error');
    await page.getByLabel('Phone region').fill('DE');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await apiInPage<{ dailySuggestions: number; defaultRegion: string }>(page, 'GET', '/settings')).dailySuggestions).toBe(1);

    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Who to contact' }).getByRole('listitem').count()).toBe(1);
    await page.getByText('1 more can wait').waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Token name').fill('laptop script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.locator('code.token').innerText();
    expect(token).toMatch(/^kith_/);
    const withToken = await fetch(`${suite.server.url}/api/v1/people`, { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
    await page.getByRole('button', { name: 'Revoke laptop script' }).click();
    await page.getByText('Token revoked').waitFor();
    expect((await fetch(`${suite.server.url}/api/v1/people`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kith-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { data: Record<string, unknown[]> };
    expect(JSON.stringify(exported.data)).toContain('Ivy Chen');
    expect(JSON.stringify(exported.data)).toContain('Open studio');

    // My own words for a first follow-up: a typo in a placeholder is refused at its field, then Today uses them.
    const templates = page.getByRole('region', { name: 'Drafted messages' });
    await templates.getByText('After meeting someone').click();
    const form = page.getByRole('form', { name: 'Template: After meeting someone' });
    await form.getByLabel('Subject').fill('So good to meet you, {frist_name}');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('{frist_name} at character 22 is not a placeholder here', { exact: false }).waitFor();
    await form.getByLabel('Subject').fill('So good to meet you[[ at {event}]], {first_name}');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved: your next drafts use these words.').waitFor();
    await screenshot(page, 'settings-templates');
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByText('So good to meet you at Open studio,', { exact: false }).first().waitFor({ state: 'attached' });
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
