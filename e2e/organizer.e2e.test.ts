/// <reference lib="dom" />
// The organizer's desk as people use it (issue 7): an organizer creates an organization and a two-seat event through
// the screens; on the public page (no account) two people take the seats and a third joins the waitlist; the first
// cancels from their own page, the third claims the seat from the offer e-mail's link, and the organizer's event
// screen shows two confirmed and one cancelled. Then door staff and the last owner, and every screen on a phone
// and a laptop.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, newContext, PHONE, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp, linkFromOutbox, organizerOnLaptop } from './support/flows.js';
import { seriousAxeFindings } from './support/axe.js';

const available = chromiumAvailable();

/** A datetime-local value a week from now at 18:30. */
function nextWeekAt1830(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T18:30`;
}

async function register(page: Page, publicUrl: string, fullName: string, email: string, button: 'Register' | 'Join the waitlist'): Promise<string> {
  await page.goto(publicUrl);
  await page.getByLabel('Full name').fill(fullName);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Company' }).fill('Riverside Bakery');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/r\/[A-Za-z0-9_-]+$/);
  return page.url();
}

describe.skipIf(!available)('the organizer’s desk in the browser', () => {
  const suite = useServerAndBrowser();

  it('a full event puts the third on the waitlist, and a cancelled seat goes to them when they claim it', { timeout: 120_000 }, async () => {
    const { context: organizerContext, page: organizer, seen } = await organizerOnLaptop(suite.browser, suite.server.url, 'host@example.com');

    await organizer.getByRole('link', { name: 'Host', exact: true }).click();
    await organizer.getByRole('heading', { name: 'Host', level: 1 }).waitFor();
    await organizer.getByLabel('Organization name').fill('Riverside Chamber');
    await organizer.getByRole('button', { name: 'Create organization' }).click();
    await organizer.getByRole('heading', { name: 'Riverside Chamber', level: 1 }).waitFor();
    await organizer.getByText('You are an owner here.').waitFor();

    await organizer.getByText('New event', { exact: true }).click();
    const form = organizer.getByRole('form', { name: 'New event' });
    await form.getByLabel('Title').fill('Breakfast with the mayor');
    await form.getByRole('button', { name: 'Create event' }).click();
    await form.locator('input[name="startsAt"][aria-invalid="true"]').waitFor();
    const startsAt = nextWeekAt1830();
    await form.getByLabel('Starts').fill(startsAt);
    // Typed as the wall clock of the event's zone, not the laptop's (this browser is on UTC).
    await form.getByLabel('Time zone').selectOption('America/New_York');
    await form.getByLabel('Place').fill('Riverside Hotel, Main St 4');
    await form.getByLabel('Seats').fill('0');
    await form.getByRole('button', { name: 'Create event' }).click();
    // The server's refusal sits next to its field.
    await form.locator('input[name="capacity"][aria-invalid="true"]').waitFor();
    await form.getByLabel('Seats').fill('2');
    await form.getByLabel('New question').fill('Dietary needs');
    await form.getByRole('button', { name: 'Add question' }).click();
    await form.getByText('Dietary needs (optional)').waitFor();
    await screenshot(organizer, 'organizer-new-event-laptop');
    await form.getByRole('button', { name: 'Create event' }).click();
    await organizer.getByRole('heading', { name: 'Breakfast with the mayor', level: 1 }).waitFor();
    // The time typed in the event's zone comes back as typed.
    await organizer.getByRole('button', { name: 'Edit' }).click();
    expect(await organizer.getByRole('form', { name: 'Edit the event' }).getByLabel('Starts').inputValue()).toBe(startsAt);
    await organizer.getByRole('button', { name: 'Close the editor' }).click();
    const publicUrl = await organizer.getByRole('textbox', { name: 'Public page' }).inputValue();
    expect(publicUrl).toMatch(new RegExp(`^${suite.server.url}/e/[A-Za-z0-9_-]+$`));
    await organizerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    await organizer.getByRole('button', { name: 'Copy the link to Breakfast with the mayor' }).click();
    await organizer.getByText('Link copied.').waitFor();
    expect(await organizer.evaluate(() => navigator.clipboard.readText())).toBe(publicUrl);

    // The public page, in a browser with no account.
    const guestContext = await newContext(suite.browser, PHONE);
    const guest = await guestContext.newPage();
    await guest.goto(publicUrl);
    expect(await guest.locator('.when').innerText()).toMatch(/18:30 (EST|EDT|GMT-[45])/);
    await screenshot(guest, 'public-event-phone');
    const first = await register(guest, publicUrl, 'Ada Lovelace', 'ada@example.com', 'Register');
    await guest.getByText('You’re in: your seat is confirmed.').waitFor();
    await screenshot(guest, 'public-registration-phone');
    await register(guest, publicUrl, 'Grace Hopper', 'grace@example.com', 'Register');
    await guest.goto(publicUrl);
    await guest.getByText('Full: join the waitlist.').waitFor();
    await register(guest, publicUrl, 'Katherine Johnson', 'katherine@example.com', 'Join the waitlist');
    await guest.getByText('You are on the waitlist, number 1.').waitFor();
    await screenshot(guest, 'public-waitlisted-phone');

    // The first cancels from their page, with a confirm step.
    await guest.goto(first);
    await guest.getByRole('link', { name: 'Cancel my registration…' }).click();
    await guest.getByRole('heading', { name: 'Cancel your registration?' }).waitFor();
    await guest.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    await guest.getByText('Your registration is cancelled.').waitFor();

    // The third claims the seat from the offer e-mail's link.
    const offer = await linkFromOutbox(organizer, 'katherine@example.com', 'A seat is free for you: Breakfast with the mayor', 'r');
    await guest.goto(`${suite.server.url}${offer}`);
    await guest.getByText('A seat is offered to you', { exact: false }).waitFor();
    await guest.getByRole('button', { name: 'Claim my seat' }).click();
    await guest.getByText('You’re in: your seat is confirmed.').waitFor();
    await guestContext.close();

    // The organizer's event screen: two confirmed, one cancelled.
    await organizer.reload();
    await organizer.getByRole('heading', { name: 'Registrations', level: 2 }).waitFor();
    const figure = (label: string) => organizer.locator('.event-counts div', { hasText: label }).locator('dd').innerText();
    expect(await figure('Registered')).toBe('2 of 2');
    expect(await figure('Cancelled')).toBe('1');
    expect(await figure('Waitlist')).toBe('0');
    const table = organizer.getByRole('table', { name: /Registrations/ });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    expect(await table.getByRole('row', { name: /Ada Lovelace/ }).getByRole('cell', { name: 'Cancelled' }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /Grace Hopper/ }).getByRole('cell', { name: 'Confirmed' }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /Katherine Johnson/ }).getByRole('cell', { name: 'Confirmed' }).count()).toBe(1);
    await organizer.getByLabel('Show').selectOption('cancelled');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await organizer.getByLabel('Show').selectOption('');
    const csv = await organizer.getByRole('button', { name: 'Download CSV' }).getAttribute('href');
    const csvText = await organizer.evaluate(async (href) => (await fetch(href!)).text(), csv);
    expect(csvText).toContain('Katherine Johnson');
    expect(csvText).toContain('Dietary needs');
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'organizer-event-laptop');

    // Clone next month goes to the new event; cancelling asks first.
    await organizer.getByRole('button', { name: 'Clone next month' }).click();
    await organizer.getByText('Nobody has registered yet: share the public page.').waitFor();
    await organizer.getByRole('heading', { name: 'Breakfast with the mayor', level: 1 }).waitFor();
    await organizer.getByRole('button', { name: 'Cancel event…' }).click();
    await organizer.getByRole('button', { name: 'No, keep it' }).click();
    expect(await organizer.getByText('Cancelled.').count()).toBe(0);
    await organizer.getByRole('button', { name: 'Cancel event…' }).click();
    await organizer.getByRole('button', { name: 'Yes, cancel the event' }).click();
    await organizer.getByText('The public page says so and takes no registrations.').waitFor();

    await organizer.getByRole('link', { name: '← Riverside Chamber' }).click();
    await organizer.getByRole('heading', { name: 'Events', level: 2 }).waitFor();
    const events = organizer.getByRole('list', { name: 'Events, upcoming first' }).getByRole('article');
    await expect.poll(() => events.count()).toBe(2);
    expect(await events.first().innerText()).toContain('2 of 2 seats taken');
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'organizer-organization-laptop');
    await organizer.getByRole('link', { name: 'Host', exact: true }).click();
    await organizer.getByRole('link', { name: 'Riverside Chamber' }).waitFor();
    await screenshot(organizer, 'organizer-host-laptop');
    expect(seen.errors).toEqual([]);
    await organizerContext.close();
  });

  it('door staff see the organization but not its events, and the last owner cannot step down', { timeout: 90_000 }, async () => {
    const doorContext = await newContext(suite.browser, PHONE);
    const door = await doorContext.newPage();
    await signUp(door, suite.server.url, 'door@example.com');

    const ownerContext = await newContext(suite.browser, { ...PHONE, bypassCSP: true });
    const owner = await ownerContext.newPage();
    const seen = watchPage(owner);
    await signUp(owner, suite.server.url, 'owner@example.com');
    await owner.getByRole('link', { name: 'Host', exact: true }).click();
    await owner.getByLabel('Organization name').fill('Women in Trade');
    await owner.getByRole('button', { name: 'Create organization' }).click();
    await owner.getByRole('heading', { name: 'Women in Trade', level: 1 }).waitFor();
    const orgPath = new URL(owner.url()).pathname;

    await owner.getByLabel("Their account's e-mail").fill('door@example.com');
    await owner.getByRole('combobox', { name: 'Role', exact: true }).selectOption('door');
    await owner.getByRole('button', { name: 'Add member' }).click();
    await owner.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'door@example.com' }).waitFor();
    await owner.getByLabel('Their account\'s e-mail').fill('nobody@example.com');
    await owner.getByRole('button', { name: 'Add member' }).click();
    await owner.locator('input[name="email"][aria-invalid="true"]').waitFor();
    await owner.getByText('No Kith account has the e-mail nobody@example.com', { exact: false }).waitFor();

    // The only owner cannot make themself an organizer: the API's 409 is said next to the role.
    await owner.getByLabel('Role of owner@example.com').selectOption('organizer');
    await owner.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'owner@example.com' }).getByRole('alert').waitFor();
    expect(await owner.getByLabel('Role of owner@example.com').inputValue()).toBe('owner');
    expect(await seriousAxeFindings(owner)).toEqual([]);
    await screenshot(owner, 'organizer-organization-phone');
    await owner.getByRole('link', { name: 'Host', exact: true }).click();
    await owner.getByRole('heading', { name: 'Your organizations' }).waitFor();
    await screenshot(owner, 'organizer-host-phone');

    const { items } = await apiInPage<{ items: { id: string }[] }>(owner, 'GET', '/organizations');
    const { event } = await apiInPage<{ event: { id: string; publicPath: string } }>(owner, 'POST', `/organizations/${items[0]!.id}/events`, {
      title: 'Spring mixer',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      timeZone: 'Europe/London',
      capacity: 40,
      requiresApproval: true,
    });
    // Someone who never opened Kith registers.
    const guestContext = await newContext(suite.browser, PHONE);
    const guest = await guestContext.newPage();
    await register(guest, `${suite.server.url}${event.publicPath}`, 'Mae Jemison', 'mae@example.com', 'Register');
    await guest.getByText('Waiting for approval.').waitFor();
    await guestContext.close();
    await owner.goto(`${suite.server.url}${orgPath}/events/${event.id}`);
    await owner.getByRole('heading', { name: 'Spring mixer', level: 1 }).waitFor();
    await owner.getByRole('button', { name: 'Approve Mae Jemison' }).waitFor();
    await screenshot(owner, 'organizer-event-pending-phone');
    await owner.getByRole('button', { name: 'Approve Mae Jemison' }).click();
    await owner.getByText('Mae Jemison: confirmed.').waitFor();
    await expect.poll(() => owner.locator('.event-counts div', { hasText: 'Registered' }).locator('dd').innerText()).toBe('1 of 40');
    expect(await owner.getByRole('button', { name: 'Approve Mae Jemison' }).count()).toBe(0);
    // The organizer's own browser has the app and its service worker: the public page still comes from the server.
    await owner.goto(`${suite.server.url}${event.publicPath}`);
    await owner.getByRole('heading', { name: 'Spring mixer', level: 1 }).waitFor();
    await owner.getByRole('button', { name: 'Register' }).waitFor();
    await owner.goBack();
    await owner.getByRole('button', { name: 'Edit' }).click();
    await screenshot(owner, 'organizer-event-edit-phone');
    await owner.getByRole('button', { name: 'Close the editor' }).click();
    await screenshot(owner, 'organizer-event-phone');

    await door.goto(`${suite.server.url}${orgPath}`);
    await door.getByRole('heading', { name: 'Women in Trade', level: 1 }).waitFor();
    await door.getByText('You are door staff here.').waitFor();
    expect(await door.getByText('New event').count()).toBe(0);
    expect(await door.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await door.getByRole('button', { name: 'Leave the organization' }).count()).toBe(1);
    await screenshot(door, 'organizer-door-phone');
    await door.goto(`${suite.server.url}${orgPath}/events/${event.id}`);
    await door.getByText('Door staff do not see the events here', { exact: false }).waitFor();
    expect(await door.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(seen.errors).toEqual([]);
    await doorContext.close();
    await ownerContext.close();
  });
});
