// Stages grow from "met" to "client" over months (habit 5). Every change is appended to the history with its
// date; nothing is overwritten, so the long game stays visible.
import { STAGES, type Stage } from './types.js';
import { ValidationError } from './errors.js';

export interface StageChange {
  from: Stage | null;
  to: Stage;
  changedAt: string;
}

export function parseStage(value: string, path = 'stage'): Stage {
  if ((STAGES as readonly string[]).includes(value)) return value as Stage;
  throw new ValidationError([{ path, message: `must be one of ${STAGES.join(', ')}` }]);
}

/** The history entry for a change of stage, or null when the stage stays the same (nothing to record). */
export function stageChange(current: Stage | null, next: Stage, at: Date): StageChange | null {
  if (current === next) return null;
  return { from: current, to: next, changedAt: at.toISOString() };
}

/** The history with a new change appended: a new array, the old entries untouched. */
export function appendStageChange(history: readonly StageChange[], change: StageChange): StageChange[] {
  return [...history, change];
}
