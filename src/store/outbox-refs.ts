import type { Db } from './database.js';

/** The Lark message id the outbox got back for the first sent message stored under `ref`. */
export async function sentMessageIdByRef(db: Db, ref: string): Promise<string | undefined> {
  const sent = await db.outboxMessage.findFirst({ where: { ref, messageId: { not: null } }, orderBy: { id: 'asc' } });
  return sent?.messageId ?? undefined;
}

/** True once a message under `ref` is stored for sending. */
export async function outboxHasRef(db: Db, ref: string): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { ref } })) > 0;
}
