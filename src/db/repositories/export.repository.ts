// Everything of one account, table by table, for the JSON export. Secrets (password hash, session and token
// hashes) are never part of it.
import type { Executor } from './executor.js';

const EXPORTED_TABLES = ['people', 'person_contacts', 'commonalities', 'promises', 'interactions', 'events', 'event_people', 'stage_history', 'shares', 'share_deliveries', 'message_templates', 'suggestions_set_aside', 'digest_settings', 'person_vcards'] as const;
export type ExportedTable = (typeof EXPORTED_TABLES)[number];

const ORDER: Record<ExportedTable, string[]> = {
  people: ['created_at', 'id'],
  person_contacts: ['person_id', 'kind', 'position'],
  commonalities: ['person_id', 'created_at', 'id'],
  promises: ['person_id', 'created_at', 'id'],
  interactions: ['person_id', 'occurred_on', 'id'],
  events: ['starts_at', 'id'],
  event_people: ['event_id', 'person_id'],
  stage_history: ['person_id', 'changed_at', 'id'],
  shares: ['created_at', 'id'],
  share_deliveries: ['share_id', 'person_id'],
  message_templates: ['reason'],
  suggestions_set_aside: ['key'],
  digest_settings: ['updated_at'],
  // A person's vCard UID, birthday and the card lines Kith keeps as they were (photos: the vCard export has them).
  person_vcards: ['person_id'],
};

const INTERNAL_COLUMNS = new Set(['account_id', 'search_name', 'search_rest', 'search_vector', 'company_key']);

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export class ExportRepository {
  constructor(private readonly db: Executor) {}

  async tables(accountId: string): Promise<Record<ExportedTable, Record<string, unknown>[]>> {
    const result = {} as Record<ExportedTable, Record<string, unknown>[]>;
    for (const table of EXPORTED_TABLES) {
      let query = this.db.selectFrom(table).selectAll().where('account_id', '=', accountId);
      for (const column of ORDER[table]) query = query.orderBy(column as never);
      const rows = (await query.execute()) as Record<string, unknown>[];
      result[table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL_COLUMNS.has(k)).map(([k, v]) => [camel(k), v])),
      );
    }
    return result;
  }
}
