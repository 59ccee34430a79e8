/// <reference lib="dom" />
// The path the web app exists for, in a real Chromium on a phone-sized screen: sign up, plan an event with a goal,
// say "I'm here", meet three people (one with the network cut, one whose answer is lost on the way), see the
// follow-ups on Today, log a touch, move someone to "talking", and find all of it still there after a reload.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, newContext, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, atEvent, expectRing, holdRequests, phoneAtEvent, signUp } from './support/flows.js';

const available = chromiumAvailable();

describe.skipIf(!available)('an evening at an event, in the browser', () => {
  const suite = useServerAndBrowser();

  it('meets three people toward a goal of three, follows up, moves one to talking, and keeps it all after a reload', { timeout: 180_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    try {

    await page.goto(suite.server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, '01-sign-in');
    await signUp(page, suite.server.url, 'ada@example.com', 3);
    await screenshot(page, '02-today-empty');

    // Plan the event with a goal of 3, then "I'm here".
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByText('New event').click();
    await page.getByLabel('Name').fill('Chamber mixer');
    await page.getByLabel('Goal: new people to meet').fill('3');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('button', { name: "I'm here" }).click();
    await page.getByRole('heading', { name: "I'm at Chamber mixer" }).waitFor();
    await expectRing(page, '0 of 3');

    const quickAdd = async (name: string, hook: string) => {
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('One thing to remember').fill(hook);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    };

    // 1: online.
    await quickAdd('Jane Doe', 'loves opera');
    await expectRing(page, '1 of 3');
    await page.locator('.met-list').getByRole('link', { name: 'Jane Doe' }).waitFor();

    // 2: with the network cut. It waits on the phone, counts toward the ring, and is sent when the network returns.
    await context.setOffline(true);
    await quickAdd('Omar Haddad', 'hiring data engineers');
    await page.getByText('You are offline.').waitFor();
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('saved on this phone');
    await expectRing(page, '2 of 3');
    await screenshot(page, '03-event-mode-offline');
    await context.setOffline(false);
    await expect.poll(() => page.locator('.met-list li.pending').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('Omar Haddad');

    // 3: the request reaches the server but its answer is lost: the phone keeps it and sends it again; the
    // server recognises the repeat and makes nobody twice.
    let answerLost!: () => void;
    const lostOnce = new Promise<void>((resolve) => (answerLost = resolve));
    let lost = 0;
    await page.route('**/api/v1/capture', async (route) => {
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
      answerLost();
    });
    await quickAdd('Mei Lin', 'runs the design meetup');
    await lostOnce;
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('saved on this phone');
    const madeOnce = await apiInPage<{ items: { fullName: string }[] }>(page, 'GET', '/people?q=mei');
    expect(madeOnce.items.map((p) => p.fullName)).toEqual(['Mei Lin']);
    await page.unroute('**/api/v1/capture');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('.met-list li.pending').count(), { timeout: 30_000 }).toBe(0);
    await expectRing(page, '3 of 3');
    await screenshot(page, '04-event-mode');

    const people = await apiInPage<{ items: { fullName: string }[] }>(page, 'GET', '/people?limit=50');
    expect(people.items.map((p) => p.fullName).sort()).toEqual(['Jane Doe', 'Mei Lin', 'Omar Haddad']);

    // Today shows their follow-ups.
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    const contact = page.getByRole('list', { name: 'Who to contact' });
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(3);
    for (const name of ['Jane Doe', 'Omar Haddad', 'Mei Lin']) await contact.getByRole('link', { name }).waitFor();
    await screenshot(page, '05-today');

    // Log a touch with Jane: she leaves Today.
    await contact.getByRole('link', { name: 'Jane Doe' }).click();
    await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
    await screenshot(page, '06-person');
    await page.getByRole('button', { name: 'E-mail', exact: true }).click();
    await page.getByRole('list', { name: 'Timeline' }).or(page.locator('.timeline')).getByText('E-mail').first().waitFor();
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(2);
    expect(await contact.getByRole('link', { name: 'Jane Doe' }).count()).toBe(0);

    // The stages board, on a laptop (drag and drop is a pointer gesture; on the phone each card has a stage menu):
    // drag Omar from "met" to "talking".
    const laptop = await suite.browser.newContext({ ...DESKTOP, storageState: await context.storageState() });
    const board = await laptop.newPage();
    const boardSeen = watchPage(board);
    await board.goto(`${suite.server.url}/board`);
    const talking = board.locator('.board-column[data-stage="talking"]');
    await board.locator('.board-column[data-stage="met"] .board-card[data-person="Omar Haddad"] .drag-handle').dragTo(talking);
    await talking.locator('.board-card[data-person="Omar Haddad"]').waitFor();
    await screenshot(board, '07-board');
    await board.reload();
    await talking.locator('.board-card[data-person="Omar Haddad"]').waitFor();
    expect(await board.locator('.board-column[data-stage="met"] .board-card').count()).toBe(2);
    expect(boardSeen.errors).toEqual([]);
    await laptop.close();

    // Reload on the phone: everything persisted.
    await page.reload();
    await page.getByRole('link', { name: 'Stages' }).click();
    await page.locator('.board-column[data-stage="talking"] .board-card[data-person="Omar Haddad"]').waitFor();
    await page.goto(`${suite.server.url}/`);
    // The list kept on the phone shows first, then the server's answer replaces it.
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(2);
    expect(await contact.getByRole('link', { name: 'Jane Doe' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Open event mode' }).click();
    await expectRing(page, '3 of 3');

    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failure-event-evening');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('keeps on the phone the list as the last change left it, even when the app is closed at once, and asks the server again on opening', { timeout: 120_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'kept@example.com', 2);
    await atEvent(page, 'Book club', 2);
    for (const text of ['Ivy Chen, loves pottery', 'Jon Berg, hiring designers']) await apiInPage(page, 'POST', '/capture', { text });
    await page.goto(`${suite.server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const contact = page.getByRole('list', { name: 'Who to contact' });
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(2);
    await page.waitForFunction(() => (localStorage.getItem('kith:cache') ?? '').includes('Jon Berg'), undefined, { timeout: 20_000 });

    // Done with Ivy, and the app is closed the moment she leaves the list (before a throttled write would run).
    await contact.getByRole('listitem').filter({ hasText: 'Ivy Chen' }).getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(1);
    await context.setOffline(true);
    await page.reload();
    await page.getByText('You are offline.').waitFor();
    await expect.poll(() => contact.getByRole('listitem').count()).toBe(1);
    expect(await contact.getByRole('link', { name: 'Ivy Chen' }).count()).toBe(0);

    // Online again, a change made elsewhere (Jon set aside from another device) shows as soon as the app opens,
    // though what the phone kept is only seconds old.
    await context.setOffline(false);
    await apiInPage(page, 'POST', `/suggestions/${encodeURIComponent((await apiInPage<{ items: { key: string }[] }>(page, 'GET', '/suggestions')).items[0]!.key)}/set-aside`, { days: 1 });
    await page.reload();
    await page.getByText('Nobody to contact today.').waitFor();
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('keeps the next name typed while an add is still on its way', { timeout: 60_000 }, async () => {
    const { context, page, seen } = await phoneAtEvent(suite.browser, suite.server.url, 'slow@example.com', 'Crowded hall', 2);
    // The hall's Wi-Fi: the first add's answer waits until the next name is being typed.
    const release = await holdRequests(page, '**/api/v1/capture');
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('Grace Hop');
    release();
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('Ada Lovelace');
    await expect.poll(() => page.locator('.met-list li.pending').count()).toBe(0);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Grace Hop');
    await page.unroute('**/api/v1/capture');
    await page.getByLabel('Name', { exact: true }).press('End');
    await page.keyboard.type('per');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('Grace Hopper');
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    // The same on a person's page: the next thing in common, typed while the first is saved, stays.
    await page.locator('.met-list').getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    const saveCommonality = await holdRequests(page, '**/commonalities', 'POST');
    const form = page.getByRole('form', { name: 'Add something in common' });
    await form.getByLabel('What').fill('engines');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByLabel('What').fill('poetry');
    saveCommonality();
    await page.getByText('interest: engines').waitFor();
    expect(await form.getByLabel('What').inputValue()).toBe('poetry');

    // And on the Add screen: the one sent is saved and opened; what was typed after it waits on the Add screen.
    await page.goto(`${suite.server.url}/capture`);
    const saveCapture = await holdRequests(page, '**/api/v1/capture');
    const who = page.getByLabel('Who did you meet?');
    await who.fill('Mary Somerville');
    await page.getByRole('button', { name: 'Save' }).click();
    await who.fill('Mary Somerville, loves astronomy');
    saveCapture();
    await page.getByRole('heading', { name: 'Mary Somerville', level: 1 }).waitFor();
    await page.goto(`${suite.server.url}/capture`);
    expect(await page.getByLabel('Who did you meet?').inputValue()).toBe('Mary Somerville, loves astronomy');
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('opens at the event with no network after one visit, and keeps quick adds on the phone until it returns', { timeout: 120_000 }, async () => {
    const { context, page, seen } = await phoneAtEvent(suite.browser, suite.server.url, 'offline@example.com', 'Harbour drinks', 2);
    // The service worker has the app shell, and the phone has the event.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => (localStorage.getItem('kith:cache') ?? '').includes('Harbour drinks'), undefined, { timeout: 20_000 });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: "I'm at Harbour drinks" }).waitFor();
    await page.getByText('You are offline.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Noor Aziz');
    await page.getByLabel('One thing to remember').fill('sails on weekends');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expectRing(page, '1 of 2');
    await screenshot(page, '08-event-mode-opened-offline', false);

    await context.setOffline(false);
    await expect.poll(() => page.locator('.met-list li.pending').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('Noor Aziz');
    const people = await apiInPage<{ items: { fullName: string }[] }>(page, 'GET', '/people?q=noor');
    expect(people.items.map((p) => p.fullName)).toEqual(['Noor Aziz']);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
