/// <reference lib="dom" />
// The door and the wrap-up on an organizer's event screen (issue 7): the organizer makes a door link (its address
// shown once, copied), revokes another after a confirm step and opens the badges; three people have registered on
// the public page. The event ends (its times moved into the past through the API); door staff open the link on a
// phone without an account and check one person in by name; back on the event screen, "Wrap up" brings that person
// into the organizer's contacts, the figures show who came and who did not, and running it again adds and mails no
// one twice. Screens on a laptop and a phone, with axe.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, newContext, PHONE, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, organizerOnLaptop } from './support/flows.js';
import { seriousAxeFindings } from './support/axe.js';

const available = chromiumAvailable();
const HOUR = 3_600_000;

interface HostedEvent {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  capacity: number | null;
  publicPath: string;
}

/** Registers on the public page as a browser without JavaScript would: a form POST, answered with a redirect. */
async function rsvp(baseUrl: string, publicPath: string, fullName: string, company: string): Promise<void> {
  const form = new URLSearchParams({ fullName, email: `${fullName.split(' ')[0]!.toLowerCase()}@example.com`, company });
  const res = await fetch(`${baseUrl}${publicPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  expect(res.status).toBe(303);
}

const figure = (page: Page, label: string) => page.locator('.event-figures div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').innerText();

describe.skipIf(!available)('the door and the wrap-up on the event screen', () => {
  const suite = useServerAndBrowser();

  it('a door link checks one person in; the wrap-up brings them into the contacts and counts the no-shows, once', { timeout: 150_000 }, async () => {
    const { context: organizerContext, page: organizer, seen } = await organizerOnLaptop(suite.browser, suite.server.url, 'host@chamber.example');
    const { organization } = await apiInPage<{ organization: { id: string } }>(organizer, 'POST', '/organizations', { name: 'Riverside Chamber' });
    const { event } = await apiInPage<{ event: HostedEvent }>(organizer, 'POST', `/organizations/${organization.id}/events`, {
      title: 'Spring mixer',
      startsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 4 * HOUR).toISOString(),
      timeZone: 'Europe/London',
      place: 'The Old Mill',
      capacity: 20,
    });
    for (const [name, company] of [['Ada Lovelace', 'Engines Ltd'], ['Bob Babbage', 'Difference & Co'], ['Cy Young', 'Pitch Perfect']] as const) await rsvp(suite.server.url, event.publicPath, name, company);

    // Before the end: the figures so far, and when the wrap-up can be done.
    const eventUrl = `${suite.server.url}/host/${organization.id}/events/${event.id}`;
    await organizer.goto(eventUrl);
    await organizer.getByRole('heading', { name: 'After the event', level: 2 }).waitFor();
    await organizer.getByText('You can wrap up once the event has ended', { exact: false }).waitFor();
    expect(await organizer.getByRole('button', { name: 'Wrap up' }).count()).toBe(0);
    expect(await figure(organizer, 'Registered')).toBe('3');
    expect(await figure(organizer, 'New people')).toBe('not yet');

    // A door link: its full address shown once, copied.
    await organizerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    const newLink = organizer.getByRole('form', { name: 'New door link' });
    await newLink.getByLabel('Label').fill('Front door');
    await newLink.getByRole('button', { name: 'Make a door link' }).click();
    await organizer.getByText('it will not be shown again', { exact: false }).waitFor();
    const doorUrl = await organizer.getByRole('textbox', { name: 'Door link for Front door' }).inputValue();
    expect(doorUrl).toMatch(new RegExp(`^${suite.server.url}/door/[A-Za-z0-9_-]{43}$`));
    await organizer.getByRole('button', { name: 'Copy the door link for Front door' }).click();
    await organizer.getByText('Door link copied.').waitFor();
    expect(await organizer.evaluate(() => navigator.clipboard.readText())).toBe(doorUrl);
    const links = organizer.getByRole('list', { name: 'Door links' });
    await links.getByRole('listitem').filter({ hasText: 'Front door' }).getByText('Active').waitFor();
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'event-desk-door-link-laptop');
    await organizer.getByRole('button', { name: 'Done, I have sent it' }).click();
    expect(await organizer.getByText('it will not be shown again', { exact: false }).count()).toBe(0);

    // A second link, revoked after a confirm step: its phone is refused at once (410).
    await newLink.getByLabel('Label').fill('Side door');
    await newLink.getByRole('button', { name: 'Make a door link' }).click();
    const sideUrl = await organizer.getByRole('textbox', { name: 'Door link for Side door' }).inputValue();
    await organizer.getByRole('button', { name: 'Done, I have sent it' }).click();
    const side = links.getByRole('listitem').filter({ hasText: 'Side door' });
    await side.getByRole('button', { name: 'Revoke the door link Side door…' }).click();
    await side.getByRole('button', { name: 'No, keep it' }).click();
    await side.getByText('Active').waitFor();
    await side.getByRole('button', { name: 'Revoke the door link Side door…' }).click();
    await side.getByText('The phone holding it loses the door list at once.', { exact: false }).waitFor();
    await side.getByRole('button', { name: 'Yes, revoke it' }).click();
    await side.getByText('Revoked', { exact: true }).waitFor();
    expect(await links.getByRole('listitem').filter({ hasText: 'Front door' }).getByText('Active').count()).toBe(1);
    const sideAnswer = await fetch(`${suite.server.url}/api/door/list`, { headers: { 'x-door-token': sideUrl.split('/door/')[1]! } });
    expect(sideAnswer.status).toBe(410);

    // The badges open in a new tab, rendered by the server for the signed-in organizer.
    const badgesLink = organizer.getByRole('link', { name: 'Print badges' });
    expect(await badgesLink.getAttribute('target')).toBe('_blank');
    const [badges] = await Promise.all([organizerContext.waitForEvent('page'), badgesLink.click()]);
    await badges.getByText('3 badges', { exact: false }).waitFor();
    expect(await badges.locator('.badge').count()).toBe(3);
    await badges.close();

    // The event ends: its times move into the past (the door link lives until 12 hours after the new end).
    const { title, timeZone, place, capacity } = event;
    await apiInPage(organizer, 'PUT', `/organizations/${organization.id}/events/${event.id}`, {
      title,
      timeZone,
      place,
      capacity,
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      endsAt: new Date(Date.now() - HOUR).toISOString(),
    });

    // Door staff, on a phone, without an account: one person checked in by name.
    const doorContext = await newContext(suite.browser, PHONE);
    const door = await doorContext.newPage();
    const doorSeen = watchPage(door);
    await door.goto(doorUrl);
    await door.getByRole('heading', { name: 'Spring mixer' }).waitFor();
    await door.getByText('0 of 3 checked in').waitFor();
    await door.getByLabel('Search by name').fill('ada');
    await door.getByRole('button', { name: 'Check in Ada Lovelace' }).click();
    await door.getByText('1 of 3 checked in').waitFor();
    await door.getByText('All synced').waitFor();
    await screenshot(door, 'event-desk-door-phone');
    expect(doorSeen.errors).toEqual([]);
    await doorContext.close();

    // Back on the event screen: the wrap-up, in the organizer's words for the thank-you.
    await organizer.reload();
    const wrapUp = organizer.getByRole('form', { name: 'Wrap up' });
    await wrapUp.waitFor();
    expect(await figure(organizer, 'Came')).toBe('1');
    expect(await figure(organizer, 'No-shows')).toBe('2');
    expect(await wrapUp.getByLabel('Note to those who did not come (optional)').getAttribute('placeholder')).toContain('We missed you at Spring mixer.');
    await wrapUp.getByLabel('Thank-you to those who came (optional)').fill('Thank you for coming to the Spring mixer.\n\nThe slides are on our site.');
    await wrapUp.getByText('Safe to run again', { exact: false }).waitFor();
    await wrapUp.getByRole('button', { name: 'Wrap up' }).click();
    await organizer.getByText('Wrapped up: 1 person joined your contacts.').waitFor();
    await expect.poll(() => figure(organizer, 'In my contacts')).toBe('1');
    expect(await figure(organizer, 'Came')).toBe('1');
    expect(await figure(organizer, 'No-shows')).toBe('2');
    expect(await figure(organizer, 'New people')).toBe('1');
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'event-desk-wrapped-laptop');

    // Again (safe): no one new, no one mailed twice.
    await wrapUp.getByRole('button', { name: 'Wrap up again' }).click();
    await organizer.getByText('Wrapped up: no one new joined your contacts.').waitFor();
    expect(await figure(organizer, 'New people')).toBe('1');
    const outbox = await apiInPage<{ items: { to: string; subject: string }[] }>(organizer, 'GET', '/outbox?limit=200');
    const sent = (subject: string) => outbox.items.filter((m) => m.subject === subject).map((m) => m.to.replace(/^.*<|>$/g, '')).sort();
    expect(sent('Thank you for coming: Spring mixer')).toEqual(['ada@example.com']);
    expect(sent('We missed you: Spring mixer')).toEqual(['bob@example.com', 'cy@example.com']);

    // The toast's link leads to People, where the person who came is found.
    await organizer.getByRole('button', { name: 'Open People' }).last().click();
    await organizer.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await organizer.getByRole('searchbox', { name: 'Search' }).fill('Lovelace');
    await organizer.getByRole('list', { name: 'People' }).getByText('Ada Lovelace').waitFor();
    expect(await organizer.getByRole('list', { name: 'People' }).getByText('Bob Babbage').count()).toBe(0);

    // The same screen on a phone.
    const phoneContext = await newContext(suite.browser, { ...PHONE, bypassCSP: true, storageState: await organizerContext.storageState() });
    const phone = await phoneContext.newPage();
    await phone.goto(eventUrl);
    await phone.getByRole('form', { name: 'Wrap up' }).waitFor();
    await expect.poll(() => figure(phone, 'In my contacts')).toBe('1');
    expect(await seriousAxeFindings(phone)).toEqual([]);
    await screenshot(phone, 'event-desk-wrapped-phone');
    await phoneContext.close();
    expect(seen.errors).toEqual([]);
    await organizerContext.close();
  });
});
