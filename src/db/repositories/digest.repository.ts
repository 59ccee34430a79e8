// Per-account digest settings, and the unsubscribe tokens the digests carry (SHA-256 hashes only).
import type { Executor } from './executor.js';

export interface DigestSettingsRecord {
  frequency: 'off' | 'daily' | 'weekly';
  hour: number;
  weekday: string;
  unsubscribedAt: string | null;
  updatedAt: string | null;
}

export const DEFAULT_DIGEST_SETTINGS: DigestSettingsRecord = { frequency: 'off', hour: 8, weekday: 'monday', unsubscribedAt: null, updatedAt: null };

export class DigestRepository {
  constructor(private readonly db: Executor) {}

  async getSettings(accountId: string): Promise<DigestSettingsRecord> {
    const row = await this.db.selectFrom('digest_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    if (!row) return DEFAULT_DIGEST_SETTINGS;
    return { frequency: row.frequency as DigestSettingsRecord['frequency'], hour: Number(row.hour), weekday: row.weekday, unsubscribedAt: row.unsubscribed_at, updatedAt: row.updated_at };
  }

  async saveSettings(accountId: string, settings: Omit<DigestSettingsRecord, 'updatedAt'>, now: string): Promise<void> {
    const values = { frequency: settings.frequency, hour: settings.hour, weekday: settings.weekday, unsubscribed_at: settings.unsubscribedAt, updated_at: now };
    await this.db
      .insertInto('digest_settings')
      .values({ account_id: accountId, ...values })
      .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
      .execute();
  }

  async addUnsubscribeToken(accountId: string, tokenHash: string, now: string): Promise<void> {
    await this.db.insertInto('unsubscribe_tokens').values({ token_hash: tokenHash, account_id: accountId, created_at: now }).execute();
  }

  async accountOfUnsubscribeToken(tokenHash: string): Promise<string | null> {
    const row = await this.db.selectFrom('unsubscribe_tokens').select('account_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return row?.account_id ?? null;
  }
}
