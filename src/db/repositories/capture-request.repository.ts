// The receipts of captures sent with a request id, so that a resent capture finds what the first one made.
import type { Executor } from './executor.js';
import type { CaptureReceipt } from '../../core/records.js';

export class CaptureRequestRepository {
  constructor(private readonly db: Executor) {}

  async find(accountId: string, requestId: string): Promise<CaptureReceipt | null> {
    const row = await this.db
      .selectFrom('capture_requests')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return row ? { requestId: row.request_id, personId: row.person_id, promiseIds: JSON.parse(row.promise_ids) as string[], createdAt: row.created_at } : null;
  }

  /**
   * Records a receipt; false when the request id was taken already. A concurrent request with the same id waits on
   * the primary key until the first one ends (PostgreSQL), or until its own transaction may begin (SQLite), and then
   * inserts nothing: its transaction is not broken by an error, so the caller decides what to undo.
   */
  async record(accountId: string, receipt: CaptureReceipt): Promise<boolean> {
    const inserted = await this.db
      .insertInto('capture_requests')
      .values({
        account_id: accountId,
        request_id: receipt.requestId,
        person_id: receipt.personId,
        promise_ids: JSON.stringify(receipt.promiseIds),
        created_at: receipt.createdAt,
      })
      .onConflict((oc) => oc.columns(['account_id', 'request_id']).doNothing())
      .returning('request_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
