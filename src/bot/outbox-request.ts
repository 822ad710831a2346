import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import type { CloudKind, NewOutboxRow } from '../store/sql/queue-sql.js';
import type { FileType } from './file.js';
import { encodeTarget, type OutMessage, type Target } from './message.js';

/** One outbound message. `uuid` is what Lark deduplicates on: keep it stable across retries. */
export type OutboxRequest = (
  | { kind: 'message'; to: Target; message: OutMessage }
  | { kind: 'patch'; messageId: string; card: Record<string, unknown> }
  | { kind: 'file'; to: Target; fileName: string; fileType: FileType; data: Buffer }
  /** Cloud work (src/cloud/): `subject` names what it is about (a case code, a document key). */
  | { kind: CloudKind; subject: string; payload: unknown }
) & {
  uuid?: string;
  ref?: string;
  /** The conversation it belongs to (a reply: its chat); messages with one key leave in order. */
  orderKey?: string;
};

/** The row a request is stored as (without its time): for enqueue, and for a store function
 * that writes messages in the same transaction as the change they tell about. */
export function outboxRowOf(request: OutboxRequest): Omit<NewOutboxRow, 'now'> {
  const common = { uuid: request.uuid ?? randomUUID(), ref: request.ref ?? null, orderKey: request.orderKey };
  if (request.kind === 'message') {
    const kind = 'replyTo' in request.to ? 'reply' : 'send';
    return { ...common, kind, target: encodeTarget(request.to), payload: JSON.stringify(request.message), blob: null };
  }
  if (request.kind === 'patch') {
    return { ...common, kind: 'patch', target: encodeTarget({ replyTo: request.messageId }), payload: JSON.stringify({ type: 'card', card: request.card }), blob: null };
  }
  if (request.kind !== 'file') {
    // Its own order key unless given: a document being written must not hold up the chat.
    const target = `${request.kind}:${request.subject}`;
    return { ...common, orderKey: request.orderKey ?? target, kind: request.kind, target, payload: JSON.stringify(request.payload), blob: null };
  }
  return { ...common, kind: 'file', target: encodeTarget(request.to), payload: JSON.stringify({ fileName: request.fileName, fileType: request.fileType }), blob: request.data };
}

/** Stores a message to be sent (a second call with the same uuid stores nothing); returns the uuid. */
export async function enqueue(db: Db, request: OutboxRequest, now: Date = new Date()): Promise<string> {
  const row = { ...outboxRowOf(request), now };
  // Another process holding SQLite's lock is waited out by the connection itself (store/sqlite/).
  await db.queues.outbox.insert(row);
  return row.uuid;
}
