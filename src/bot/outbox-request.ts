import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import { retryBusy } from '../store/busy-error.js';
import type { FileType } from './file.js';
import { encodeTarget, type OutMessage, type Target } from './message.js';

/** One outbound message. `uuid` is what Lark deduplicates on: keep it stable across retries. */
export type OutboxRequest = (
  | { kind: 'message'; to: Target; message: OutMessage }
  | { kind: 'patch'; messageId: string; card: Record<string, unknown> }
  | { kind: 'file'; to: Target; fileName: string; fileType: FileType; data: Buffer }
) & {
  uuid?: string;
  ref?: string;
  /** The conversation it belongs to (a reply: its chat); messages with one key leave in order. */
  orderKey?: string;
};

/** Stores a message to be sent (a second call with the same uuid stores nothing); returns the uuid. */
export async function enqueue(db: Db, request: OutboxRequest, now: Date = new Date()): Promise<string> {
  const uuid = request.uuid ?? randomUUID();
  const common = { uuid, ref: request.ref ?? null, orderKey: request.orderKey, now };
  // A busy database (another replica, an import) is waited for off the event loop.
  await retryBusy(() => {
    if (request.kind === 'message') {
      const kind = 'replyTo' in request.to ? 'reply' : 'send';
      db.queues.outbox.insert({ ...common, kind, target: encodeTarget(request.to), payload: JSON.stringify(request.message), blob: null });
    } else if (request.kind === 'patch') {
      const payload = JSON.stringify({ type: 'card', card: request.card });
      db.queues.outbox.insert({ ...common, kind: 'patch', target: encodeTarget({ replyTo: request.messageId }), payload, blob: null });
    } else {
      const payload = JSON.stringify({ fileName: request.fileName, fileType: request.fileType });
      db.queues.outbox.insert({ ...common, kind: 'file', target: encodeTarget(request.to), payload, blob: request.data });
    }
  });
  return uuid;
}
