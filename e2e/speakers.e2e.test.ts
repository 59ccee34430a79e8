/// <reference lib="dom" />
// A speaker accepts through the link page (issue 7): an organizer adds a speaker on the speakers screen and invites
// them; the speaker, in a browser with no account, opens the invitation's link (which decides nothing), presses
// Accept; the organizer's screen shows the answer with its date, and the organizer confirms them. Then a yes given
// by phone, recorded on the speaker's behalf, removing a speaker (asked first) and the reminder, on a laptop and a
// phone.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, newContext, PHONE, screenshot, watchPage } from './support/browser.js';
import { useServerAndBrowser } from './support/server.js';
import { apiInPage, linkFromOutbox, organizerOnLaptop } from './support/flows.js';
import { seriousAxeFindings } from './support/axe.js';

const available = chromiumAvailable();

interface SpeakerOut {
  fullName: string;
  status: string;
  steps: { status: string; at: string; onBehalf: boolean; note: string | null; byAccountId: string | null }[];
}

describe.skipIf(!available)('the speaker pipeline in the browser', () => {
  const suite = useServerAndBrowser();

  it('a speaker accepts through the link page, and the organizer confirms them', { timeout: 120_000 }, async () => {
    const { context: organizerContext, page: organizer, seen } = await organizerOnLaptop(suite.browser, suite.server.url, 'host@example.com');
    const { organization } = await apiInPage<{ organization: { id: string } }>(organizer, 'POST', '/organizations', { name: 'Riverside Chamber' });
    const { event } = await apiInPage<{ event: { id: string } }>(organizer, 'POST', `/organizations/${organization.id}/events`, {
      title: 'Breakfast with the mayor',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      timeZone: 'Europe/London',
      place: 'Riverside Hotel',
    });
    const speakers = async () => (await apiInPage<{ items: SpeakerOut[] }>(organizer, 'GET', `/organizations/${organization.id}/speakers`)).items;

    await organizer.goto(`${suite.server.url}/host/${organization.id}`);
    await organizer.getByRole('link', { name: 'Speakers', exact: true }).click();
    await organizer.getByRole('heading', { name: 'Speakers', level: 1 }).waitFor();
    await organizer.getByText('No speakers yet: add the first one above.').waitFor();

    // The form is open while there is nobody; a missing name and a bad address are each said at their field.
    const form = organizer.getByRole('form', { name: 'Add a speaker' });
    await form.getByRole('button', { name: 'Add speaker' }).click();
    await form.locator('input[name="fullName"][aria-invalid="true"]').waitFor();
    await form.getByLabel('Full name').fill('Ada Lovelace');
    await form.getByLabel('E-mail').fill('ada@');
    await form.getByRole('button', { name: 'Add speaker' }).click();
    await form.locator('input[name="email"][aria-invalid="true"]').waitFor();
    await form.getByLabel('E-mail').fill('ada@example.com');
    await form.getByLabel('Company').fill('Analytical Engines Ltd');
    await form.getByLabel('Job title').fill('Mathematician');
    await form.getByLabel('Topic').fill('Machines that weave numbers');
    await form.getByLabel('Event').selectOption(event.id);
    await form.getByRole('button', { name: 'Add speaker' }).click();
    await organizer.getByText('Ada Lovelace added as a prospect.').waitFor();
    const card = (list: string) => organizer.getByRole('list', { name: list, exact: true }).getByRole('article', { name: 'Ada Lovelace' });
    await card('Prospects').waitFor();
    expect(await card('Prospects').innerText()).toContain('Event: Breakfast with the mayor');

    // The invitation, with the organizer's own words.
    await card('Prospects').getByRole('button', { name: 'Invite…' }).click();
    const invite = organizer.getByRole('form', { name: 'Invite Ada Lovelace' });
    await invite.getByLabel('Your words (optional)').fill('Our members would love to hear you.');
    await screenshot(organizer, 'speakers-invite-laptop');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await organizer.getByText('Invitation e-mailed to Ada Lovelace.').waitFor();
    await card('Invited').getByText('no answer yet', { exact: false }).waitFor();
    const link = await linkFromOutbox(organizer, 'ada@example.com', 'Invitation to speak: Breakfast with the mayor', 's');

    // The speaker, with no account, on a phone: the page shows the event and the two buttons.
    const speakerContext = await newContext(suite.browser, PHONE);
    const speaker = await speakerContext.newPage();
    const speakerSeen = watchPage(speaker);
    await speaker.goto(`${suite.server.url}${link}`);
    await speaker.getByRole('heading', { name: 'Invitation to speak: Breakfast with the mayor', level: 1 }).waitFor();
    await speaker.getByText('Riverside Hotel', { exact: false }).waitFor();
    await speaker.getByText('Our members would love to hear you.').waitFor();
    await speaker.getByRole('button', { name: 'Accept' }).waitFor();
    await speaker.getByRole('button', { name: 'Decline' }).waitFor();
    await screenshot(speaker, 'speaker-invitation-phone');

    // Opening the link decided nothing: the organizer's screen still says invited.
    await organizer.reload();
    await card('Invited').waitFor();
    expect((await speakers())[0]!.status).toBe('invited');

    await speaker.getByLabel('A note for the organizers (optional)').fill('Delighted! I will bring slides.');
    await speaker.getByRole('button', { name: 'Accept' }).click();
    await speaker.getByRole('heading', { name: 'Thank you: you accepted', level: 1 }).waitFor();
    await screenshot(speaker, 'speaker-accepted-phone');
    // The link answers once: opened again, it shows the answer.
    await speaker.goto(`${suite.server.url}${link}`);
    await speaker.getByText('You accepted this invitation', { exact: false }).waitFor();
    expect(await speaker.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expect(speakerSeen.errors).toEqual([]);
    expect(speakerSeen.cspViolations).toEqual([]);
    await speakerContext.close();

    // The organizer's screen shows accepted, with its date, as the speaker's own answer and their note.
    await organizer.reload();
    const accepted = card('Accepted');
    await accepted.waitFor();
    const step = accepted.getByRole('list', { name: 'Steps of Ada Lovelace' }).getByRole('listitem').filter({ hasText: 'Accepted' });
    expect(await step.innerText()).toContain('their own answer');
    expect(await step.innerText()).toContain('Delighted! I will bring slides.');
    const acceptedAt = await step.locator('time').getAttribute('datetime');
    expect(Math.abs(Date.parse(acceptedAt!) - Date.now())).toBeLessThan(60_000);
    expect((await step.locator('time').innerText()).trim()).not.toBe('');
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'speakers-accepted-laptop');

    await accepted.getByRole('button', { name: 'Confirm' }).click();
    await organizer.getByText('Ada Lovelace: confirmed.').waitFor();
    await card('Confirmed').getByRole('button', { name: 'Introduce to attendees: Ada Lovelace' }).waitFor();
    // "Spoke" comes once the event has begun.
    expect(await card('Confirmed').getByRole('button', { name: 'Spoke' }).count()).toBe(0);
    const [ada] = await speakers();
    expect(ada!.status).toBe('confirmed');
    expect(ada!.steps.map((s) => s.status)).toEqual(['prospect', 'invited', 'accepted', 'confirmed']);
    expect(ada!.steps[2]).toMatchObject({ onBehalf: false, byAccountId: null, note: 'Delighted! I will bring slides.' });

    // The introduction to the attendees: nobody has registered yet.
    await card('Confirmed').getByRole('button', { name: 'Introduce to attendees: Ada Lovelace' }).click();
    await organizer.getByRole('form', { name: 'Introduce Ada Lovelace to attendees' }).getByRole('button', { name: 'Send the introduction' }).click();
    await card('Confirmed').getByText('Introduction: 0 attendees written to.').waitFor();

    // A yes given by phone, recorded on the speaker's behalf.
    await organizer.getByText('Add a speaker', { exact: true }).click();
    await form.getByLabel('Full name').fill('Grace Hopper');
    await form.getByLabel('Topic').fill('Debugging the future');
    await form.getByRole('button', { name: 'Add speaker' }).click();
    const grace = (list: string) => organizer.getByRole('list', { name: list, exact: true }).getByRole('article', { name: 'Grace Hopper' });
    await grace('Prospects').getByText('Add an e-mail address to invite them', { exact: false }).waitFor();
    await grace('Prospects').getByRole('button', { name: 'Accepted on their behalf' }).click();
    await grace('Accepted').getByText('on their behalf', { exact: true }).waitFor();

    // The reminder: off, and back to three days.
    await organizer.getByRole('switch', { name: 'Remind invited speakers who have not answered' }).uncheck();
    await organizer.getByRole('button', { name: 'Save the reminder' }).click();
    await organizer.getByText('Reminders are off.').waitFor();
    expect(await apiInPage(organizer, 'GET', `/organizations/${organization.id}/speaker-settings`)).toEqual({ nudgeAfterDays: null });
    await organizer.getByRole('switch', { name: 'Remind invited speakers who have not answered' }).check();
    await organizer.getByLabel('Days without an answer').fill('90');
    await organizer.getByRole('button', { name: 'Save the reminder' }).click();
    await organizer.locator('input[name="nudgeAfterDays"][aria-invalid="true"]').waitFor();
    await organizer.getByLabel('Days without an answer').fill('3');
    await organizer.getByRole('button', { name: 'Save the reminder' }).click();
    await expect.poll(() => apiInPage(organizer, 'GET', `/organizations/${organization.id}/speaker-settings`)).toEqual({ nudgeAfterDays: 3 });
    await screenshot(organizer, 'speakers-laptop');

    // On a phone.
    await organizer.setViewportSize({ width: 390, height: 844 });
    await organizer.reload();
    await card('Confirmed').waitFor();
    expect(await seriousAxeFindings(organizer)).toEqual([]);
    await screenshot(organizer, 'speakers-phone');
    await card('Confirmed').getByRole('button', { name: 'Edit Ada Lovelace' }).click();
    const edit = organizer.getByRole('form', { name: 'Edit Ada Lovelace' });
    expect(await edit.getByLabel('Company').inputValue()).toBe('Analytical Engines Ltd');
    await edit.getByLabel('Company').fill('Babbage & Lovelace');
    await screenshot(organizer, 'speakers-edit-phone');
    await edit.getByRole('button', { name: 'Save the speaker' }).click();
    await organizer.getByText('Ada Lovelace: saved.').waitFor();
    await card('Confirmed').getByText('Mathematician, Babbage & Lovelace').waitFor();

    // Removing asks first.
    await grace('Accepted').getByRole('button', { name: 'Remove Grace Hopper…' }).click();
    await organizer.getByRole('button', { name: 'No, keep them' }).click();
    expect(await grace('Accepted').count()).toBe(1);
    await grace('Accepted').getByRole('button', { name: 'Remove Grace Hopper…' }).click();
    await organizer.getByRole('button', { name: 'Yes, remove' }).click();
    await organizer.getByText('Grace Hopper was removed.').waitFor();
    await expect.poll(async () => (await speakers()).map((s) => s.fullName)).toEqual(['Ada Lovelace']);
    expect(seen.errors).toEqual([]);
    await organizerContext.close();
  });
});
