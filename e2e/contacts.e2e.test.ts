/// <reference lib="dom" />
// Contacts as a person brings them in and tidies them: a phone's vCard export checked first (nothing kept), then
// imported with the report; a CSV Kith does not know, whose columns the person maps; then the duplicate that made
// (the same person twice: typed at an event with a typo, and from the CSV) found, compared field by field, merged, undone, merged again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, signUp } from './support/flows.js';

const available = chromiumAvailable();
const fixtures = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'contacts');

describe.skipIf(!available)('importing contacts and merging duplicates in the browser', () => {
  const suite = useServerAndBrowser();

  it('checks and imports a vCard file, maps an unknown CSV, and merges the duplicate it made with undo', { timeout: 120_000 }, async () => {
    const context = await suite.browser.newContext(DESKTOP);
    const page = await context.newPage();
    const seen = watchPage(page);
    await signUp(page, suite.server.url, 'contacts@example.com');
    // Someone typed in at an event with a slip of the thumb, who is also in the CSV, spelt right, with another e-mail.
    await apiInPage(page, 'POST', '/people', { fullName: 'Kay Tanaka', company: 'Tanaka Design', emails: [{ value: 'kai@tanaka.example' }] });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Import contacts' }).click();
    await page.getByLabel('Contacts file').setInputFiles(path.join(fixtures, 'iphone.vcf'));
    await page.getByRole('button', { name: 'Check first (keeps nothing)' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^Would import 2 new people, merged 0 into people you had, skipped 0 — 2 records in all \(vCard, utf-8\)\.$/);
    expect((await apiInPage<{ items: unknown[] }>(page, 'GET', '/people?q=chidi')).items).toHaveLength(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Done' }).waitFor();
    await page.getByRole('link', { name: 'Inés Álvarez' }).waitFor();
    await screenshot(page, 'import-report');
    expect((await apiInPage<{ items: unknown[] }>(page, 'GET', '/people?q=chidi')).items).toHaveLength(1);

    // A CSV with columns Kith does not recognise: it asks what each holds, proposing what it can.
    const csv = ['Who;Mail;Firm;Notes', 'Kai Tanaka;kai.ts@tanaka.example;Tanaka Design;met at the design week', 'Lin Wei;lin@example.cn;;'].join('\r\n');
    await page.getByLabel('Contacts file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const mapping = page.getByRole('group', { name: 'Kith does not recognise these columns: say what each one holds' });
    await mapping.waitFor();
    await mapping.getByLabel('Who').selectOption('fullName');
    await mapping.getByLabel('Mail').selectOption('email');
    await mapping.getByLabel('Firm').selectOption('company');
    await mapping.getByLabel('Notes').selectOption('notes');
    await screenshot(page, 'import-mapping');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Done' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Imported 2 new people, merged 0');

    // The duplicate: found with its evidence, compared, merged keeping the fuller name, undone, merged again.
    await page.getByRole('link', { name: 'Review possible duplicates' }).click();
    const pair = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Kay Tanaka.*and.*Kai Tanaka|Kai Tanaka.*and.*Kay Tanaka/ }) });
    await pair.waitFor();
    await expect.poll(() => pair.getByRole('list', { name: 'Evidence' }).innerText()).toMatch(/names 'Ka[iy] Tanaka' and 'Ka[iy] Tanaka' differ by one letter; both at Tanaka Design/);
    await pair.getByRole('button', { name: 'Compare and merge' }).click();
    const form = page.getByRole('form', { name: /^Merge / });
    await form.getByRole('group', { name: 'Name' }).getByLabel('Kai Tanaka', { exact: true }).check();
    // The histories are said to stay on the person as they will be named, whichever record is kept.
    await form.getByText('card images of both stay, on Kai Tanaka.').waitFor();
    await screenshot(page, 'duplicates-merge');
    await form.getByRole('button', { name: 'Merge' }).click();
    await page.getByText(/^Merged Ka[iy] Tanaka into Ka[iy] Tanaka\./).waitFor();
    const afterMerge = await apiInPage<{ items: { fullName: string }[] }>(page, 'GET', '/people?q=kai');
    expect(afterMerge.items.map((p) => p.fullName)).toEqual(['Kai Tanaka']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Merge undone: both people are back as they were.').waitFor();
    expect((await apiInPage<{ items: { fullName: string }[] }>(page, 'GET', '/people?q=kai')).items.map((p) => p.fullName).sort()).toEqual(['Kai Tanaka', 'Kay Tanaka']);

    await pair.getByRole('button', { name: 'Compare and merge' }).click();
    await form.getByRole('group', { name: 'Name' }).getByLabel('Kai Tanaka', { exact: true }).check();
    await form.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('No duplicates found.').waitFor();
    const merged = await apiInPage<{ items: { id: string }[] }>(page, 'GET', '/people?q=kai');
    expect(merged.items).toHaveLength(1);
    const detail = await apiInPage<{ person: { fullName: string; company: string; emails: { value: string }[]; notes: string | null } }>(page, 'GET', `/people/${merged.items[0]!.id}`);
    expect(detail.person.fullName).toBe('Kai Tanaka');
    expect(detail.person.emails.map((e) => e.value).sort()).toEqual(['kai.ts@tanaka.example', 'kai@tanaka.example']);
    expect(detail.person.notes).toContain('design week');
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
