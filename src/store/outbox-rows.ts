import type { DbTx } from './cases/case-types.js';
import type { NewOutboxRow } from './sql/queue-sql.js';

/** An outbox row written inside another store function's transaction (a notice, a Base upsert). */
export type Notice = Omit<NewOutboxRow, 'now'>;

/**
 * Stores rows in the caller's transaction, due at once (the epoch, like every new outbox row):
 * the change and what tells about it happen together or not at all.
 */
export async function insertNotices(tx: DbTx, rows: Notice[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.outboxMessage.createMany({
    data: rows.map((n) => ({
      uuid: n.uuid, kind: n.kind, target: n.target, payload: n.payload, blob: n.blob ? new Uint8Array(n.blob) : null, ref: n.ref,
      orderKey: n.orderKey ?? n.target, status: 'pending', nextAttemptAt: new Date(0), createdAt: at,
    })),
  });
}
