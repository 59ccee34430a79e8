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
