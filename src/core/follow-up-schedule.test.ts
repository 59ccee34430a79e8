import { describe, expect, it } from 'vitest';
import { addDays, localDateOf } from './calendar-date.js';
import { followUpState, scheduleFollowUp, schedulePromise, type PersonFollowUpFacts } from './follow-up-schedule.js';
import { describePersonFollowUp, describePromise } from './follow-up-reason.js';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from './types.js';

const settings: FollowUpSettings = DEFAULT_FOLLOW_UP_SETTINGS;

function facts(overrides: Partial<PersonFollowUpFacts> = {}): PersonFollowUpFacts {
  return {
    stage: 'met',
    cadenceDays: null,
    createdOn: '2026-03-01',
    lastMetOn: null,
    lastTouchOn: null,
    lastFollowUpOn: null,
    snoozedUntil: null,
    ...overrides,
  };
}

describe('follow-up schedule', () => {
  it('a person met at an event is due for a first follow-up two days later, and shows from the day they met', () => {
    const schedule = scheduleFollowUp(facts({ lastMetOn: '2026-03-10', lastTouchOn: '2026-03-10' }), settings);
    expect(schedule).toMatchObject({ reason: 'first_follow_up', dueOn: '2026-03-12', since: '2026-03-10', soonFrom: '2026-03-10' });
    expect(followUpState(schedule!, '2026-03-09')).toBe('ok');
    expect(followUpState(schedule!, '2026-03-10')).toBe('soon');
    expect(followUpState(schedule!, '2026-03-11')).toBe('soon');
    expect(followUpState(schedule!, '2026-03-12')).toBe('due');
    expect(followUpState(schedule!, '2026-03-13')).toBe('overdue');
  });

  it('the follow-up window is a setting', () => {
    const schedule = scheduleFollowUp(facts({ lastMetOn: '2026-03-10' }), { ...settings, followUpWindowDays: 5 });
    expect(schedule?.dueOn).toBe('2026-03-15');
  });

  it('a follow-up touch after the meeting ends the first follow-up and starts the cadence from that touch', () => {
    const schedule = scheduleFollowUp(
      facts({ lastMetOn: '2026-03-10', lastTouchOn: '2026-03-11', lastFollowUpOn: '2026-03-11' }),
      settings,
    );
    expect(schedule).toMatchObject({ reason: 'cadence', since: '2026-03-11', dueOn: '2026-03-25' });
  });

  it('a follow-up sent the same evening as the meeting counts', () => {
    const schedule = scheduleFollowUp(
      facts({ lastMetOn: '2026-03-10', lastTouchOn: '2026-03-10', lastFollowUpOn: '2026-03-10' }),
      settings,
    );
    expect(schedule?.reason).toBe('cadence');
  });

  it('meeting someone again at a later event asks for a new first follow-up', () => {
    const schedule = scheduleFollowUp(
      facts({ lastMetOn: '2026-04-02', lastTouchOn: '2026-04-02', lastFollowUpOn: '2026-03-11' }),
      settings,
    );
    expect(schedule).toMatchObject({ reason: 'first_follow_up', dueOn: '2026-04-04' });
  });

  it.each([
    ['met', 14],
    ['talking', 30],
    ['relationship', 90],
    ['client', 45],
  ] as const)('the cadence of a person at stage %s is %i days from the last touch', (stage, days) => {
    const schedule = scheduleFollowUp(facts({ stage, lastTouchOn: '2026-03-05' }), settings);
    expect(schedule).toMatchObject({ reason: 'cadence', dueOn: addDays('2026-03-05', days) });
  });

  it('a dormant person is never due', () => {
    expect(scheduleFollowUp(facts({ stage: 'dormant', lastTouchOn: '2026-01-01' }), settings)).toBeNull();
  });

  it("a person's own cadence overrides the stage's", () => {
    const schedule = scheduleFollowUp(facts({ stage: 'client', cadenceDays: 7, lastTouchOn: '2026-03-05' }), settings);
    expect(schedule?.dueOn).toBe('2026-03-12');
  });

  it('without any touch the cadence runs from the day the person was added', () => {
    expect(scheduleFollowUp(facts({ createdOn: '2026-03-01' }), settings)?.dueOn).toBe('2026-03-15');
  });

  it('any touch resets the clock', () => {
    const before = scheduleFollowUp(facts({ stage: 'talking', lastTouchOn: '2026-03-01' }), settings);
    const after = scheduleFollowUp(facts({ stage: 'talking', lastTouchOn: '2026-03-20' }), settings);
    expect(before?.dueOn).toBe('2026-03-31');
    expect(after?.dueOn).toBe('2026-04-19');
  });

  it('soon means within 20% of the cadence before the due day', () => {
    // talking: 30 days, 20% = 6 days
    const schedule = scheduleFollowUp(facts({ stage: 'talking', lastTouchOn: '2026-03-01' }), settings)!;
    expect(schedule.soonFrom).toBe('2026-03-25');
    expect(followUpState(schedule, '2026-03-24')).toBe('ok');
    expect(followUpState(schedule, '2026-03-25')).toBe('soon');
    expect(followUpState(schedule, '2026-04-01')).toBe('overdue');
  });

  it('a snooze moves the due day and hides the follow-up until then', () => {
    const schedule = scheduleFollowUp(facts({ lastTouchOn: '2026-03-01', snoozedUntil: '2026-03-20' }), settings)!;
    expect(schedule).toMatchObject({ dueOn: '2026-03-20', soonFrom: '2026-03-20', snoozed: true });
    expect(followUpState(schedule, '2026-03-19')).toBe('ok');
    expect(followUpState(schedule, '2026-03-20')).toBe('due');
  });

  it('a snooze that ended before the follow-up came near changes nothing', () => {
    const schedule = scheduleFollowUp(facts({ lastTouchOn: '2026-03-01', snoozedUntil: '2026-03-02' }), settings)!;
    expect(schedule).toMatchObject({ dueOn: '2026-03-15', snoozed: false });
  });

  it('a touch after a snooze resets the clock past the snooze', () => {
    const schedule = scheduleFollowUp(facts({ lastTouchOn: '2026-03-25', snoozedUntil: '2026-03-20' }), settings)!;
    expect(schedule).toMatchObject({ dueOn: '2026-04-08', snoozed: false });
  });
});

describe('promises', () => {
  it('a promise I owe is due three days after it was made when no day was promised', () => {
    expect(schedulePromise({ madeOn: '2026-03-10', dueOn: null }, settings)).toEqual({ dueOn: '2026-03-13', soonFrom: '2026-03-12' });
  });

  it('a promise with a day is due that day', () => {
    expect(schedulePromise({ madeOn: '2026-03-10', dueOn: '2026-03-31' }, settings)).toEqual({ dueOn: '2026-03-31', soonFrom: '2026-03-26' });
  });

  it('the reason names the promise and how late it is', () => {
    expect(describePromise({ fullName: 'Jane Doe', text: 'send the white paper', dueOn: '2026-03-13', today: '2026-03-15' })).toBe(
      'You promised Jane: send the white paper (2 days overdue).',
    );
    expect(describePromise({ fullName: 'Jane Doe', text: 'send the white paper', dueOn: '2026-03-16', today: '2026-03-15' })).toBe(
      'You promised Jane: send the white paper (due tomorrow).',
    );
  });
});

describe('the days are the user\'s days', () => {
  it('the same instant is a different day in Tokyo and in Los Angeles', () => {
    const instant = new Date('2026-03-10T20:00:00Z');
    expect(localDateOf(instant, 'Asia/Tokyo')).toBe('2026-03-11');
    expect(localDateOf(instant, 'America/Los_Angeles')).toBe('2026-03-10');
  });

  it('someone met in Tokyo late in the evening is due two Tokyo days later', () => {
    const metAt = new Date('2026-03-10T14:30:00Z'); // 23:30 in Tokyo
    const metOn = localDateOf(metAt, 'Asia/Tokyo');
    const schedule = scheduleFollowUp(facts({ lastMetOn: metOn, lastTouchOn: metOn }), { ...settings, timeZone: 'Asia/Tokyo' })!;
    expect(schedule.dueOn).toBe('2026-03-12');
    // 00:30 on the 12th in Tokyo is still the 11th in UTC: due in Tokyo all the same
    expect(followUpState(schedule, localDateOf(new Date('2026-03-11T15:30:00Z'), 'Asia/Tokyo'))).toBe('due');
  });

  it('across the spring DST change in Los Angeles a follow-up is due on the right local day', () => {
    // Met on Saturday 7 March 2026 at 23:30 PST; clocks go forward on Sunday 8 March.
    const tz = 'America/Los_Angeles';
    const metOn = localDateOf(new Date('2026-03-08T07:30:00Z'), tz);
    expect(metOn).toBe('2026-03-07');
    const schedule = scheduleFollowUp(facts({ lastMetOn: metOn, lastTouchOn: metOn }), { ...settings, timeZone: tz })!;
    expect(schedule.dueOn).toBe('2026-03-09');
    // 23:59 PDT on 8 March is 06:59 UTC on 9 March: still the 8th, so only soon
    expect(followUpState(schedule, localDateOf(new Date('2026-03-09T06:59:00Z'), tz))).toBe('soon');
    // 00:01 PDT on 9 March (07:01 UTC): due
    expect(followUpState(schedule, localDateOf(new Date('2026-03-09T07:01:00Z'), tz))).toBe('due');
  });

  it('across the autumn DST change in Los Angeles a 14-day cadence is 14 local days', () => {
    const tz = 'America/Los_Angeles';
    const touchedOn = localDateOf(new Date('2026-10-25T18:00:00Z'), tz);
    const schedule = scheduleFollowUp(facts({ lastTouchOn: touchedOn }), { ...settings, timeZone: tz })!;
    expect(schedule.dueOn).toBe('2026-11-08');
    // Clocks went back on 1 November: 07:30 UTC on the 8th is 23:30 PST on the 7th (a fixed PDT offset would say the 8th)
    expect(followUpState(schedule, localDateOf(new Date('2026-11-08T07:30:00Z'), tz))).toBe('soon');
    expect(followUpState(schedule, localDateOf(new Date('2026-11-08T08:30:00Z'), tz))).toBe('due');
  });
});

describe('the reason in words', () => {
  it('says where and when we met', () => {
    expect(
      describePersonFollowUp({ reason: 'first_follow_up', fullName: 'Jane Doe', since: '2026-03-10', today: '2026-03-12', eventName: 'the Chamber mixer', cadenceDays: 14, everTouched: true }),
    ).toBe('You met Jane at the Chamber mixer 2 days ago: a first follow-up keeps you in mind.');
  });

  it('says how long since the last touch', () => {
    expect(
      describePersonFollowUp({ reason: 'cadence', fullName: 'Dr. Bob Stone', since: '2026-03-01', today: '2026-03-17', eventName: null, cadenceDays: 14, everTouched: true }),
    ).toBe('Your last touch with Bob was 16 days ago (you aim for every 14 days).');
  });
});
