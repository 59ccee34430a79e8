/// <reference lib="dom" />
// A photo of a business card, taken at an event, becomes a reviewed person: the camera input, the progress while it
// reads, the review with what was read less surely highlighted, and the save, with the card kept with the person.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, newContext, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp, atEvent } from './support/flows.js';

const available = chromiumAvailable();
const CARD = join(process.cwd(), 'test/fixtures/cards/card13.jpg');

describe.skipIf(!available)('scanning a business card in the browser', () => {
  const suite = useServerAndBrowser();

  it('turns a photo of a card into a reviewed person met at the event, with the card kept', { timeout: 120_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'cards@example.com');
    const event = await atEvent(page, 'Logistics expo', 2);

    await page.goto(`${suite.server.url}/events/${event.id}`);
    await page.getByRole('link', { name: 'Scan their business card instead' }).click();
    await page.getByRole('heading', { name: 'Scan a card', level: 1 }).waitFor();
    expect(await page.locator('input[type=file][capture=environment]').first().getAttribute('accept')).toBe('image/*');
    await screenshot(page, 'scan-choose', false);
    await page.locator('input[type=file]').first().setInputFiles(CARD);
    await page.getByRole('form', { name: 'Review the card' }).waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Name').inputValue()).toBe("Kevin O'Brien");
    expect(await page.getByLabel('E-mail 1').inputValue()).toBe('kobrien@summitpeak.com');
    await screenshot(page, 'scan-review');

    await page.getByLabel('Title').fill('Regional Sales Director, Midwest');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: "Kevin O'Brien", level: 1 }).waitFor();
    await page.getByRole('img', { name: /front of Kevin O'Brien's card/ }).waitFor();
    await screenshot(page, 'scan-saved-person');

    const people = await apiInPage<{ items: { id: string; fullName: string; title: string }[] }>(page, 'GET', '/people?q=kevin');
    expect(people.items).toHaveLength(1);
    expect(people.items[0]!.title).toBe('Regional Sales Director, Midwest');
    const detail = await apiInPage<{ person: { source: string; metEventId: string; phones: { value: string }[] } }>(page, 'GET', `/people/${people.items[0]!.id}`);
    expect(detail.person).toMatchObject({ source: 'card', metEventId: event.id });
    expect(detail.person.phones.map((p) => p.value).sort()).toEqual(['+13125550176', '+17735550124']);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('says what is wrong with a file that is not a card photo, and lets the person try again', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'notacard@example.com');
    await page.goto(`${suite.server.url}/scan`);
    await page.locator('input[type=file]').first().setInputFiles({ name: 'notes.txt', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture at all') });
    await page.getByRole('alert').filter({ hasText: /not a picture|not an image|cannot read/i }).waitFor({ timeout: 30_000 });
    await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
    await context.close();
  });
});
