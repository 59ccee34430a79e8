// The JSON export of all of an account's data: what a person needs to leave, or to keep a copy.
import type { AppContext } from './context.js';
import type { AccountRecord, ApiTokenRecord, SettingsRecord } from '../core/records.js';
import type { ExportedTable } from '../db/repositories/export.repository.js';

export const EXPORT_FORMAT = 'kith-export';
export const EXPORT_VERSION = 1;

export interface AccountExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  account: AccountRecord;
  settings: SettingsRecord;
  apiTokens: ApiTokenRecord[];
  data: Record<ExportedTable, Record<string, unknown>[]>;
}

export class ExportService {
  constructor(private readonly ctx: AppContext) {}

  async exportAccount(accountId: string): Promise<AccountExport> {
    // One transaction gives a consistent snapshot even while the person keeps working.
    return this.ctx.store.transaction(async (repos) => {
      const account = await repos.accounts.findById(accountId);
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: this.ctx.clock.now().toISOString(),
        account: account!,
        settings: await repos.accounts.getSettings(accountId),
        apiTokens: await repos.accounts.listTokens(accountId),
        data: await repos.exports.tables(accountId),
      };
    });
  }
}
