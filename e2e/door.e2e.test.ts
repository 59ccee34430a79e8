/// <reference lib="dom" />
// Door check-in on a phone-sized screen, through a door link opened without an account: check in by name; by QR code
// with the camera (Chromium's fake camera plays a video of the registrant's QR code); and one phone that goes offline,
// checks in two people, is reopened with no network (the service worker and the copy on the phone), comes back, and
// syncs them: the server has each exactly once. Then a walk-in, and the badges page an organizer prints.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM, CHROMIUM_FLAGS, chromiumAvailable, newContext, PHONE, screenshot, watchPage } from './support/browser.js';
import { startTestServer, type TestServer } from './support/server.js';

const available = chromiumAvailable();
const PASSWORD = 'correct horse battery staple';

/** A camera's worth of frames (Y4M, 4:2:0) showing the QR code of `text`, black on white, in the middle. */
function qrVideo(text: string, path: string): void {
  const width = 640;
  const height = 480;
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor(360 / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * scale; y++) {
    for (let x = 0; x < size * scale; x++) {
      if (data[Math.floor(y / scale) * size + Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
}

/** The organizer, through the API with a session (cookie and CSRF token), as the web app would. */
async function organizerSession(baseUrl: string) {
  const email = 'organizer@chamber.example';
  await fetch(`${baseUrl}/api/v1/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, timeZone: 'Europe/London' }) });
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { call, cookie };
}

type Registration = { fullName: string; doorCode: string; checkedInAt: string | null };

describe.skipIf(!available)('door check-in on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let doorPath: string;
  let registrations: () => Promise<Registration[]>;
  let checkedInCount: () => Promise<number>;
  let sessionCookie: string;
  let badgesPath: string;

  beforeAll(async () => {
    server = await startTestServer();
    const session = await organizerSession(server.url);
    const api = session.call;
    sessionCookie = session.cookie;
    const { organization } = await api<{ organization: { id: string } }>('POST', '/organizations', { name: 'Riverside Chamber' });
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const { event } = await api<{ event: { id: string; publicPath: string } }>('POST', `/organizations/${organization.id}/events`, { title: 'Spring mixer', startsAt, timeZone: 'Europe/London', place: 'The Old Mill', capacity: 50 });
    for (const [name, company] of [['Ada Lovelace', 'Engines Ltd'], ['Bob Babbage', 'Difference & Co'], ['Cy Young', 'Pitch Perfect'], ['Di Prince', null], ['Émile Zola', 'Letters SA']] as const) {
      const form = new URLSearchParams({ fullName: name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, ...(company ? { company } : {}) });
      const res = await fetch(`${server.url}${event.publicPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
      expect(res.status).toBe(303);
    }
    registrations = async () => (await api<{ items: Registration[] }>('GET', `/organizations/${organization.id}/events/${event.id}/registrations`)).items;
    checkedInCount = async () => (await api<{ event: { counts: { checkedIn: number } } }>('GET', `/organizations/${organization.id}/events/${event.id}`)).event.counts.checkedIn;
    badgesPath = `/api/v1/organizations/${organization.id}/events/${event.id}/badges`;
    doorPath = (await api<{ path: string }>('POST', `/organizations/${organization.id}/events/${event.id}/door-links`, { label: 'Front desk' })).path;

    // The fake camera plays Bob's QR code (as in his confirmation e-mail).
    const bob = (await registrations()).find((r) => r.fullName === 'Bob Babbage')!;
    const video = join(mkdtempSync(join(tmpdir(), 'kith-door-camera-')), 'bob-qr.y4m');
    qrVideo(bob.doorCode, video);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks in by name as you type, and undoes it', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}${doorPath}`);
    await page.getByRole('heading', { name: 'Spring mixer' }).waitFor();
    await page.getByText('0 of 5 checked in').waitFor();
    await page.getByLabel('Search by name').fill('emile');
    await expect.poll(() => page.getByRole('list', { name: 'Door list' }).getByRole('listitem').count()).toBe(1);
    await page.getByRole('button', { name: 'Check in Émile Zola' }).click();
    await page.getByText('1 of 5 checked in').waitFor();
    await page.getByText('All synced').waitFor();
    await screenshot(page, 'door-by-name');
    expect((await registrations()).find((r) => r.fullName === 'Émile Zola')!.checkedInAt).not.toBeNull();

    await page.getByRole('button', { name: 'Undo check-in of Émile Zola' }).click();
    await page.getByText('0 of 5 checked in').waitFor();
    await expect.poll(async () => (await registrations()).find((r) => r.fullName === 'Émile Zola')!.checkedInAt).toBeNull();
    await page.getByRole('button', { name: 'Check in Émile Zola' }).click();
    await expect.poll(checkedInCount).toBe(1);
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await context.close();
  });

  it('checks in by the QR code the camera sees', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, PHONE);
    await context.grantPermissions(['camera'], { origin: server.url });
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}${doorPath}`);
    await page.getByRole('heading', { name: 'Spring mixer' }).waitFor();
    await page.getByRole('button', { name: 'Scan QR' }).click();
    await page.getByLabel('Camera').waitFor();
    await page.getByText('Bob Babbage checked in (QR code).').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Undo check-in of Bob Babbage' }).waitFor();
    await screenshot(page, 'door-by-qr');
    expect((await registrations()).find((r) => r.fullName === 'Bob Babbage')!.checkedInAt).not.toBeNull();
    // The camera keeps seeing the same code: Bob is still checked in once.
    await page.getByRole('button', { name: 'Close camera' }).click();
    expect(await checkedInCount()).toBe(2);
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await context.close();
  });

  it('keeps working offline: two check-ins wait on the phone, then sync once each when the network returns', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const seen = watchPage(page);
    await page.goto(`${server.url}${doorPath}`);
    await page.getByText('2 of 5 checked in').waitFor();
    // The service worker has taken the page (it precaches the app shell and the door screen's code).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Check in Ada Lovelace' }).click();
    await page.getByRole('button', { name: 'Check in Cy Young' }).click();
    await page.getByText('2 waiting to sync').waitFor();
    await page.getByText('4 of 5 checked in').waitFor();
    await page.getByText('Offline: check-ins are kept on this phone.').waitFor();
    await screenshot(page, 'door-offline');
    expect(await checkedInCount()).toBe(2);
    // Reopened with no network: the app shell comes from the service worker, the list and the queue from the phone.
    await page.reload();
    await page.getByText('2 waiting to sync').waitFor();
    await page.getByRole('button', { name: 'Undo check-in of Cy Young' }).waitFor();

    await context.setOffline(false);
    await page.getByText('All synced').waitFor({ timeout: 20_000 });
    await screenshot(page, 'door-synced');
    const after = await registrations();
    expect(after.filter((r) => r.checkedInAt).map((r) => r.fullName).sort()).toEqual(['Ada Lovelace', 'Bob Babbage', 'Cy Young', 'Émile Zola']);
    expect(await checkedInCount()).toBe(4);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('adds a walk-in, checked in at once, and the organizer prints the badges on A4 label sheets', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}${doorPath}`);
    await page.getByText('4 of 5 checked in').waitFor();
    await page.getByRole('button', { name: 'Add walk-in' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Wally Walker');
    await page.getByLabel('Company (optional)').fill('Walks Inc');
    await page.getByRole('button', { name: 'Add and check in' }).click();
    await page.getByText('5 of 6 checked in').waitFor();
    await page.getByText('All synced').waitFor();
    await screenshot(page, 'door-walk-in');
    expect((await registrations()).find((r) => r.fullName === 'Wally Walker')!.checkedInAt).not.toBeNull();
    await context.close();

    const desk = await newContext(browser, { viewport: { width: 1000, height: 1400 } });
    const [name, value] = sessionCookie.split('=') as [string, string];
    await desk.addCookies([{ name, value, url: server.url }]);
    const badges = await desk.newPage();
    await badges.goto(`${server.url}${badgesPath}`);
    await badges.getByText('6 badges').waitFor();
    expect(await badges.locator('.badge').count()).toBe(6);
    await screenshot(badges, 'door-badges');
    await badges.pdf({ path: join(tmpdir(), 'kith-door-badges.pdf'), preferCSSPageSize: true });
    await desk.close();
  });
});
