// Accounts, their sessions, API tokens and settings.
import type { Executor } from './executor.js';
import type { AccountRecord, ApiTokenRecord, SettingsRecord } from '../../core/records.js';
import type { SettingsRow } from '../schema.js';
import { ConflictError } from '../../core/errors.js';
import { mapUniqueViolation } from '../db-errors.js';
import type { Stage } from '../../core/types.js';

export interface StoredAccount extends AccountRecord {
  passwordHash: string;
}

export interface StoredSession {
  accountId: string;
  csrfToken: string;
  expiresAt: string;
}

function toSettings(row: SettingsRow): SettingsRecord {
  const cadenceDays: Record<Stage, number | null> = {
    met: row.cadence_met,
    talking: row.cadence_talking,
    relationship: row.cadence_relationship,
    client: row.cadence_client,
    dormant: row.cadence_dormant,
  };
  return {
    timeZone: row.time_zone,
    followUpWindowDays: row.follow_up_window_days,
    promiseDefaultDays: row.promise_default_days,
    cadenceDays,
    defaultGoal: row.default_goal,
    dailySuggestions: row.daily_suggestions,
    defaultRegion: row.default_region,
    currentEventId: row.current_event_id,
    onboarded: row.onboarded_at !== null,
  };
}

export class AccountRepository {
  constructor(private readonly db: Executor) {}

  async create(account: { id: string; email: string; passwordHash: string; createdAt: string }, settings: SettingsRecord): Promise<void> {
    await mapUniqueViolation(
      () =>
        this.db
          .insertInto('accounts')
          .values({ id: account.id, email: account.email, password_hash: account.passwordHash, created_at: account.createdAt })
          .execute(),
      () => new ConflictError('KITH_ACCOUNT_EXISTS', `an account with the e-mail ${account.email} already exists; sign in instead`),
    );
    await this.db
      .insertInto('account_settings')
      .values({ account_id: account.id, ...this.settingsColumns(settings), updated_at: account.createdAt })
      .execute();
  }

  async findByEmail(email: string): Promise<StoredAccount | null> {
    const row = await this.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at } : null;
  }

  async findById(id: string): Promise<AccountRecord | null> {
    const row = await this.db.selectFrom('accounts').select(['id', 'email', 'created_at']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, email: row.email, createdAt: row.created_at } : null;
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getSettings(accountId: string): Promise<SettingsRecord> {
    const row = await this.db.selectFrom('account_settings').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return toSettings(row);
  }

  async updateSettings(accountId: string, settings: SettingsRecord, at: string): Promise<void> {
    await this.db
      .updateTable('account_settings')
      .set({ ...this.settingsColumns(settings), updated_at: at })
      .where('account_id', '=', accountId)
      .execute();
  }

  /** When the first run was completed, or null to show it again. */
  async setOnboardedAt(accountId: string, onboardedAt: string | null): Promise<void> {
    await this.db.updateTable('account_settings').set({ onboarded_at: onboardedAt }).where('account_id', '=', accountId).execute();
  }

  /** The columns written from the settings record; `onboarded` has its own method (it keeps when, not only whether). */
  private settingsColumns(s: SettingsRecord) {
    return {
      time_zone: s.timeZone,
      follow_up_window_days: s.followUpWindowDays,
      promise_default_days: s.promiseDefaultDays,
      cadence_met: s.cadenceDays.met,
      cadence_talking: s.cadenceDays.talking,
      cadence_relationship: s.cadenceDays.relationship,
      cadence_client: s.cadenceDays.client,
      cadence_dormant: s.cadenceDays.dormant,
      default_goal: s.defaultGoal,
      daily_suggestions: s.dailySuggestions,
      default_region: s.defaultRegion,
      current_event_id: s.currentEventId,
    };
  }

  // Sessions

  async createSession(session: { idHash: string; accountId: string; csrfToken: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.idHash,
        account_id: session.accountId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async findSession(idHash: string, now: string): Promise<StoredSession | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['account_id', 'csrf_token', 'expires_at'])
      .where('id', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? { accountId: row.account_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', idHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // API tokens

  async createToken(token: { id: string; accountId: string; name: string; hash: string; prefix: string; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        account_id: token.accountId,
        name: token.name,
        token_hash: token.hash,
        token_prefix: token.prefix,
        created_at: token.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  }

  async findTokenAccount(hash: string): Promise<{ tokenId: string; accountId: string; lastUsedAt: string | null } | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'account_id', 'last_used_at'])
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? { tokenId: row.id, accountId: row.account_id, lastUsedAt: row.last_used_at } : null;
  }

  async touchToken(tokenId: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
  }

  async listTokens(accountId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.token_prefix,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }

  async revokeToken(accountId: string, tokenId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
