// Every screen, on a phone in light mode and on a laptop in dark mode: axe finds no serious or critical
// accessibility problem, nothing throws, and a screenshot of each is kept under e2e/artifacts.
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { chromiumAvailable, DESKTOP, PHONE, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, PASSWORD, atEvent } from './support/flows.js';
import { seriousAxeFindings, type AxeFinding } from './support/axe.js';

const available = chromiumAvailable();

interface Seeded {
  eventId: string;
  personId: string;
}

async function seed(page: Page): Promise<Seeded> {
  const event = await atEvent(page, 'Chamber mixer', 3, new Date(Date.now() - 3_600_000));
  const jane = await apiInPage<{ person: { id: string } }>(page, 'POST', '/capture', {
    text: 'Jane Doe, CTO at Acme Corp, jane@acme.com, +44 20 7946 0958, loves opera, hiring engineers; promised to send the white paper',
  });
  await apiInPage(page, 'POST', '/capture', { text: 'Omar Haddad, Globex, hiring data engineers' });
  await apiInPage(page, 'POST', `/people/${jane.person.id}/touches`, { kind: 'call', summary: 'talked about the opera season' });
  await apiInPage(page, 'POST', `/people/${jane.person.id}/stage`, { stage: 'talking' });
  return { eventId: event.id, personId: jane.person.id };
}

describe.skipIf(!available)('every screen, checked by axe', () => {
  const suite = useServerAndBrowser();

  const looks: { name: string; options: BrowserContextOptions }[] = [
    { name: 'phone-light', options: { ...PHONE, colorScheme: 'light' } },
    { name: 'laptop-dark', options: { ...DESKTOP, colorScheme: 'dark' } },
  ];

  for (const look of looks) {
    it(`has no serious or critical accessibility problem on any screen (${look.name})`, { timeout: 180_000 }, async () => {
      const context = await suite.browser.newContext({ ...look.options, bypassCSP: true });
      const page = await context.newPage();
      const seen = watchPage(page);
      const findings: Record<string, AxeFinding[]> = {};
      const check = async (screen: string) => {
        await page.waitForLoadState('networkidle');
        await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await screenshot(page, `screen-${screen}-${look.name}`);
        const found = await seriousAxeFindings(page);
        if (found.length) findings[screen] = found;
      };

      await page.goto(`${suite.server.url}/sign-in`);
      await check('sign-in');
      await page.goto(`${suite.server.url}/sign-up`);
      await check('sign-up');
      await page.getByLabel('E-mail').fill(`${look.name}@example.com`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Welcome to Kith' }).waitFor();
      await check('welcome');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      const { eventId, personId } = await seed(page);

      const screens: [string, string, string][] = [
        ['today', '/', 'Today'],
        ['events', '/events', 'Events'],
        ['event-mode', `/events/${eventId}`, "I'm at Chamber mixer"],
        ['people', '/people', 'People'],
        ['person', `/people/${personId}`, 'Jane Doe'],
        ['capture', '/capture', 'Add someone'],
        ['board', '/board', 'Stages'],
        ['settings', '/settings', 'Settings'],
      ];
      for (const [screen, path, heading] of screens) {
        await page.goto(`${suite.server.url}${path}`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        if (screen === 'capture') {
          await page.getByLabel('Who did you meet?').fill('Jane Doe, jane@acme.com, loves opera');
          await page.getByRole('heading', { name: 'How Kith reads it' }).waitFor();
          await page.getByText('Open Jane Doe').waitFor();
        }
        if (screen === 'people') await page.locator('[data-person-row]').first().waitFor();
        await check(screen);
        // Nothing wider than the screen: a long URL once widened Settings on a phone and hid the bottom bar's last item.
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${screen} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
        // What the README shows: the phone's screen as a person sees it.
        if (look.name === 'phone-light' && (screen === 'today' || screen === 'event-mode')) await screenshot(page, `readme-${screen}`, false);
      }

      expect(findings).toEqual({});
      expect(seen.errors).toEqual([]);
      await context.close();
    });
  }
});
