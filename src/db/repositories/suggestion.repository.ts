// The account's own words for drafted messages, and the suggestions it set aside.
import type { MessageTemplate, TemplateReason } from '../../core/message-template.js';
import type { Executor } from './executor.js';

export class SuggestionRepository {
  constructor(private readonly db: Executor) {}

  /** The templates the account changed, by reason; reasons not here use the defaults. */
  async templates(accountId: string): Promise<Partial<Record<TemplateReason, MessageTemplate & { updatedAt: string }>>> {
    const rows = await this.db.selectFrom('message_templates').select(['reason', 'subject', 'body', 'short', 'updated_at']).where('account_id', '=', accountId).execute();
    return Object.fromEntries(rows.map((r) => [r.reason, { subject: r.subject, body: r.body, short: r.short, updatedAt: r.updated_at }]));
  }

  async saveTemplate(accountId: string, reason: TemplateReason, template: MessageTemplate, at: string): Promise<void> {
    const values = { subject: template.subject, body: template.body, short: template.short, updated_at: at };
    await this.db
      .insertInto('message_templates')
      .values({ account_id: accountId, reason, ...values })
      .onConflict((oc) => oc.columns(['account_id', 'reason']).doUpdateSet(values))
      .execute();
  }

  /** Back to the default words; true when there was a template to remove. */
  async resetTemplate(accountId: string, reason: TemplateReason): Promise<boolean> {
    const result = await this.db.deleteFrom('message_templates').where('account_id', '=', accountId).where('reason', '=', reason).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Keys set aside through `from` or later, with the last day each stays hidden. */
  async setAside(accountId: string, from: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('suggestions_set_aside')
      .select(['key', 'hidden_through'])
      .where('account_id', '=', accountId)
      .where('hidden_through', '>=', from)
      .execute();
    return new Map(rows.map((r) => [r.key, r.hidden_through]));
  }

  async setAsideUntil(accountId: string, key: string, hiddenThrough: string, at: string): Promise<void> {
    await this.db
      .insertInto('suggestions_set_aside')
      .values({ account_id: accountId, key, hidden_through: hiddenThrough, created_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'key']).doUpdateSet({ hidden_through: hiddenThrough, created_at: at }))
      .execute();
  }

  /** Forgets what was hidden before `before`: it would never hide anything again. */
  async forgetSetAsideBefore(accountId: string, before: string): Promise<void> {
    await this.db.deleteFrom('suggestions_set_aside').where('account_id', '=', accountId).where('hidden_through', '<', before).execute();
  }
}
