/// <reference lib="dom" />
// What a person types is shown as text, never run: XSS payloads stored in every field stay inert on every screen
// (with the CSP switched off in this browser, so that it is the rendering that is tested). Errors sit next to the
// field they concern, and a lost session returns to sign-in without losing what was being typed.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, newContext, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, PASSWORD, signUp, atEvent } from './support/flows.js';

const available = chromiumAvailable();

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
];

describe.skipIf(!available)('safety in the browser', () => {
  const suite = useServerAndBrowser();

  it('renders XSS payloads stored in every field as plain text on every screen', { timeout: 120_000 }, async () => {
    const context = await suite.browser.newContext({ ...DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    const seen = watchPage(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signUp(page, suite.server.url, 'xss@example.com');

    const p = (i: number) => PAYLOADS[i % PAYLOADS.length]!;
    const created = await apiInPage<{ event: { id: string } }>(page, 'POST', '/events', { name: `Mixer ${p(0)}`, startsAt: new Date().toISOString(), place: p(1), goal: 3 });
    expect(created.event, JSON.stringify(created)).toBeDefined();
    const { event } = created;
    await apiInPage(page, 'POST', `/events/${event.id}/here`);
    const ids: string[] = [];
    for (let i = 0; i < PAYLOADS.length; i++) {
      const made = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', {
        fullName: `Eve ${p(i)}`,
        company: p(i + 1),
        title: p(i + 2),
        notes: p(i + 3),
        introducedBy: p(i + 4),
        emails: [{ value: `eve${i}@example.com`, label: p(i + 5) }],
        links: [{ value: 'https://example.com/eve', label: p(i) }],
        commonalities: [{ kind: 'interest', text: p(i + 1) }],
        eventId: event.id,
      });
      expect(made.person, JSON.stringify(made)).toBeDefined();
      const { person } = made;
      ids.push(person.id);
      await apiInPage(page, 'POST', `/people/${person.id}/promises`, { text: p(i + 2), direction: 'i_owe' });
      await apiInPage(page, 'POST', `/people/${person.id}/touches`, { kind: 'note', summary: p(i + 3) });
    }
    await apiInPage(page, 'POST', '/capture', { text: `Mallory ${p(0)}, loves ${p(2)}` });

    const screens = ['/', '/events', `/events/${event.id}`, '/people', `/people/${ids[0]}`, `/people/${ids[2]}`, '/board', '/settings'];
    for (const path of screens) {
      await page.goto(`${suite.server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
    }
    // The capture preview shows the parsed payload too.
    await page.goto(`${suite.server.url}/capture`);
    await page.getByLabel('Who did you meet?').fill(`Trudy Smith, CTO at ${p(0)}, loves ${p(2)}; promised to send ${p(1)}`);
    await page.getByRole('heading', { name: 'How Kith reads it' }).waitFor();
    await page.waitForLoadState('networkidle');
    // And the payload is on screen as text, not as an element.
    await page.goto(`${suite.server.url}/people/${ids[0]}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Eve ${p(0)}`);
    expect(await page.locator('main img[src="x"], main svg[onload], main script').count()).toBe(0);
    await screenshot(page, 'xss-person');

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('shows an API error next to the field it concerns', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'fields@example.com');
    const { person } = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', { fullName: 'Grace Hopper' });
    await page.goto(`${suite.server.url}/people/${person.id}`);
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByLabel('Phone 1', { exact: true }).fill('call me maybe');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const phones = page.getByRole('group', { name: 'Phones' });
    await phones.locator('.field-error').waitFor();
    expect(await phones.locator('.field-error').innerText()).toMatch(/phone/i);
    await screenshot(page, 'field-error');

    await page.goto(`${suite.server.url}/events`);
    await page.getByText('New event').click();
    await page.getByLabel('Name').fill('Breakfast club');
    await page.getByLabel('Goal: new people to meet').fill('5000');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.locator('input[name="goal"][aria-invalid="true"]').waitFor();
    const goalError = page.locator('#' + (await page.getByLabel('Goal: new people to meet').getAttribute('aria-describedby'))!.split(' ').pop()!);
    expect(await goalError.innerText()).toMatch(/1000/);
    await context.close();
  });

  it('returns to sign-in when the session is lost, and back to the unsaved edit after signing in', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'lost@example.com');
    const { person } = await apiInPage<{ person: { id: string } }>(page, 'POST', '/people', { fullName: 'Ada Lovelace' });
    await page.goto(`${suite.server.url}/people/${person.id}`);
    await page.getByLabel('Notes').fill('Wants the engine diagrams; call after the 12th');

    await context.clearCookies();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Your session ended').count()).toBe(1);
    await screenshot(page, 'session-lost');
    await page.getByLabel('E-mail').fill('lost@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    expect(page.url()).toBe(`${suite.server.url}/people/${person.id}`);
    expect(await page.getByLabel('Notes').inputValue()).toBe('Wants the engine diagrams; call after the 12th');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await apiInPage<{ person: { notes: string } }>(page, 'GET', `/people/${person.id}`);
    expect(saved.person.notes).toBe('Wants the engine diagrams; call after the 12th');
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('can be used from the keyboard: skip link first, quick add with Tab and Enter, stage moves with Shift + arrows', { timeout: 60_000 }, async () => {
    const context = await suite.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'keys@example.com');
    await page.reload();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    const event = await atEvent(page, 'Keyboard meetup', 2);
    await page.goto(`${suite.server.url}/events/${event.id}`);
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Linus Pauling');
    await page.keyboard.press('Tab');
    await page.keyboard.type('loves chemistry');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.met-list').innerText()).toContain('Linus Pauling');
    // Focus goes back to the name for the next person (once the add has come back).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');

    await page.goto(`${suite.server.url}/board`);
    const card = page.locator('.board-column[data-stage="met"] .board-card[data-person="Linus Pauling"]');
    await card.getByRole('link', { name: 'Linus Pauling' }).focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.locator('.board-column[data-stage="talking"] .board-card[data-person="Linus Pauling"]').waitFor();
    const moved = await apiInPage<{ items: { stage: string }[] }>(page, 'GET', '/people?q=linus');
    expect(moved.items[0]?.stage).toBe('talking');
    await context.close();
  });

  it('forgets everything of one account on the phone when it signs out and another signs in', { timeout: 60_000 }, async () => {
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signUp(page, suite.server.url, 'first@example.com');
    const event = await atEvent(page, 'Secret board dinner', 2);
    await apiInPage(page, 'POST', '/capture', { text: 'Quentin Private, loves secrets' });
    await page.goto(`${suite.server.url}/events/${event.id}`);
    await page.getByRole('heading', { name: "I'm at Secret board dinner" }).waitFor();
    await page.waitForFunction(() => (localStorage.getItem('kith:cache') ?? '').includes('Secret board dinner'), undefined, { timeout: 20_000 });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('kith:cache') ?? '')).not.toContain('Secret board dinner');

    await signUp(page, suite.server.url, 'second@example.com');
    await page.getByText('Nobody to contact today').waitFor();
    for (const path of ['/', '/events', '/people', '/board']) {
      await page.goto(`${suite.server.url}${path}`);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main').innerText();
      expect(text, path).not.toContain('Secret board dinner');
      expect(text, path).not.toContain('Quentin');
    }
    expect(await page.evaluate(() => localStorage.getItem('kith:cache') ?? '')).not.toContain('Secret board dinner');
    await context.close();
  });
});
