// What every service needs: storage, the time, ids and configuration. Passed explicitly; tests pin the clock and ids.
import type { Store } from '../db/store.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppConfig {
  /** scrypt cost as a power of two (N = 2^cost); 17 is OWASP's recommendation. */
  passwordHashCost: number;
  sessionDays: number;
}

export const DEFAULT_APP_CONFIG: AppConfig = { passwordHashCost: 17, sessionDays: 30 };

export interface AppContext {
  store: Store;
  clock: Clock;
  newId: () => string;
  config: AppConfig;
}
