// Accounts, sign-in, sessions and API tokens. Secrets (session ids, tokens) are given to the person once and
// stored only as SHA-256 hashes; passwords as scrypt hashes.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import { hashPassword, verifyPassword } from './password.js';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../core/errors.js';
import { isValidTimeZone } from '../core/calendar-date.js';
import { defaultRegionOf } from '../core/contact-values.js';
import type { AccountRecord, ApiTokenRecord, SettingsRecord } from '../core/records.js';
import { DEFAULT_EVENT_GOAL, DEFAULT_FOLLOW_UP_SETTINGS } from '../core/types.js';

export const MIN_PASSWORD_LENGTH = 10;
const TOKEN_PREFIX = 'kith_';
/** Token use is recorded at most this often, so a busy script does not write on every request. */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

export interface Identity {
  accountId: string;
  /** Present when the request came with a session cookie: unsafe methods must echo it. */
  csrfToken: string | null;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  account: AccountRecord;
}

export function defaultSettings(timeZone: string): SettingsRecord {
  return {
    timeZone,
    followUpWindowDays: DEFAULT_FOLLOW_UP_SETTINGS.followUpWindowDays,
    promiseDefaultDays: DEFAULT_FOLLOW_UP_SETTINGS.promiseDefaultDays,
    cadenceDays: { ...DEFAULT_FOLLOW_UP_SETTINGS.cadenceDays },
    defaultGoal: DEFAULT_EVENT_GOAL,
    dailySuggestions: 3,
    // Phone numbers typed without +code are read as the time zone's country's; the person can change it in Settings.
    defaultRegion: defaultRegionOf(timeZone),
    currentEventId: null,
    onboarded: false,
  };
}

export class AuthService {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly ctx: AppContext) {}

  async signUp(input: { email: string; password: string; timeZone?: string | undefined }): Promise<AccountRecord> {
    const email = input.email.trim().toLowerCase();
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError([{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }], 'KITH_PASSWORD_TOO_SHORT');
    }
    const timeZone = input.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) throw new ValidationError([{ path: 'timeZone', message: `"${timeZone}" is not an IANA time zone (e.g. Europe/London)` }]);
    const passwordHash = await hashPassword(input.password, this.ctx.config.passwordHashCost);
    const account = { id: this.ctx.newId(), email, createdAt: this.ctx.clock.now().toISOString() };
    await this.ctx.store.transaction((r) => r.accounts.create({ ...account, passwordHash }, defaultSettings(timeZone)));
    return account;
  }

  async signIn(emailInput: string, password: string): Promise<NewSession> {
    const email = emailInput.trim().toLowerCase();
    const account = await this.ctx.store.repos.accounts.findByEmail(email);
    if (!account) {
      // Spend the same time as a real check, so timing does not reveal which e-mails have accounts.
      this.dummyHash ??= hashPassword('not a password', this.ctx.config.passwordHashCost);
      await verifyPassword(password, await this.dummyHash);
      throw new UnauthorizedError('KITH_BAD_CREDENTIALS', 'the e-mail or the password is wrong');
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      throw new UnauthorizedError('KITH_BAD_CREDENTIALS', 'the e-mail or the password is wrong');
    }
    const token = secret();
    const csrfToken = secret();
    const now = this.ctx.clock.now();
    const expiresAt = new Date(now.getTime() + this.ctx.config.sessionDays * 86_400_000).toISOString();
    await this.ctx.store.repos.accounts.createSession({ idHash: sha256(token), accountId: account.id, csrfToken, createdAt: now.toISOString(), expiresAt });
    // Sessions that have ended are swept on each sign-in, so the table does not grow without bound.
    await this.ctx.store.repos.accounts.deleteExpiredSessions(now.toISOString());
    return { token, csrfToken, expiresAt, account: { id: account.id, email: account.email, createdAt: account.createdAt } };
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.ctx.store.repos.accounts.deleteSession(sha256(sessionToken));
  }

  async identifySession(sessionToken: string): Promise<Identity | null> {
    const session = await this.ctx.store.repos.accounts.findSession(sha256(sessionToken), this.ctx.clock.now().toISOString());
    return session ? { accountId: session.accountId, csrfToken: session.csrfToken } : null;
  }

  async identifyToken(token: string): Promise<Identity | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const found = await this.ctx.store.repos.accounts.findTokenAccount(sha256(token));
    if (!found) return null;
    const now = this.ctx.clock.now();
    if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOKEN_TOUCH_INTERVAL_MS) {
      await this.ctx.store.repos.accounts.touchToken(found.tokenId, now.toISOString());
    }
    return { accountId: found.accountId, csrfToken: null };
  }

  async account(accountId: string): Promise<AccountRecord> {
    const account = await this.ctx.store.repos.accounts.findById(accountId);
    if (!account) throw new NotFoundError('KITH_ACCOUNT_NOT_FOUND', 'this account no longer exists');
    return account;
  }

  async createToken(accountId: string, name: string): Promise<{ token: string; record: ApiTokenRecord }> {
    const token = `${TOKEN_PREFIX}${secret()}`;
    const record: ApiTokenRecord = {
      id: this.ctx.newId(),
      name: name.trim() || 'token',
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: this.ctx.clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.ctx.store.repos.accounts.createToken({ ...record, accountId, hash: sha256(token) });
    return { token, record };
  }

  listTokens(accountId: string): Promise<ApiTokenRecord[]> {
    return this.ctx.store.repos.accounts.listTokens(accountId);
  }

  async revokeToken(accountId: string, tokenId: string): Promise<void> {
    const revoked = await this.ctx.store.repos.accounts.revokeToken(accountId, tokenId, this.ctx.clock.now().toISOString());
    if (!revoked) throw new NotFoundError('KITH_TOKEN_NOT_FOUND', 'no such API token (or it was already revoked)');
  }

  /** The single account of a local installation, for `kith init`. */
  async assertNoAccountYet(): Promise<void> {
    if ((await this.ctx.store.repos.accounts.count()) > 0) {
      throw new ConflictError('KITH_ALREADY_INITIALISED', 'this data folder already has an account; use `kith token create` or sign in');
    }
  }
}
