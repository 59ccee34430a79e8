/// <reference lib="dom" />
// Things to share in the browser, on a phone: add a show with its topic, see who it fits with the reason, mark it
// sent (a touch on the person's timeline) and "not for them"; accept a commonality suggested from a note in one tap.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, newContext, PHONE, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp } from './support/flows.js';
import { seriousAxeFindings } from './support/axe.js';

const available = chromiumAvailable();

describe.skipIf(!available)('things to share in the browser', () => {
  const suite = useServerAndBrowser();

  it('adds a show, lists who it fits with the reason, and sends it or sets it aside', { timeout: 90_000 }, async () => {
    // axe is injected as a script, so this context bypasses the CSP (the other flows keep it on).
    const context = await newContext(suite.browser, { ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'shares@example.com');
    const jane = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', { fullName: 'Jane Doe', commonalities: [{ kind: 'interest', text: 'opera' }] });
    await apiInPage(page, 'POST', '/people', { fullName: 'Ola Verdi', commonalities: [{ kind: 'interest', text: 'Verdi operas' }] });
    await apiInPage(page, 'POST', '/people', { fullName: 'Pat Ops', commonalities: [{ kind: 'challenge', text: 'scaling operations' }] });

    await page.goto(`${suite.server.url}/people`);
    await page.getByRole('link', { name: 'Things to share' }).click();
    await page.getByRole('heading', { name: 'Things to share', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Add something to share' });
    await form.getByLabel('What to share').fill('La Traviata at the Civic Opera, 12 March');
    await form.getByLabel('Topics').fill('opera');
    await form.getByLabel('Link (optional)').fill('not a link');
    await form.getByRole('button', { name: 'Add and find who it fits' }).click();
    await form.getByText('Must be a web address starting with http:// or https://').waitFor();
    await form.getByLabel('Link (optional)').fill('https://civicopera.example/traviata');
    await form.getByRole('button', { name: 'Add and find who it fits' }).click();

    const list = page.getByRole('list', { name: 'Who La Traviata at the Civic Opera, 12 March fits, best first' });
    await list.getByText('Jane loves opera').waitFor();
    expect(await list.locator('h3').allInnerTexts()).toEqual(['Jane Doe', 'Ola Verdi']);
    await list.getByText("Ola: interest 'Verdi operas' matches 'opera'").waitFor();
    await page.getByText('2 people match').waitFor();
    await screenshot(page, 'shares-matches');
    expect(await seriousAxeFindings(page)).toEqual([]);

    await list.getByRole('button', { name: 'Not for them: Ola Verdi' }).click();
    await page.getByText('Ola will not be suggested for this again.').waitFor();
    await list.getByRole('button', { name: 'Sent to Jane Doe' }).click();
    await page.getByText('Logged: shared with Jane.').waitFor();
    await page.getByText('Nobody to send it to').waitFor();

    await page.goto(`${suite.server.url}/people/${jane.person.id}`);
    await page.getByText('Shared: La Traviata at the Civic Opera, 12 March').waitFor();
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('suggests commonalities from a note and adds one with a tap', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'hints@example.com');
    const nora = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', { fullName: 'Nora Notes', notes: 'big fan of Verdi, struggling to hire data engineers' });
    await page.goto(`${suite.server.url}/people/${nora.person.id}`);
    const suggested = page.getByRole('group', { name: 'Suggested from your notes' });
    await suggested.getByRole('button', { name: 'Add challenge: hiring data engineers' }).waitFor();
    await suggested.getByRole('button', { name: 'Add interest: Verdi' }).click();
    await page.getByRole('button', { name: 'Remove Verdi' }).waitFor();
    await expect.poll(() => suggested.getByRole('button').allInnerTexts()).toEqual(['+ challenge: hiring data engineers']);
    await context.close();
  });
});
