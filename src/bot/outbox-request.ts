import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import type { FileType } from './file.js';
import { encodeTarget, type OutMessage, type Target } from './message.js';

/** One outbound message. `uuid` is what Lark deduplicates on: keep it stable across retries. */
export type OutboxRequest =
  | { kind: 'message'; to: Target; message: OutMessage; uuid?: string; ref?: string }
  | { kind: 'patch'; messageId: string; card: Record<string, unknown>; uuid?: string; ref?: string }
  | { kind: 'file'; to: Target; fileName: string; fileType: FileType; data: Buffer; uuid?: string; ref?: string };

/** Stores a message to be sent (a second call with the same uuid stores nothing); returns the uuid. */
export async function enqueue(db: Db, request: OutboxRequest, now: Date = new Date()): Promise<string> {
  const uuid = request.uuid ?? randomUUID();
  const ref = request.ref ?? null;
  if (request.kind === 'message') {
    const kind = 'replyTo' in request.to ? 'reply' : 'send';
    await db.queues.outbox.insert({ uuid, kind, target: encodeTarget(request.to), payload: JSON.stringify(request.message), blob: null, ref, now });
  } else if (request.kind === 'patch') {
    const payload = JSON.stringify({ type: 'card', card: request.card });
    await db.queues.outbox.insert({ uuid, kind: 'patch', target: encodeTarget({ replyTo: request.messageId }), payload, blob: null, ref, now });
  } else {
    const payload = JSON.stringify({ fileName: request.fileName, fileType: request.fileType });
    await db.queues.outbox.insert({ uuid, kind: 'file', target: encodeTarget(request.to), payload, blob: request.data, ref, now });
  }
  return uuid;
}
