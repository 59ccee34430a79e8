// Settings the web app reads on start: whether the first run is done, beside the follow-up settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAppKit, DIALECTS, signUpWithToken, type AppKit } from './helpers.js';

describe.each(DIALECTS)('the first run on %s', (dialect) => {
  let kit: AppKit;
  let headers: Record<string, string>;
  let accountId: string;
  const api = apiAs(() => kit, () => headers);

  const onboardedAt = async () =>
    (await kit.store.db.selectFrom('account_settings').select('onboarded_at').where('account_id', '=', accountId).executeTakeFirstOrThrow()).onboarded_at;

  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T09:00:00Z');
    const account = await signUpWithToken(kit, 'newcomer@example.com', 'Europe/London');
    headers = account.headers;
    accountId = account.accountId;
  });
  afterAll(() => kit.close());

  it('a new account has not had its first run', async () => {
    const res = await api('GET', '/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ onboarded: false, timeZone: 'Europe/London', dailySuggestions: 3 });
  });

  it('finishing the first run is remembered, with the day it was first finished', async () => {
    const done = await api('PATCH', '/settings', { onboarded: true, defaultRegion: 'GB' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ onboarded: true, defaultRegion: 'GB' });
    expect((await api('GET', '/settings')).json().onboarded).toBe(true);

    kit.clock.set('2026-03-11T09:00:00Z');
    await api('PATCH', '/settings', { onboarded: true });
    await api('PATCH', '/settings', { defaultGoal: 5 });
    // "I'm here now" rewrites the settings row too, and must leave the first run alone.
    const mixer = (await api('POST', '/events', { name: 'Mixer', startsAt: '2026-03-11T18:00:00Z' })).json().event;
    await api('POST', `/events/${mixer.id}/here`);
    expect((await api('GET', '/settings')).json()).toMatchObject({ onboarded: true, defaultGoal: 5 });
    expect(await onboardedAt()).toBe('2026-03-10T09:00:00.000Z');
  });

  it('the export carries whether the first run is done, with the other settings', async () => {
    const data = (await api('GET', '/export')).json();
    expect(data.settings).toMatchObject({ onboarded: true, defaultGoal: 5, defaultRegion: 'GB' });
  });

  it('setting it false shows the first run again', async () => {
    const res = await api('PATCH', '/settings', { onboarded: false });
    expect(res.json().onboarded).toBe(false);
    expect(await onboardedAt()).toBeNull();
  });

  it('onboarded must be true or false', async () => {
    const res = await api('PATCH', '/settings', { onboarded: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ path: 'onboarded', message: 'must be boolean' }]);
  });
});

describe.each(DIALECTS)('the phone region of a new account on %s', (dialect) => {
  let kit: AppKit;
  beforeAll(async () => {
    kit = await createAppKit(dialect, '2026-03-10T09:00:00Z');
  });
  afterAll(() => kit.close());

  it('is the country of the time zone it signs up with, so a number typed without +code is read as theirs', async () => {
    const { headers } = await signUpWithToken(kit, 'berlin@example.com', 'Europe/Berlin');
    const api = apiAs(() => kit, () => headers);
    expect((await api('GET', '/settings')).json().defaultRegion).toBe('DE');
    const made = await api('POST', '/capture', { text: 'Jana Weber, 0171 1234567' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().person.phones).toEqual([{ value: '+491711234567', label: 'mobile' }]);
    const utc = await signUpWithToken(kit, 'utc@example.com', 'UTC');
    expect((await apiAs(() => kit, () => utc.headers)('GET', '/settings')).json().defaultRegion).toBe('US');
  });

  it('follows the time zone the first run confirms, until the person picks a region', async () => {
    const { headers } = await signUpWithToken(kit, 'moved@example.com', 'UTC');
    const api = apiAs(() => kit, () => headers);
    expect((await api('PATCH', '/settings', { timeZone: 'Europe/Paris', onboarded: true })).json().defaultRegion).toBe('FR');
    expect((await api('PATCH', '/settings', { timeZone: 'Europe/Madrid', defaultRegion: 'PT' })).json().defaultRegion).toBe('PT');
    // Picked: a later move of the zone leaves it.
    expect((await api('PATCH', '/settings', { timeZone: 'Europe/Rome' })).json()).toMatchObject({ timeZone: 'Europe/Rome', defaultRegion: 'PT' });
  });
});

