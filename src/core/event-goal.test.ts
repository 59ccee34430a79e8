import { describe, expect, it } from 'vitest';
import { eventRecap, goalProgress } from './event-goal.js';
import { appendStageChange, parseStage, stageChange } from './stage.js';

describe('event goal', () => {
  it('shows "1 of 3" after meeting the first new person', () => {
    expect(goalProgress(3, 1)).toEqual({ goal: 3, met: 1, remaining: 2, reached: false, label: '1 of 3' });
  });

  it('is reached at the goal and stays reached beyond it', () => {
    expect(goalProgress(3, 3).reached).toBe(true);
    expect(goalProgress(3, 5)).toMatchObject({ remaining: 0, reached: true, label: '5 of 3' });
  });

  it('the recap counts new people against the goal and the follow-ups scheduled', () => {
    const recap = eventRecap(
      'the Chamber mixer',
      3,
      [
        { personId: 'a', fullName: 'Jane Doe', isNew: true, followUpDueOn: '2026-03-12' },
        { personId: 'b', fullName: 'Bob Stone', isNew: true, followUpDueOn: '2026-03-12' },
        { personId: 'c', fullName: 'Priya Shah', isNew: false, followUpDueOn: '2026-03-12' },
      ],
      [{ personId: 'a', text: 'send the white paper', dueOn: '2026-03-13' }],
    );
    expect(recap).toMatchObject({ newPeople: 2, knownPeople: 1, followUpsScheduled: 3, promisesMade: 1 });
    expect(recap.summary).toBe(
      'At the Chamber mixer you met 2 new people of a goal of 3 (1 short of the goal), saw 1 you already knew, 3 follow-ups scheduled, 1 promise to keep.',
    );
  });
});

describe('stages', () => {
  it('a change of stage is appended to the history, never overwriting it', () => {
    const first = stageChange(null, 'met', new Date('2026-01-01T10:00:00Z'))!;
    const second = stageChange('met', 'talking', new Date('2026-02-01T10:00:00Z'))!;
    const before = [first];
    const after = appendStageChange(before, second);
    expect(before).toEqual([first]);
    expect(after).toEqual([first, { from: 'met', to: 'talking', changedAt: '2026-02-01T10:00:00.000Z' }]);
  });

  it('setting the same stage again records nothing', () => {
    expect(stageChange('client', 'client', new Date())).toBeNull();
  });

  it('an unknown stage is refused with the list of stages', () => {
    expect(() => parseStage('friend')).toThrow('stage: must be one of met, talking, relationship, client, dormant');
  });
});
